import { describe, expect, it } from 'vitest';
import { consequencesOf, MAX_MARKS_PER_KIND } from './consequences.js';

const node = (id, extra = {}) => ({ id: String(id), tier: 3, capital_ratio: 0.12, stress: 0.1, status: 'active', holdings_value: 10, ...extra });
const edge = (source, target, weight) => ({ source: String(source), target: String(target), weight, type: 'credit' });
const state = (timestep, nodes, edges) => ({ timestep, nodes, edges });
const event = (timestamp, event_type, fields = {}) => ({ event_id: `evt-${timestamp}-0`, event_type, timestamp, ...fields });

// Bank 3 lends to 0, 1 and 2; bank 4 lends to 3. In step 20 bank 3 hoards (the figures are those of
// `finsim run --scenario calm --seed 42 --at 20:force_action 3 HOARD` for two of its loans).
const step19 = state(19, [node(0), node(1), node(2), node(3, { tier: 1 }), node(4)],
  [edge(3, 0, 6.552424), edge(3, 1, 6.550437), edge(3, 2, 5), edge(4, 3, 8), edge(4, 0, 2)]);

describe('marks of a HOARD', () => {
  it('marks the hoarder’s loans that shrank in its step, and their borrowers, from the engine’s edge amounts', () => {
    const step20 = state(20, step19.nodes,
      [edge(3, 0, 3.276474), edge(3, 1, 3.27548), edge(3, 2, 5.001), edge(4, 3, 8.001), edge(4, 0, 1.5)]);
    const marks = consequencesOf(step19, step20, [event(20, 'HOARD', { from: 3, amount: 6.55, repaid: 6.55 })]);
    expect(marks.timestep).toBe(20);
    expect(marks.recalls).toEqual([{ lender: '3', borrower: '0' }, { lender: '3', borrower: '1' }]);
    expect(marks.borrowersHit).toEqual(['0', '1']);
    // Bank 2's loan grew (interest, nothing repaid); bank 4 did not hoard, so its shrunk loan to 0 is not a recall.
    expect(marks.losses).toEqual([]);
    expect(marks.priceReach).toEqual([]);
  });

  it('counts a loan repaid in full as recalled, but not one closed by its borrower’s failure', () => {
    const nodes = step19.nodes.map((n) => (n.id === '1' ? { ...n, status: 'defaulted' } : n));
    const step20 = state(20, nodes, [edge(3, 2, 5.001), edge(4, 3, 8.001), edge(4, 0, 2.001)]);
    const marks = consequencesOf(step19, step20, [event(20, 'HOARD', { from: 3 })]);
    expect(marks.recalls).toEqual([{ lender: '3', borrower: '0' }]);
    expect(marks.borrowersHit).toEqual(['0']);
  });

  it('marks nothing for a hoarder whose loans did not shrink, nor for events of another step', () => {
    const step20 = state(20, step19.nodes, step19.edges.map((e) => ({ ...e, weight: e.weight * 1.001 })));
    expect(consequencesOf(step19, step20, [event(20, 'HOARD', { from: 3 })]).recalls).toEqual([]);
    const shrunk = state(20, step19.nodes, step19.edges.map((e) => ({ ...e, weight: e.weight / 2 })));
    expect(consequencesOf(step19, shrunk, [event(19, 'HOARD', { from: 3 })]).recalls).toEqual([]);
  });
});

describe('marks of a DEFAULT', () => {
  it('marks the failed bank’s creditors still standing when its creditors lost', () => {
    const nodes = step19.nodes.map((n) => (n.id === '3' ? { ...n, status: 'defaulted' } : n));
    const step20 = state(20, nodes, [edge(4, 0, 2.001)]);
    const lend = event(20, 'LEND', { from: 2, to: 3, amount: 1 });
    const marks = consequencesOf(step19, step20, [lend, event(20, 'DEFAULT', { from: 3, amount: 5, recovery: 0.4, cause: 'insolvent' })]);
    expect(marks.losses).toEqual([{ creditor: '4', debtor: '3' }, { creditor: '2', debtor: '3' }]);
    expect(marks.creditorsHit).toEqual(['4', '2']);
    expect(marks.recalls).toEqual([]);
  });

  it('marks no creditor when the engine reports no loss (full recovery, or every creditor failed too)', () => {
    const nodes = step19.nodes.map((n) => (n.id === '3' ? { ...n, status: 'defaulted' } : n));
    const step20 = state(20, nodes, [edge(4, 0, 2.001)]);
    expect(consequencesOf(step19, step20, [event(20, 'DEFAULT', { from: 3, amount: 0, recovery: 1 })]).losses).toEqual([]);
    expect(consequencesOf(step19, step20, [event(20, 'DEFAULT', { from: 3 })]).losses).toEqual([]);
    const bothFailed = state(20, nodes.map((n) => (n.id === '4' ? { ...n, status: 'defaulted' } : n)), []);
    expect(consequencesOf(step19, bothFailed, [event(20, 'DEFAULT', { from: 3, amount: 5 })]).creditorsHit).toEqual([]);
  });
});

describe('loans called by a failed bank’s administrator', () => {
  // Bank 3 fails in step 20; its loans to 0, 1 and 2 are called (docs/model.md, phase 5).
  const failed = (extra) => step19.nodes.map((n) => (n.id === '3' ? { ...n, status: 'defaulted' } : { ...n, ...extra(n.id) }));

  it('marks the failed bank’s loans to borrowers that stand and now owe an administrator, whatever its creditors lost', () => {
    const nodes = failed((id) => ({ due_to_administrator: { 0: 6.55, 1: 6.55 }[id] ?? 0 }));
    const step20 = state(20, nodes, [edge(4, 0, 2.001)]);
    const marks = consequencesOf(step19, step20, [event(20, 'DEFAULT', { from: 3, amount: 0, recovery: 1, cause: 'forced' })]);
    expect(marks.calls).toEqual([{ lender: '3', borrower: '0' }, { lender: '3', borrower: '1' }]);
    expect(marks.borrowersCalled).toEqual(['0', '1']);
    expect(marks.losses).toEqual([]);
  });

  it('marks no call on a borrower that failed too, owes nothing, or whose snapshot has no details', () => {
    const nodes = failed((id) => ({ due_to_administrator: 5, status: id === '0' ? 'defaulted' : 'active' }))
      .map((n) => (n.id === '1' ? { ...n, due_to_administrator: 0 } : n));
    const step20 = state(20, nodes, [edge(4, 0, 2.001)]);
    expect(consequencesOf(step19, step20, [event(20, 'DEFAULT', { from: 3 })]).borrowersCalled).toEqual(['2']);
    const compact = state(20, failed(() => ({})).map(({ due_to_administrator, holdings_value, ...n }) => n), []);
    expect(consequencesOf(step19, compact, [event(20, 'DEFAULT', { from: 3 })]).calls).toEqual([]);
    expect(consequencesOf(step19, state(20, nodes, []), [event(20, 'HOARD', { from: 4 })]).calls).toEqual([]);
  });
});

describe('the reach of a PRICE_DROP', () => {
  it('is every active bank holding securities after the step', () => {
    const nodes = [node(0), node(1, { holdings_value: 0 }), node(2, { status: 'defaulted', holdings_value: 0 }), node(3), node(4)];
    const step20 = state(20, nodes, step19.edges);
    const marks = consequencesOf(step19, step20, [event(20, 'PRICE_DROP', { amount: -0.04, price: 0.96 })]);
    expect(marks.priceReach).toEqual(['0', '3', '4']);
  });

  it('is empty without the banks’ details (compact snapshots)', () => {
    const compact = state(20, step19.nodes.map(({ holdings_value, ...n }) => n), step19.edges);
    expect(consequencesOf(step19, compact, [event(20, 'PRICE_DROP', { amount: -0.04 })]).priceReach).toEqual([]);
  });
});

describe('deposits that left', () => {
  // liquidity_freeze, seed 42, step 10: the shock's withdrawal on the banks it hit, a run on a bank its
  // depositors saw short of cash (tests/engine/deposit_flight_test.cpp: each the deposits its cause took).
  it('marks the banks the depositors ran on and those the scenario\'s shock hit, from the step\'s nodes', () => {
    const nodes = [node(0, { shock_withdrawal: 1.2 }), node(1, { run_withdrawal: 0.4, shock_withdrawal: 1.1 }), node(2),
      node(3, { tier: 1 }), node(4, { run_withdrawal: 0.9, status: 'defaulted' })];
    const marks = consequencesOf(step19, state(20, nodes, step19.edges), []);
    expect(marks.timestep).toBe(20);
    expect(marks.shockHit).toEqual(['0', '1']);
    // A bank that failed in the step was run on too: its depositors' run is part of its story.
    expect(marks.runs).toEqual(['1', '4']);
    expect(marks.recalls).toEqual([]);
  });

  it('marks none without the banks\' details, nor across a gap', () => {
    expect(consequencesOf(step19, state(20, step19.nodes, step19.edges), []).runs).toEqual([]);
    const step21 = state(21, [node(0, { shock_withdrawal: 1 })], []);
    expect(consequencesOf(step19, step21, []).shockHit).toEqual([]);
  });

  it('keeps the largest withdrawals beyond the per-step limit', () => {
    const n = MAX_MARKS_PER_KIND + 5;
    const nodes = [...Array(n).keys()].map((i) => node(i, { run_withdrawal: i + 1 }));
    const marks = consequencesOf(state(5, nodes, []), state(6, nodes, []), []);
    expect(marks.runs).toHaveLength(MAX_MARKS_PER_KIND);
    expect(marks.runs).not.toContain('4');
    expect(marks.runs).toContain('5');
  });
});

describe('attribution', () => {
  it('gives no marks across a gap in the steps, nor without a previous snapshot', () => {
    const step21 = state(21, step19.nodes, []);
    const events = [event(21, 'HOARD', { from: 3 }), event(21, 'PRICE_DROP', { amount: -0.1 })];
    expect(consequencesOf(step19, step21, events).recalls).toEqual([]);
    expect(consequencesOf(step19, step21, events).priceReach).toEqual([]);
    expect(consequencesOf(null, step21, events).timestep).toBe(null);
  });

  it('keeps the largest loans beyond the per-step limit, and leaves its inputs unchanged', () => {
    const n = MAX_MARKS_PER_KIND + 10;
    const nodes = [...Array(n + 1).keys()].map((i) => node(i));
    const before = state(5, nodes, [...Array(n).keys()].map((i) => edge(n, i, i + 1)));
    const after = state(6, nodes, before.edges.map((e) => ({ ...e, weight: e.weight / 2 })));
    const frozen = JSON.stringify([before, after]);
    const marks = consequencesOf(before, after, [event(6, 'HOARD', { from: n })]);
    expect(marks.recalls).toHaveLength(MAX_MARKS_PER_KIND);
    expect(marks.recalls[0]).toEqual({ lender: String(n), borrower: '10' });
    expect(marks.borrowersHit).not.toContain('0');
    expect(JSON.stringify([before, after])).toBe(frozen);
  });
});
