// Cause and effect on the graph (issue 12, "Lessons you can see"): which loans and banks one step's
// events reached, read from the engine's own messages — the step's EVENTs and the two STATE_UPDATEs
// around it. Nothing is inferred that the messages do not say:
//
// - HOARD names only the hoarder (`from`; `amount` recalled, `repaid`). Its recalled loans are the
//   hoarder's edges (source = hoarder) whose `weight` fell in that step, or that closed while the
//   borrower stayed active; the borrowers of those edges are the borrowers hit (they paid the hoarder
//   back). A borrower that failed in the same step is not marked here: its loan closed because it
//   failed, which its DEFAULT says (and the engine's "Why did it fail?" explains), not this page.
// - DEFAULT names the failed bank (`from`) and its surviving creditors' loss (`amount`). When that loss
//   is above 0, its creditors who lost are the banks with an edge into it before the step (or a LEND to
//   it in the step) that are still active after it.
// - A failed bank's loans to surviving banks are called by its administrator, due in full at the next
//   step (docs/model.md, phase 5). Its called loans are its edges out before the step whose borrower is
//   active after it and owes an administrator (`due_to_administrator` > 0 after the step); those
//   borrowers are the borrowers called. Without the bank details there is no `due_to_administrator`,
//   so no call is marked.
// - PRICE_DROP has no bank. Its reach is every active bank holding securities after the step
//   (`holdings_value` > 0: its holdings are marked at the new price). Without the bank details (above
//   2,000 banks, `--compact`) there is no reach to show.
//
// - Deposits that left: a node's `run_withdrawal` (its depositors ran in this step) and
//   `shock_withdrawal` (the scenario's withdrawal shock hit it) in the step's STATE_UPDATE — the banks
//   the run and the shock reached. Without the bank details there are none to show.
//
// A scenario's shock is seen through these same marks (its price fall is a PRICE_DROP, its forced
// failures DEFAULTs with cause "forced", its withdrawals `shock_withdrawal`). Marks are attributed only
// between consecutive steps: across a gap the change of an edge cannot be given to one step's events.

/** At most this many loans (and banks) of one kind marked per step; the largest loans first. */
export const MAX_MARKS_PER_KIND = 150;

const EMPTY = Object.freeze({
  timestep: null, recalls: [], borrowersHit: [], losses: [], creditorsHit: [], calls: [], borrowersCalled: [], priceReach: [],
  runs: [], shockHit: [],
});

/** No marks. */
export function noConsequences() {
  return EMPTY;
}

function edgeMap(edges) {
  const map = new Map();
  for (const e of edges) map.set(`${e.source}>${e.target}`, e.weight);
  return map;
}

function nodeMap(nodes) {
  const map = new Map();
  for (const n of nodes) map.set(n.id, n);
  return map;
}

const isActive = (nodes, id) => nodes.get(id)?.status === 'active';

/** The `limit` largest of [{…, weight}] by weight (ties: first given), in the order given; weights dropped. */
function largest(list, limit) {
  const kept = list.length <= limit ? list
    : list.map((x, i) => ({ x, i })).sort((a, b) => b.x.weight - a.x.weight || a.i - b.i).slice(0, limit)
      .sort((a, b) => a.i - b.i).map(({ x }) => x);
  return kept.map(({ weight, ...rest }) => rest);
}

const unique = (ids) => [...new Set(ids)];

/** The HOARDs' recalled loans: the hoarder's edges that shrank, or closed with the borrower standing. */
function recalledLoans(hoarders, before, afterEdges, afterNodes) {
  const loans = [];
  for (const e of before.edges) {
    if (!hoarders.has(e.source)) continue;
    const now = afterEdges.get(`${e.source}>${e.target}`);
    const repaid = now === undefined ? isActive(afterNodes, e.target) : now < e.weight;
    if (repaid) loans.push({ lender: e.source, borrower: e.target, weight: e.weight });
  }
  return loans;
}

/** The DEFAULTs' creditors who lost: lenders to the failed bank still standing, when its creditors lost. */
function lostLoans(debtors, before, events, afterNodes) {
  const losses = [];
  const seen = new Set();
  const add = (creditor, debtor, weight) => {
    const key = `${creditor}>${debtor}`;
    if (seen.has(key) || !isActive(afterNodes, creditor)) return;
    seen.add(key);
    losses.push({ creditor, debtor, weight });
  };
  for (const e of before.edges) if (debtors.has(e.target)) add(e.source, e.target, e.weight);
  for (const ev of events) {
    if (ev.event_type === 'LEND' && debtors.has(String(ev.to))) add(String(ev.from), String(ev.to), ev.amount ?? 0);
  }
  return losses;
}

/** The failed banks' loans called by their administrators: edges out of them to borrowers standing and owing. */
function calledLoans(failed, before, afterNodes) {
  const loans = [];
  for (const e of before.edges) {
    if (!failed.has(e.source)) continue;
    const borrower = afterNodes.get(e.target);
    if (borrower?.status === 'active' && borrower.due_to_administrator > 0) {
      loans.push({ lender: e.source, borrower: e.target, weight: e.weight });
    }
  }
  return loans;
}

/**
 * The marks of step `after.timestep`: `before` and `after` are the STATE_UPDATE payloads of two
 * consecutive steps, `events` the EVENTs of `after`'s step (others are ignored). Returns
 * {timestep, recalls: [{lender, borrower}], borrowersHit: [id], losses: [{creditor, debtor}],
 * creditorsHit: [id], calls: [{lender, borrower}], borrowersCalled: [id], priceReach: [id], runs: [id],
 * shockHit: [id]} with bank ids
 * as the snapshot's node ids (strings), or no marks when the steps are not consecutive. Pure: the inputs
 * are not changed.
 */
export function consequencesOf(before, after, events, limit = MAX_MARKS_PER_KIND) {
  if (!before || !after || after.timestep !== before.timestep + 1) return EMPTY;
  const step = (events ?? []).filter((e) => e && e.timestamp === after.timestep);
  const hoarders = new Set(step.filter((e) => e.event_type === 'HOARD' && e.from !== undefined).map((e) => String(e.from)));
  const failed = new Set(step.filter((e) => e.event_type === 'DEFAULT' && e.from !== undefined).map((e) => String(e.from)));
  const debtors = new Set(step.filter((e) => e.event_type === 'DEFAULT' && e.amount > 0).map((e) => String(e.from)));
  const priceFell = step.some((e) => e.event_type === 'PRICE_DROP');
  const left = (field) => largest(after.nodes.filter((n) => n[field] > 0).map((n) => ({ id: n.id, weight: n[field] })), limit)
    .map((n) => n.id);
  const runs = left('run_withdrawal');
  const shockHit = left('shock_withdrawal');
  if (!hoarders.size && !failed.size && !priceFell) return { ...EMPTY, timestep: after.timestep, runs, shockHit };

  const afterNodes = nodeMap(after.nodes);
  const recalls = hoarders.size ? largest(recalledLoans(hoarders, before, edgeMap(after.edges), afterNodes), limit) : [];
  const losses = debtors.size ? largest(lostLoans(debtors, before, step, afterNodes), limit) : [];
  const calls = failed.size ? largest(calledLoans(failed, before, afterNodes), limit) : [];
  const priceReach = priceFell
    ? largest(after.nodes.filter((n) => n.status === 'active' && n.holdings_value > 0)
      .map((n) => ({ id: n.id, weight: n.holdings_value })), limit).map((n) => n.id)
    : [];
  return {
    timestep: after.timestep,
    recalls,
    borrowersHit: unique(recalls.map((r) => r.borrower)),
    losses,
    creditorsHit: unique(losses.map((l) => l.creditor)),
    calls,
    borrowersCalled: unique(calls.map((c) => c.borrower)),
    priceReach,
    runs,
    shockHit,
  };
}
