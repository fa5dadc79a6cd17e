import { describe, expect, it } from 'vitest';
import { BYTES_PER_EDGE, BYTES_PER_EVENT, BYTES_PER_FRAME, BYTES_PER_METRICS, BYTES_PER_NODE, FRAME_BUDGET_BYTES,
  createFrameHistory, stateBytes, stateTextTimestep } from './frameHistory.js';

const payload = (timestep, { nodes = 2, edges = 1 } = {}) => ({
  timestep, scenario: 'calm', policy: 'heuristic', seed: 42, asset_price: 1,
  nodes: [...Array(nodes).keys()].map((i) => ({ id: String(i), status: 'active' })),
  edges: [...Array(edges).keys()].map((i) => ({ source: '0', target: String(i + 1), weight: 1 })),
});
const event = (t, n, type = 'LEND') => ({ event_id: `evt-${t}-${n}`, event_type: type, from: 0, timestamp: t });
const metrics = (t) => ({ timestep: t, liquidity: 0.9 });

/** A history with steps from..to, each with a state, metrics and one LEND event. */
function filled(to, options, from = 0) {
  const h = createFrameHistory(options);
  for (let t = from; t <= to; t++) {
    h.addEvent(event(t, 0));
    h.putState(payload(t));
    h.putMetrics(metrics(t));
  }
  return h;
}

describe('frame lookup', () => {
  it('shows a kept step exactly as received: its state, metrics and events', () => {
    const h = filled(40);
    const frame = h.frameAt(10);
    expect(frame.timestep).toBe(10);
    expect(frame.state.timestep).toBe(10);
    expect(frame.metrics).toEqual(metrics(10));
    expect(frame.events.map((e) => e.event_id)).toEqual(['evt-10-0']);
    expect(frame.previousStep).toBe(9);
    expect([h.firstStep(), h.lastStep()]).toEqual([0, 40]);
  });

  it('a step not kept shows the kept step before it; before the first, the first', () => {
    const h = createFrameHistory();
    for (const t of [3, 5, 9]) h.putState(payload(t));
    expect(h.frameAt(7).timestep).toBe(5);
    expect(h.frameAt(100).timestep).toBe(9);
    expect(h.frameAt(0).timestep).toBe(3);
    expect([h.stepBefore(5), h.stepAfter(5), h.stepBefore(3), h.stepAfter(9)]).toEqual([3, 9, null, null]);
  });

  it('a step with events but no state yet is not shown', () => {
    const h = createFrameHistory();
    h.putState(payload(4));
    h.addEvent(event(5, 0));
    expect(h.lastStep()).toBe(4);
    expect(h.frameAt(5).timestep).toBe(4);
    expect(h.stepAfter(4)).toBe(null);
    expect(createFrameHistory().frameAt(3)).toBe(null);
  });

  it('a snapshot kept as text is parsed when first shown', () => {
    const h = createFrameHistory();
    const text = JSON.stringify({ type: 'STATE_UPDATE', schema_version: '1.0', payload: payload(6) });
    expect(stateTextTimestep(text)).toBe(6);
    h.putStateText(6, text);
    expect(h.stats().bytes).toBe(BYTES_PER_FRAME + text.length);
    expect(h.frameAt(6).state).toEqual(payload(6));
    expect(h.stats().bytes).toBe(BYTES_PER_FRAME + stateBytes(payload(6)));
    expect(stateTextTimestep('{"type":"STATE_UPDATE","payload":{}}')).toBe(null);
  });

  it('withdrawalsAt gives the nodes deposits left at exactly that step, from a kept text without keeping it parsed', () => {
    const h = createFrameHistory();
    const withWithdrawals = (t) => ({ ...payload(t, { nodes: 3 }), nodes: [{ id: '0', status: 'active', run_withdrawal: 2.5 },
      { id: '1', status: 'active' }, { id: '2', status: 'active', shock_withdrawal: 1 }] });
    const text = (p) => JSON.stringify({ type: 'STATE_UPDATE', schema_version: '1.0', payload: p });
    h.putState(withWithdrawals(4));
    h.putStateText(6, text(withWithdrawals(6)));
    h.putStateText(8, text(payload(8)));
    expect(h.withdrawalsAt(4).map((n) => n.id)).toEqual(['0', '2']);
    expect(h.withdrawalsAt(5)).toBe(null);
    const before = h.stats().bytes;
    expect(h.withdrawalsAt(6)).toEqual([withWithdrawals(6).nodes[0], withWithdrawals(6).nodes[2]]);
    expect(h.stats().bytes).toBe(before + 2 * BYTES_PER_NODE);  // only the two nodes are kept beside the text
    expect(h.withdrawalsAt(8)).toEqual([]);                     // no withdrawal named: not parsed
    expect(h.withdrawalsAt(9)).toBe(null);
    expect(h.frameAt(6).state).toEqual(withWithdrawals(6));      // shown once, parsed
    expect(h.withdrawalsAt(6).map((n) => n.id)).toEqual(['0', '2']);
    expect(h.stats().bytes).toBe(before - text(withWithdrawals(6)).length + stateBytes(withWithdrawals(6)));
  });

  it('recent events come newest first from the last few steps up to the one shown', () => {
    const h = filled(10);
    h.addEvent(event(8, 1, 'DEFAULT'));
    expect(h.recentEvents(8, 2).map((e) => e.event_id)).toEqual(['evt-8-1', 'evt-8-0', 'evt-7-0']);
  });
});

describe('memory bounds', () => {
  it('estimates a frame from its nodes, edges, events and metrics', () => {
    const h = createFrameHistory();
    h.addEvent(event(1, 0));
    h.putState(payload(1, { nodes: 100, edges: 500 }));
    h.putMetrics(metrics(1));
    expect(h.stats().bytes).toBe(BYTES_PER_FRAME + 100 * BYTES_PER_NODE + 500 * BYTES_PER_EDGE + BYTES_PER_METRICS + BYTES_PER_EVENT);
  });

  it('200 steps of a 100-bank crisis fit in the budget without thinning', () => {
    const h = createFrameHistory();
    for (let t = 0; t <= 200; t++) {
      for (let n = 0; n < 45; n++) h.addEvent(event(t, n));
      h.putState(payload(t, { nodes: 100, edges: 230 }));
      h.putMetrics(metrics(t));
    }
    expect(h.stats()).toMatchObject({ frames: 201, thinned: 0 });
    expect(h.stats().bytes).toBeLessThan(FRAME_BUDGET_BYTES / 3);
  });

  it('beyond the budget thins the older half and keeps the recent steps frame by frame', () => {
    const perFrame = BYTES_PER_FRAME + stateBytes(payload(0)) + BYTES_PER_METRICS + BYTES_PER_EVENT;
    const h = filled(99, { budgetBytes: perFrame * 50 });
    const { frames, bytes, thinned } = h.stats();
    expect(bytes).toBeLessThanOrEqual(perFrame * 50);
    expect(frames + thinned).toBe(100);
    expect(h.firstStep()).toBe(0);  // the run's start is kept
    for (let t = 80; t <= 99; t++) expect(h.frameAt(t).timestep).toBe(t);
    expect(h.frameAt(1).timestep).toBe(0);  // thinned: shown as the kept step before
  });

  it('never keeps more than maxFrames frames', () => {
    const h = filled(999, { maxFrames: 100 });
    expect(h.stats().frames).toBeLessThanOrEqual(100);
    expect(h.lastStep()).toBe(999);
  });

  it('a thinned frame hands its defaults and price drops to the frame after it', () => {
    const h = createFrameHistory({ maxFrames: 4 });
    for (let t = 0; t <= 3; t++) h.putState(payload(t));
    h.addEvent(event(1, 0, 'DEFAULT'));
    h.addEvent(event(1, 1, 'LEND'));
    h.putState(payload(4));
    expect(h.stats()).toMatchObject({ frames: 4, thinned: 1 });
    const after = h.frameAt(2);
    expect(after.timestep).toBe(2);
    expect(after.previousStep).toBe(0);
    expect(after.events.map((e) => e.event_id)).toEqual(['evt-1-0']);
  });

  it('keeps the newest frame even when one frame is over the budget', () => {
    const h = filled(3, { budgetBytes: 10 });
    expect(h.stats().frames).toBe(1);
    expect(h.lastStep()).toBe(3);
  });
});

describe('rewind and new runs', () => {
  it('truncateAfter forgets the steps after the rewind and their bytes', () => {
    const h = filled(40);
    const bytesAt10 = filled(10).stats().bytes;
    h.truncateAfter(10);
    expect(h.lastStep()).toBe(10);
    expect(h.stats().bytes).toBe(bytesAt10);
    h.putState(payload(11));
    expect(h.stepAfter(10)).toBe(11);
  });

  it('clear forgets everything', () => {
    const h = filled(5);
    h.clear();
    expect(h.stats()).toEqual({ frames: 0, bytes: 0, thinned: 0 });
    expect(h.frameAt(0)).toBe(null);
  });
});
