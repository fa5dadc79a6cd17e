import { describe, expect, it } from 'vitest';
import { initialModel, reduceMessage, reduceTexts, eventOrder } from './messageHandler.js';

const node = (id, extra = {}) => ({ id: String(id), tier: 3, capital_ratio: 0.1, stress: 0, status: 'active', last_updated_timestep: 0, ...extra });
const state = (timestep, nodes = [node(0), node(1)], extra = {}) => ({
  type: 'STATE_UPDATE', schema_version: '1.0',
  payload: { timestep, scenario: 'calm', policy: 'heuristic', seed: 42, asset_price: 1, nodes, edges: [], ...extra },
});
const event = (t, n, type = 'LEND', extra = {}) => ({ type: 'EVENT', payload: { event_id: `evt-${t}-${n}`, event_type: type, from: 0, to: 1, amount: 1, timestamp: t, ...extra } });
const metrics = (t, liquidity = 0.9) => ({ type: 'METRICS_UPDATE', payload: { liquidity, default_rate: 0, equilibrium_score: 0.8, timestep: t } });

function run(messages, model = initialModel()) {
  const animations = [];
  for (const m of messages) {
    const out = reduceMessage(model, m);
    model = out.model;
    animations.push(...out.animations);
  }
  return { model, animations };
}

describe('STATE_UPDATE always wins', () => {
  it('replaces the snapshot whatever the events said', () => {
    const { model } = run([state(0), event(1, 0, 'DEFAULT', { from: 1 }), state(1, [node(0), node(1, { status: 'active' })])]);
    expect(model.state.timestep).toBe(1);
    expect(model.state.nodes[1].status).toBe('active');  // the event never changes a node
  });

  it('a defaulted bank is shown defaulted even with no DEFAULT event received', () => {
    const { model } = run([state(0), state(1, [node(0), node(1, { status: 'defaulted' })])]);
    expect(model.state.nodes[1].status).toBe('defaulted');
    expect(model.timeline).toEqual([]);
  });

  it('an earlier timestep starts a new run and clears series and timeline', () => {
    const { model } = run([state(0), metrics(0), state(1), event(2, 0), metrics(1), state(0)]);
    expect(model.runId).toBe(2);
    expect(model.series).toEqual([]);
    expect(model.timeline).toEqual([]);
  });

  it('a different seed or scenario starts a new run even at a later timestep', () => {
    const first = run([state(0), state(5)]).model;
    const next = reduceMessage(first, state(6, undefined, { seed: 7 })).model;
    expect(next.runId).toBe(first.runId + 1);
  });

  it('tells the overlay about every snapshot so stale effects are dropped', () => {
    const { animations } = run([state(0), state(3)]);
    expect(animations).toEqual([{ kind: 'clear' }, { kind: 'state', timestep: 3 }]);
  });
});

describe('EVENTs are tolerated in any order, duplicated or missing', () => {
  it('ignores duplicates by event_id', () => {
    const { model, animations } = run([state(0), event(1, 0), event(1, 0), event(1, 0)]);
    expect(model.timeline).toHaveLength(1);
    expect(animations.filter((a) => a.kind === 'event')).toHaveLength(1);
  });

  it('orders the timeline by timestep and sequence, newest first, whatever the arrival order', () => {
    const { model } = run([state(0), event(2, 1), event(1, 0), event(2, 0), event(1, 3)]);
    expect(model.timeline.map((e) => e.event_id)).toEqual(['evt-2-1', 'evt-2-0', 'evt-1-3', 'evt-1-0']);
  });

  it('does not animate an event older than the snapshot on screen (the state already shows it)', () => {
    const { model, animations } = run([state(0), state(5), event(3, 0, 'HOARD')]);
    expect(model.timeline).toHaveLength(1);
    expect(animations.some((a) => a.kind === 'event')).toBe(false);
  });

  it('animates events of the step being drawn and of the next one', () => {
    const { animations } = run([state(4), event(5, 0), event(4, 1)]);
    expect(animations.filter((a) => a.kind === 'event').map((a) => a.event.event_id)).toEqual(['evt-5-0', 'evt-4-1']);
  });

  it('ignores malformed events', () => {
    const { model } = run([state(0), { type: 'EVENT', payload: { event_type: 'LEND' } }, { type: 'EVENT' }]);
    expect(model.timeline).toEqual([]);
  });

  it('counts events per step and type, in step order, whatever the arrival order', () => {
    const { model } = run([state(0), event(2, 0, 'HOARD'), event(1, 0), event(2, 1, 'HOARD'), event(2, 2, 'DEFAULT'), event(2, 2, 'DEFAULT')]);
    expect(model.stepCounts).toEqual([{ timestep: 1, LEND: 1 }, { timestep: 2, HOARD: 2, DEFAULT: 1 }]);
  });

  it('eventOrder sorts by timestamp then sequence', () => {
    expect(eventOrder({ event_id: 'evt-3-10', timestamp: 3 })).toBeGreaterThan(eventOrder({ event_id: 'evt-3-9', timestamp: 3 }));
  });
});

describe('METRICS_UPDATE', () => {
  it('appends in timestep order and replaces a repeated timestep', () => {
    const { model } = run([state(0), metrics(0), metrics(1, 0.5), metrics(1, 0.4), metrics(2)]);
    expect(model.series.map((m) => [m.timestep, m.liquidity])).toEqual([[0, 0.9], [1, 0.4], [2, 0.9]]);
    expect(model.metrics.timestep).toBe(2);
  });
});

describe('own messages', () => {
  it('files STATUS, non-fatal and fatal ERRORs, READY and CONNECTION', () => {
    const { model } = run([
      { type: 'READY', payload: { catalogue: { scenarios: [{ name: 'calm' }] }, engine: { exceptions: true } } },
      { type: 'STATUS', payload: { running: true, timestep: 3 } },
      { type: 'ERROR', payload: { code: 'out_of_range', message: 'no' } },
      { type: 'CONNECTION', payload: { state: 'live' } },
    ]);
    expect(model.catalogue.scenarios[0].name).toBe('calm');
    expect(model.status.running).toBe(true);
    expect(model.lastError.code).toBe('out_of_range');
    expect(model.fatal).toBe(null);
    expect(model.connection.state).toBe('live');
    expect(run([{ type: 'ERROR', payload: { code: 'load_failed', message: 'x', fatal: true } }]).model.fatal.code).toBe('load_failed');
  });
});

describe('reduceTexts', () => {
  it('skips snapshots superseded within the batch but keeps their events and metrics', () => {
    const texts = [state(0), state(1), event(2, 0), state(2), metrics(2)].map((m) => JSON.stringify(m));
    const base = run([state(0)]).model;
    const { model } = reduceTexts(base, texts);
    expect(model.state.timestep).toBe(2);
    expect(model.timeline).toHaveLength(1);
    expect(model.series).toHaveLength(1);
  });

  it('still honours a timestep-0 snapshot (a reset) inside a batch', () => {
    const base = run([state(0), state(9), metrics(9)]).model;
    const { model } = reduceTexts(base, [state(0), metrics(0), state(1)].map((m) => JSON.stringify(m)));
    expect(model.runId).toBe(base.runId + 1);
    expect(model.series.map((m) => m.timestep)).toEqual([0]);
  });

  it('drops text that is not JSON', () => {
    const { model } = reduceTexts(initialModel(), ['{not json', JSON.stringify(state(0))]);
    expect(model.state.timestep).toBe(0);
  });
});
