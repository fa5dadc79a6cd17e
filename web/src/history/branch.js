// "Branch from here": from a past step K of the run on screen, change one choice and run on. The engine
// does the work (engine/include/finsim/session.hpp): `rewind {step: K}` returns the session to step K by
// replaying its recipe (paused; it publishes step K's STATE_UPDATE and METRICS_UPDATE), then the change
// — a `policy` switch or an intervention — is queued for step K + 1 like any control. The page only
// sends the two controls in order, each after the engine accepted the one before, so that an engine
// without `rewind` (unknown_control) changes nothing at all: the change is never sent to the live run.
//
// A branch may also open in the Compare view against the original: branchComparison() is what Compare
// is given (the two worlds' reset bodies), and setCompareOpener() is how the Compare view offers itself.
import { replayConfig } from '../session/replayConfig.js';
import { statusControls } from '../url/runControls.js';
import { FORCED_ACTIONS } from '../components/ForceAction.jsx';

/** The choices a branch may change, in the engine's control names. */
export const BRANCH_CHANGES = Object.freeze([
  Object.freeze({ control: 'policy', label: 'Another policy for every bank' }),
  Object.freeze({ control: 'force_action', label: 'Make one bank take an action' }),
  Object.freeze({ control: 'force_default', label: 'Make one bank fail' }),
  Object.freeze({ control: 'inject_liquidity', label: 'Lend one bank central-bank cash' }),
  Object.freeze({ control: 'price_shock', label: 'A price shock' }),
]);

/** How long the page waits for the engine to answer a branch's control. */
export const BRANCH_TIMEOUT_MS = 15000;

/**
 * The control a branch sends from the form's values ({control, policy, bank, action, amount, share}),
 * or null when a value it needs is missing or malformed.
 */
export function branchControl({ control, policy, bank, action, amount, share }) {
  const index = Number(bank);
  const isBank = Number.isInteger(index) && index >= 0 && bank !== '' && bank !== null && bank !== undefined;
  switch (control) {
    case 'policy': return typeof policy === 'string' && policy ? { control, policy } : null;
    case 'force_default': return isBank ? { control, bank: index } : null;
    case 'force_action':
      return isBank && FORCED_ACTIONS.some((a) => a.action === action) ? { control, bank: index, action } : null;
    case 'inject_liquidity': return isBank && Number(amount) > 0 ? { control, bank: index, amount: Number(amount) } : null;
    case 'price_shock': return Number(share) > 0 && Number(share) < 1 ? { control, share: Number(share) } : null;
    default: return null;
  }
}

/** The change in a few words: "bank 3 hoards", "policy heuristic+no_hoard". */
export function describeChange(change) {
  switch (change?.control) {
    case 'policy': return `every bank follows ${change.policy}`;
    case 'force_default': return `bank ${change.bank} fails`;
    case 'force_action': return `bank ${change.bank} is made to ${FORCED_ACTIONS.find((a) => a.action === change.action)?.verb ?? change.action}`;
    case 'inject_liquidity': return `bank ${change.bank} gets ${change.amount} of central-bank cash`;
    case 'price_shock': return `the asset price falls ${Math.round(change.share * 100)} %`;
    default: return 'nothing';
  }
}

/**
 * The recipe of the run on screen: the reset body that rebuilds it (replayConfig) and the controls the
 * session applied, as its status reports them (`at`: [{step, control}], the step each acts in).
 */
export function runRecipe(status, runParameters = {}) {
  return { config: replayConfig(status, runParameters), at: statusControls(status) };
}

/**
 * What the Compare view opens for a branch of `recipe` at step `step` (the step on screen) with `change`
 * (a control as branchControl() builds it): both worlds' reset commands, each opening the run at `step`
 * (`to_step`). Both keep every control of the run: those acting up to step + 1 are replayed (a control
 * queued at `step` stays queued) and the engine schedules the later ones for their steps (docs/contract.md,
 * `scheduled`); the branch has the change too, acting in step + 1 after the run's own controls of that step.
 */
export function branchComparison(recipe, step, change) {
  const past = recipe.at.filter((c) => c.step <= step + 1);
  const later = recipe.at.filter((c) => c.step > step + 1);
  return {
    step,
    actsIn: step + 1,
    change,
    original: { control: 'reset', config: { ...recipe.config, at: recipe.at, to_step: step } },
    branch: { control: 'reset', config: { ...recipe.config, at: [...past, { step: step + 1, control: change }, ...later], to_step: step } },
  };
}

let compareOpener = null;

/**
 * The Compare view registers the function that opens a branch beside its original (given
 * branchComparison()'s result); null unregisters. While none is registered the branch form offers only
 * "Run on from here".
 */
export function setCompareOpener(open) {
  compareOpener = typeof open === 'function' ? open : null;
}

export function currentCompareOpener() {
  return compareOpener;
}

/**
 * Sends `command` and waits for the engine's answer as the store receives it: {ok: true} at a new STATUS
 * that `accepted` approves, {ok: false, error} at an ERROR for this control, or a timeout.
 */
export function sendAndAwait(store, send, command, { accepted = () => true, timeoutMs = BRANCH_TIMEOUT_MS,
  setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  return new Promise((resolve) => {
    let timer = null;
    const unsubscribe = store.subscribe((s, previous) => {
      if (s.lastError !== previous.lastError && s.lastError?.control === command.control) finish({ ok: false, error: s.lastError });
      else if (s.status !== previous.status && s.status && accepted(s.status)) finish({ ok: true });
    });
    function finish(outcome) {
      unsubscribe();
      clearTimer(timer);
      resolve(outcome);
    }
    timer = setTimer(() => finish({ ok: false, error: { code: 'timeout', message: `The engine did not answer ${command.control} in time.` } }),
      timeoutMs);
    send(command);
  });
}

/**
 * Branches the run at `step` with `change`: rewind, then the change, then play again if the run was
 * playing. Resolves to {ok: true, recipe} (the original's recipe, as it was before the rewind) or
 * {ok: false, stage: 'rewind' | 'change', error, unsupported} — `unsupported` when the engine does not
 * know the control (an older build), `stage: 'change'` meaning the rewind happened without the change.
 */
export async function branchFrom({ store, send, step, change, timeoutMs }) {
  const before = store.getState();
  const recipe = runRecipe(before.status, before.runParameters);
  const wasRunning = !!before.status?.running;
  store.setState({ branchExpected: { step } });
  const rewound = await sendAndAwait(store, send, { control: 'rewind', step },
    { accepted: (status) => status.timestep === step, timeoutMs });
  if (!rewound.ok) {
    store.setState({ branchExpected: null });
    return { ok: false, stage: 'rewind', error: rewound.error, unsupported: rewound.error.code === 'unknown_control' };
  }
  const changed = await sendAndAwait(store, send, change, { timeoutMs });
  if (!changed.ok) {
    store.setState({ branchExpected: null });
    return { ok: false, stage: 'change', error: changed.error, unsupported: changed.error.code === 'unknown_control' };
  }
  if (wasRunning) send({ control: 'play' });
  return { ok: true, recipe };
}

/** What the page says after a branch attempt (branchFrom's outcome), in one or two sentences. */
export function branchOutcomeText(outcome, step, change) {
  if (outcome.ok) return `Branched at step ${step}: from step ${step + 1}, ${describeChange(change)}. The steps after ${step} are the branch's now.`;
  const reason = outcome.error?.message ?? outcome.error?.code ?? 'no answer';
  if (outcome.stage === 'rewind') {
    return outcome.unsupported
      ? 'This engine cannot rewind a run yet (it does not know the “rewind” control: the WASM build predates it). Nothing was changed: the run goes on as it was.'
      : `The engine would not go back to step ${step} (${reason}). Nothing was changed.`;
  }
  return outcome.unsupported
    ? `The run went back to step ${step}, but this engine does not know the “${change.control}” control, so nothing else changed: press Play to watch the same run again.`
    : `The run went back to step ${step}, but the engine refused the change (${reason}): it stands at step ${step} as it was.`;
}
