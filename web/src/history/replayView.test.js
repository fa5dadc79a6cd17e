import { describe, expect, it } from 'vitest';
import { createSimulationStore } from '../store/simulationStore.js';
import { createBus } from '../animation/animationBus.js';
import { goLive, isReplaying, replayAnimations, shownMetrics, shownState, shownStep, showStep, stepBy } from './replayView.js';

const node = (id, status = 'active') => ({ id: String(id), tier: 3, capital_ratio: 0.1, stress: 0, status, last_updated_timestep: 0 });
const text = (m) => JSON.stringify(m);

/** A store that received a run to step `to`, bank 1 defaulting at step 12. */
function storeAt(to) {
  const store = createSimulationStore({ bus: createBus() });
  const texts = [];
  for (let t = 0; t <= to; t++) {
    if (t === 12) texts.push(text({ type: 'EVENT', payload: { event_id: 'evt-12-0', event_type: 'DEFAULT', from: 1, timestamp: 12 } }));
    texts.push(text({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: t, scenario: 'liquidity_freeze', policy: 'heuristic',
      seed: 42, asset_price: 1, nodes: [node(0), node(1, t >= 12 ? 'defaulted' : 'active')], edges: [] } }));
    texts.push(text({ type: 'METRICS_UPDATE', payload: { timestep: t, liquidity: 1 - t / 100, default_rate: 0, equilibrium_score: 1 } }));
    store.getState().receiveTexts(texts.splice(0));  // one batch per step, as the page's frames deliver them
  }
  return store;
}

describe('the displayed step', () => {
  it('is the newest step while live', () => {
    const store = storeAt(40);
    expect(isReplaying(store.getState())).toBe(false);
    expect(shownStep(store.getState())).toBe(40);
  });

  it('scrubbed back, shows that step\'s state and metrics, not the newest', () => {
    const store = storeAt(40);
    showStep(store, 10);
    const s = store.getState();
    expect(isReplaying(s)).toBe(true);
    expect(shownState(s).timestep).toBe(10);
    expect(shownState(s).nodes[1].status).toBe('active');  // the default of step 12 has not happened yet
    expect(shownMetrics(s).liquidity).toBeCloseTo(0.9);
    expect(s.state.timestep).toBe(40);  // the live state is untouched
  });

  it('steps frame by frame, and forward from the newest goes live', () => {
    const store = storeAt(40);
    showStep(store, 10);
    stepBy(store, +1);
    stepBy(store, +1);
    expect(shownState(store.getState()).nodes[1].status).toBe('defaulted');
    expect(shownStep(store.getState())).toBe(12);
    stepBy(store, -1);
    expect(shownStep(store.getState())).toBe(11);
    showStep(store, 39);
    stepBy(store, +1);
    expect(isReplaying(store.getState())).toBe(false);
  });

  it('stepping back from live enters the replay one step back; back from the first frame stays', () => {
    const store = storeAt(5);
    stepBy(store, -1);
    expect(shownStep(store.getState())).toBe(4);
    showStep(store, 0);
    stepBy(store, -1);
    expect(shownStep(store.getState())).toBe(0);
  });

  it('a step at or beyond the newest, or Live, shows the newest; the live stream keeps arriving under a replay', () => {
    const store = storeAt(20);
    showStep(store, 5);
    store.getState().receiveTexts([text({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: 21, scenario: 'liquidity_freeze',
      policy: 'heuristic', seed: 42, asset_price: 1, nodes: [node(0), node(1, 'defaulted')], edges: [] } })]);
    expect(shownStep(store.getState())).toBe(5);
    expect(store.getState().frames.lastStep()).toBe(21);
    goLive(store);
    expect(shownStep(store.getState())).toBe(21);
    showStep(store, 5);
    showStep(store, 99);
    expect(isReplaying(store.getState())).toBe(false);
  });

  it('a new run ends the replay', () => {
    const store = storeAt(20);
    showStep(store, 5);
    store.getState().receiveTexts([text({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: 0, scenario: 'calm',
      policy: 'heuristic', seed: 42, asset_price: 1, nodes: [node(0), node(1)], edges: [] } })]);
    expect(isReplaying(store.getState())).toBe(false);
    expect(shownStep(store.getState())).toBe(0);
  });
});

describe('replay animations', () => {
  const frame = (timestep, previousStep, events = []) => ({ timestep, previousStep, events });
  it('playing forward frame by frame animates the step\'s own events, then its state', () => {
    const e = { event_id: 'evt-12-0', event_type: 'DEFAULT', from: 1, timestamp: 12 };
    expect(replayAnimations(frame(11, 10), frame(12, 11, [e]))).toEqual([{ kind: 'event', event: e }, { kind: 'state', timestep: 12 }]);
  });
  it('a jump, a step back or going live clears the effects', () => {
    expect(replayAnimations(frame(11, 10), frame(30, 29))).toEqual([{ kind: 'clear' }]);
    expect(replayAnimations(frame(12, 11), frame(11, 10))).toEqual([{ kind: 'clear' }]);
    expect(replayAnimations(frame(12, 11), null)).toEqual([{ kind: 'clear' }]);
    expect(replayAnimations(null, frame(12, 11))).toEqual([{ kind: 'clear' }]);
  });
});
