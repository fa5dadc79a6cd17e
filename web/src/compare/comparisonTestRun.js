// Test support (imported by the compare/*.test.* files only): a comparison's two real worlds fed a run
// as their engines would send it, one batch a step.
import { createComparison } from './compareSession.js';

const node = (id, status = 'active', failedAt = null) => ({ id: String(id), tier: 3, capital_ratio: 0.1, stress: 0, status,
  last_updated_timestep: 0, ...(failedAt === null ? {} : { default_timestep: failedAt, default_cause: 'illiquid' }) });
const text = (m) => JSON.stringify(m);

/**
 * Feeds world `world` (of createComparison) steps `from`…`to`; `failures` = {bank id: step it fails in}
 * (a DEFAULT event at that step, the node defaulted from then on).
 */
export function feedWorld(world, { from = 0, to, failures = {}, policy = 'heuristic' }) {
  for (let t = from; t <= to; t++) {
    const texts = Object.entries(failures).filter(([, step]) => step === t).map(([bank], n) => text({ type: 'EVENT',
      payload: { event_id: `evt-${t}-${n}`, event_type: 'DEFAULT', from: Number(bank), cause: 'illiquid', timestamp: t } }));
    const nodes = [0, 1, 2, 3].map((id) => (failures[id] !== undefined && failures[id] <= t ? node(id, 'defaulted', failures[id]) : node(id)));
    texts.push(text({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: t, scenario: 'liquidity_freeze', policy,
      seed: 42, asset_price: 1, nodes, edges: [] } }));
    const defaulted = Object.values(failures).filter((s) => s <= t).length;
    texts.push(text({ type: 'METRICS_UPDATE', payload: { timestep: t, liquidity: 1 - t / 100, default_rate: defaulted / 4,
      defaulted_banks: defaulted, asset_price: 1, equilibrium_score: 1 } }));
    world.store.getState().receiveTexts(texts);
  }
}

/** World A: bank 1 fails at step 12, bank 2 at 15; world B (the difference): bank 2 fails at 18 only. */
export const FAILURES = { a: { 1: 12, 2: 15 }, b: { 2: 18 } };

/** A comparison whose two worlds both stand at step `to`. */
export function comparisonAt(to) {
  const comparison = createComparison();
  const [a, b] = comparison.worlds;
  feedWorld(a, { to, failures: FAILURES.a });
  feedWorld(b, { to, failures: FAILURES.b, policy: 'heuristic+no_hoard' });
  return comparison;
}

/** The step and failed banks each world's view shows: [{step, failed: [ids]}]. */
export function shownByViews(comparison) {
  return comparison.worlds.map((w) => {
    const s = w.view.store.getState();
    const state = s.replay ? s.replay.state : s.state;
    return { step: state.timestep, failed: state.nodes.filter((n) => n.status === 'defaulted').map((n) => n.id) };
  });
}
