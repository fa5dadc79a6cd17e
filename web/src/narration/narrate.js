// Plain-words narration of one timestep from the EVENTs received for it (brief §16: understand what
// happened without reading numbers). Pure formatting: it names banks, groups events by what they
// mean, and prints the engine's price change as a percentage. It infers nothing: a FIRE_SALE's `from`
// is the bank that sold and is still standing (docs/contract.md), whatever its `cause`; an administrator
// liquidating a failed bank's securities sends no event, so it is never narrated; an event without a
// cause is told without one.

const MAX_NAMES = 3;

export function bankName(index) {
  return `Bank ${index}`;
}

/** "Bank 3", "Banks 3 and 7", "Banks 3, 7 and 9", "Banks 3, 7, 9 and 4 more". */
export function nameList(indices) {
  const unique = [...new Set(indices)];
  if (unique.length === 1) return bankName(unique[0]);
  const shown = unique.slice(0, MAX_NAMES);
  const rest = unique.length - shown.length;
  if (rest > 0) return `Banks ${shown.join(', ')} and ${rest} more`;
  return `Banks ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** A relative change (−0.04) as "4 %"; at least one significant decimal below 1 %. */
export function percentText(relative) {
  const p = Math.abs(relative) * 100;
  const text = p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1).replace(/\.0$/, '') : p.toFixed(2).replace(/0$/, '');
  return `${text} %`;
}

const plural = (list, one, many) => (new Set(list).size === 1 ? one : many);

const SALE_SENTENCES = {
  recall: (ids) => `${nameList(ids)} could not roll over ${plural(ids, 'its loan', 'their loans')} and sold assets`,
  // The engine's `withdrawal`: deposits leaving were the largest sum due, whether a run, the scenario's
  // shock or the ordinary ebb (narrateWithdrawals tells which banks were run on).
  withdrawal: (ids) => `${nameList(ids)} sold assets to pay ${plural(ids, 'its', 'their')} depositors`,
  voluntary: (ids) => `${nameList(ids)} sold assets to shore up ${plural(ids, 'its', 'their')} capital`,
  // The engine's `resolution`: the seller paid claims that a failed lender's administrator called in.
  resolution: (ids) => `${nameList(ids)} sold assets to repay loans that a failed lender's administrator called in`,
  other: (ids) => `${nameList(ids)} sold assets`,
};

const DEFAULT_SENTENCES = {
  insolvent: (ids) => `${nameList(ids)} defaulted: losses wiped out ${plural(ids, 'its', 'their')} capital`,
  illiquid: (ids) => `${nameList(ids)} defaulted: ${plural(ids, 'it', 'they')} ran out of cash`,
  forced: (ids) => `${nameList(ids)} ${plural(ids, 'was', 'were')} pushed into default`,
  other: (ids) => `${nameList(ids)} defaulted`,
};

// What forced a forced default, from the engine's `forced_by` (docs/contract.md); an engine that does not
// say is told as either.
const FORCERS = {
  shock: "the scenario's shock",
  intervention: 'an intervention',
  shock_and_intervention: "the scenario's shock and an intervention at once",
};

/** What can force a default, as the engine's `forced_by` names it, in the order forced failures are told. */
export const FORCED_BY = Object.freeze(Object.keys(FORCERS));

/** "the scenario's shock", "an intervention", …: what forced a forced default (a DEFAULT's or a node's `forced_by`). */
export function forcerName(forcedBy) {
  return FORCERS[forcedBy] ?? "an intervention or the scenario's shock";
}

const DEFAULT_REASONS = {
  insolvent: () => 'losses wiped out its capital',
  illiquid: () => 'it ran out of cash',
  forced: (forcedBy) => `pushed into default by ${forcerName(forcedBy)}`,
};

/**
 * Why one bank failed, in words, from a DEFAULT's cause and forced_by or a node's default_cause and
 * forced_by; null for another cause.
 */
export function defaultReason(cause, forcedBy) {
  return DEFAULT_REASONS[cause]?.(forcedBy) ?? null;
}

// Groups the acting banks by an event field; a value outside `known` (or none) goes to 'other'.
function byField(events, field, known) {
  const groups = new Map();
  for (const e of events) {
    const key = known.includes(e[field]) ? e[field] : 'other';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e.from);
  }
  return groups;
}

/**
 * Sentences (without final period) for the deposits that left banks in one step, from that step's
 * STATE_UPDATE nodes (`shock_withdrawal`, `run_withdrawal`: docs/contract.md; each the deposits its
 * cause took, tests/engine/deposit_flight_test.cpp): the shock's reach as a count, the runs by bank.
 */
export function narrateWithdrawals(nodes) {
  const hit = [];
  const ran = [];
  for (const n of nodes ?? []) {
    if (n.shock_withdrawal > 0) hit.push(Number(n.id));
    if (n.run_withdrawal > 0) ran.push(Number(n.id));
  }
  const sentences = [];
  if (hit.length) sentences.push(`the scenario's shock withdrew deposits from ${hit.length === 1 ? bankName(hit[0]) : `${hit.length} banks`}`);
  if (ran.length) sentences.push(`depositors ran on ${nameList(ran)}`);
  return sentences;
}

/**
 * Sentences (without final period) for one step's events, in the order of the engine's phases
 * (docs/model.md §4), which is causal order: the trigger first — defaults forced by an intervention or
 * the scenario's shock (phase 1, though their DEFAULT events come at clearing) and the deposits the
 * shock and the runs withdrew (phase 1, from the step's `nodes` when given) — then hoarding (the
 * recalls, phase 3a), lending (phase 3), sales and the price (phase 4), and the defaults clearing found
 * (phase 5). `events` are EVENT payloads of one timestep, any order, no duplicates.
 */
export function narrateEvents(events, nodes = null) {
  const of = (type) => events.filter((e) => e.event_type === type);
  const sentences = [];
  const defaults = byField(of('DEFAULT'), 'cause', Object.keys(DEFAULT_SENTENCES));
  // Forced defaults, told by what forced them: the scenario's shock, an intervention.
  const forcers = byField(of('DEFAULT').filter((e) => e.cause === 'forced'), 'forced_by', FORCED_BY);
  for (const forcedBy of [...FORCED_BY, 'other']) {
    if (forcers.has(forcedBy)) sentences.push(`${DEFAULT_SENTENCES.forced(forcers.get(forcedBy))} by ${forcerName(forcedBy)}`);
  }
  sentences.push(...narrateWithdrawals(nodes));
  const hoards = of('HOARD');
  if (hoards.length) sentences.push(`${nameList(hoards.map((e) => e.from))} hoarded liquidity, recalling loans`);
  const lends = of('LEND');
  if (lends.length === 1) sentences.push(`${bankName(lends[0].from)} lent to ${bankName(lends[0].to)}`);
  else if (lends.length > 1) sentences.push(`${nameList(lends.map((e) => e.from))} lent to banks short of cash`);
  const sales = byField(of('FIRE_SALE'), 'cause', Object.keys(SALE_SENTENCES));
  for (const cause of Object.keys(SALE_SENTENCES)) {
    if (sales.has(cause)) sentences.push(SALE_SENTENCES[cause](sales.get(cause)));
  }
  for (const drop of of('PRICE_DROP')) sentences.push(`the price fell ${percentText(drop.amount ?? 0)}`);
  for (const cause of Object.keys(DEFAULT_SENTENCES)) {
    if (cause !== 'forced' && defaults.has(cause)) sentences.push(DEFAULT_SENTENCES[cause](defaults.get(cause)));
  }
  return sentences;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One paragraph for a step: "Bank 12 hoarded liquidity; Bank 8 could not…; the price fell 4 %." `nodes`:
 * the step's STATE_UPDATE nodes, for the deposits that left (none told without them).
 */
export function narrateStep(events, nodes = null) {
  const sentences = narrateEvents(events, nodes);
  if (!sentences.length) return 'A quiet step: deposits ebbed and flowed, no bank had to act.';
  return `${capitalise(sentences.join('; '))}.`;
}

/**
 * The latest `count` steps that had events, newest first: [{timestep, text, tone}] where tone is
 * 'calm' | 'stress' | 'crisis' from the event types present (what the events are, not a forecast) and
 * the deposits that left. `nodesOf(t)`: step t's STATE_UPDATE nodes when the page holds them, else null.
 */
export function recentNarrative(timeline, count = 6, nodesOf = () => null) {
  const steps = new Map();
  for (const e of timeline) {
    if (!steps.has(e.timestamp)) steps.set(e.timestamp, []);
    steps.get(e.timestamp).push(e);
  }
  return [...steps.keys()].sort((a, b) => b - a).slice(0, count).map((t) => {
    const events = steps.get(t);
    const nodes = nodesOf(t);
    const types = new Set(events.map((e) => e.event_type));
    const withdrawn = narrateWithdrawals(nodes).length > 0;
    const tone = types.has('DEFAULT') ? 'crisis'
      : types.has('FIRE_SALE') || types.has('HOARD') || types.has('PRICE_DROP') || withdrawn ? 'stress' : 'calm';
    return { timestep: t, text: narrateStep(events, nodes), tone };
  });
}
