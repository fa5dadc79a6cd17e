import { describe, expect, it } from 'vitest';
import { initialModel, reduceMessage, reduceTexts } from '../store/messageHandler.js';

const node = (id, extra = {}) => ({ id: String(id), tier: 3, capital_ratio: 0.1, stress: 0, status: 'active', last_updated_timestep: 0, ...extra });
const state = (timestep, extra = {}) => ({ type: 'STATE_UPDATE', schema_version: '1.0',
  payload: { timestep, scenario: 'liquidity_freeze', policy: 'heuristic', seed: 42, asset_price: 1, nodes: [node(0), node(1)], edges: [], ...extra } });
const event = (t, n, type = 'LEND') => ({ type: 'EVENT', payload: { event_id: `evt-${t}-${n}`, event_type: type, from: 0, to: 1, amount: 1, timestamp: t } });
const metrics = (t) => ({ type: 'METRICS_UPDATE', payload: { liquidity: 0.9, default_rate: 0, equilibrium_score: 0.8, timestep: t } });

function run(messages, model = initialModel()) {
  for (const m of messages) model = reduceMessage(model, m).model;
  return model;
}

/** A run received up to step `to`: state 0, then per step an event, the state and the metrics. */
function runTo(to, type = 'LEND') {
  const messages = [state(0), metrics(0)];
  for (let t = 1; t <= to; t++) messages.push(event(t, 0, t === 12 ? 'DEFAULT' : type), state(t), metrics(t));
  return run(messages);
}

describe('the run history the message handler keeps', () => {
  it('keeps a frame for every step received, cleared at a new run', () => {
    const model = runTo(40);
    expect(model.frames.stats().frames).toBe(41);
    expect(model.frames.frameAt(12).events[0].event_type).toBe('DEFAULT');
    const next = run([state(0, { seed: 7 })], model);
    expect(next.frames.stats().frames).toBe(1);
    expect(next.replay).toBe(null);
  });

  it('keeps a snapshot a batch superseded as text, shown when asked', () => {
    const model = runTo(3);
    const texts = [4, 5, 6].map((t) => JSON.stringify(state(t)));
    const out = reduceTexts(model, texts).model;
    expect(out.state.timestep).toBe(6);
    expect(out.frames.frameAt(5).state.timestep).toBe(5);
  });
});

describe('a rewind the page asked for', () => {
  it('keeps the run up to the step and forgets what came after it', () => {
    const model = { ...runTo(40), branchExpected: { step: 10 } };
    const out = reduceMessage(model, state(10));
    const m = out.model;
    expect(out.animations).toEqual([{ kind: 'clear' }]);
    expect(m.runId).toBe(model.runId);
    expect(m.state.timestep).toBe(10);
    expect(m.frames.lastStep()).toBe(10);
    expect(m.frames.firstStep()).toBe(0);
    expect(m.series.map((s) => s.timestep)).toEqual([...Array(11).keys()]);
    expect(m.timeline.map((e) => e.timestamp)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);  // refilled from the frames
    expect(m.milestones).toEqual([]);  // the default of step 12 has not happened
    expect(m.stepCounts.at(-1).timestep).toBe(10);
    expect(m.branchExpected).toBe(null);
  });

  it('the branch\'s own events are not taken for duplicates of the original\'s', () => {
    const model = { ...runTo(40), branchExpected: { step: 10 } };
    const m = run([state(10), event(11, 0, 'HOARD'), state(11)], model);
    expect(m.timeline[0]).toMatchObject({ event_id: 'evt-11-0', event_type: 'HOARD' });
    expect(m.frames.frameAt(11).events.map((e) => e.event_type)).toEqual(['HOARD']);
  });

  it('a policy switch (the run\'s policy kept, current_policy added) continues the run; another policy is a new run', () => {
    const model = { ...runTo(40), branchExpected: { step: 10 } };
    const m = run([state(10), state(11, { current_policy: 'heuristic+no_hoard' })], model);
    expect(m.runId).toBe(model.runId);
    expect(m.frames.firstStep()).toBe(0);
    const other = run([state(12, { policy: 'all_hold' })], m);
    expect(other.runId).toBe(m.runId + 1);
  });

  it('an earlier step nobody asked for is a new run, as before', () => {
    const model = runTo(40);
    const m = run([state(10)], model);
    expect(m.runId).toBe(model.runId + 1);
    expect(m.frames.stats().frames).toBe(1);
  });

  it('a rewind superseded in its batch is still seen as a rewind', () => {
    const model = { ...runTo(40), branchExpected: { step: 10 } };
    const out = reduceTexts(model, [state(10), metrics(10), event(11, 0), state(11)].map((m) => JSON.stringify(m))).model;
    expect(out.runId).toBe(model.runId);
    expect(out.frames.lastStep()).toBe(11);
    expect(out.frames.frameAt(11).events).toHaveLength(1);
  });
});
