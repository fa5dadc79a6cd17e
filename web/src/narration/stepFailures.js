// Which failures the narration explains with the engine's why (narration/WhyTheyFailed.jsx), and in
// which order it tells them. Pure: it reads the DEFAULT events the page kept for the whole run (the
// store's milestones) and the engine's answers (docs/why.md, "The answer"); it orders and groups by
// what the answers say, and writes no causal sentence of its own.
import { FORCED_BY } from './narrate.js';

/** At most this many questions for one step's failures: a crisis step can fail dozens of banks. */
export const QUESTIONS_PER_STEP = 3;

// The kinds of cause that name a failed bank: a failed debtor's loss, a failed lender's called loan.
const FAILURE_KINDS = new Set(['debtor_default', 'called_loan']);

const byNumber = (a, b) => a - b;

// What can force a default (the DEFAULT's `forced_by`, docs/contract.md), in the order they are told;
// `undefined` last: an engine that does not say.
const FORCERS = [...FORCED_BY, undefined];

/**
 * The failures of `step` from the DEFAULT milestones (any order): {step, forced, asked, unasked}.
 * `forced` are those an intervention or the scenario's shock pushed into default (nothing to explain), as
 * [{by, banks}] by what forced them (the DEFAULT's `forced_by`: the shock first); the others, lowest
 * numbers first, are `asked` up to `limit`, the rest `unasked`. Banks are lists of numbers, lowest first.
 */
export function failuresOfStep(milestones, step, limit = QUESTIONS_PER_STEP) {
  const forcedBy = new Map();
  const unforced = [];
  for (const e of milestones ?? []) {
    if (e?.event_type !== 'DEFAULT' || e.timestamp !== step || typeof e.from !== 'number') continue;
    if (e.cause !== 'forced') unforced.push(e.from);
    else {
      const by = FORCERS.includes(e.forced_by) ? e.forced_by : undefined;
      if (!forcedBy.has(by)) forcedBy.set(by, []);
      forcedBy.get(by).push(e.from);
    }
  }
  unforced.sort(byNumber);
  const forced = FORCERS.filter((by) => forcedBy.has(by)).map((by) => ({ by, banks: forcedBy.get(by).sort(byNumber) }));
  return { step, forced, asked: unforced.slice(0, limit), unasked: unforced.slice(limit) };
}

/**
 * The steps whose failures the narration tells, earliest first: the first step with a failure nothing
 * forced (where contagion began) and the latest step with any failure at or before `shownStep` (the
 * crisis on screen); one step when they are the same, none before the first failure.
 */
export function toldSteps(milestones, shownStep) {
  let first = null;
  let latest = null;
  for (const e of milestones ?? []) {
    if (e?.event_type !== 'DEFAULT' || e.timestamp > shownStep) continue;
    if (latest === null || e.timestamp > latest) latest = e.timestamp;
    if (e.cause !== 'forced' && (first === null || e.timestamp < first)) first = e.timestamp;
  }
  return [...new Set([first, latest].filter((t) => t !== null))].sort(byNumber);
}

/** The banks whose failures the engine names among `answer`'s causes (a failed debtor, a failed lender). */
export function failedBanksNamed(answer) {
  const named = new Set();
  for (const c of answer?.causes ?? []) {
    if (!FAILURE_KINDS.has(c.kind)) continue;
    if (typeof c.bank === 'number') named.add(c.bank);
    for (const b of c.banks ?? []) named.add(b);
  }
  return named;
}

/**
 * `banks` (failures of one step) trigger first: a bank whose failure the engine names among another's
 * causes is told before it (core_default's Bank 4 before Bank 10, whose loss on it the engine weighs);
 * otherwise lower numbers first. `answers` maps a bank to its answer; a bank without one names nothing.
 */
export function causalOrder(banks, answers) {
  const left = [...banks].sort(byNumber);
  const ordered = [];
  while (left.length) {
    const namesAnother = (b) => left.some((other) => other !== b && failedBanksNamed(answers.get(b)).has(other));
    // In a cycle (each named among the other's causes: failures of one clearing) the lowest goes first.
    const next = Math.max(0, left.findIndex((b) => !namesAnother(b)));
    ordered.push(...left.splice(next, 1));
  }
  return ordered;
}

// What the engine found for a bank, amounts and labels aside: its failure, the horizon, and each
// cause's kind, other banks, steps and verdicts.
function verdictSignature(answer) {
  return JSON.stringify([answer.cause, answer.default_step, answer.horizon, answer.grouped, answer.without_any,
    (answer.causes ?? []).map((c) => [c.kind, c.bank ?? null, c.banks ?? null, c.steps, c.necessary, c.sufficient_alone,
      c.occurs_alone, c.without, c.alone ?? null])]);
}

/**
 * `banks` in runs of those the engine gave the same causes and verdicts (amounts aside), keeping the
 * order of each run's first bank: [[34, 54, 69], [48]]. A bank without an answer stands alone.
 */
export function sameVerdicts(banks, answers) {
  const groups = [];
  const bySignature = new Map();
  for (const bank of banks) {
    const answer = answers.get(bank);
    const signature = answer && !answer.error ? verdictSignature(answer) : null;
    if (signature !== null && bySignature.has(signature)) bySignature.get(signature).push(bank);
    else {
      const group = [bank];
      groups.push(group);
      if (signature !== null) bySignature.set(signature, group);
    }
  }
  return groups;
}

/**
 * What the engine says alike of every bank explained at one step, to be told once (`answers`: one per
 * group of sameVerdicts, refusals left out): {shared, horizon}. `shared` are the sentences after the first
 * (each answer's first tells its own failure) that every answer has word for word, in the first answer's
 * order; `horizon` the step all were judged at, or null if they differ. Nothing is shared by fewer than two.
 */
export function sharedTelling(answers) {
  if (answers.length < 2) return { shared: [], horizon: null };
  const others = answers.slice(1).map((a) => new Set(a.sentences.slice(1)));
  const shared = answers[0].sentences.slice(1).filter((s) => others.every((set) => set.has(s)));
  const horizon = answers.every((a) => a.horizon === answers[0].horizon) ? answers[0].horizon : null;
  return { shared, horizon };
}
