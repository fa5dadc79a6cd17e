// The Train panel's model: the worker's TRAINING messages (src/worker/trainingHost.js) filed for display,
// and the commands the panel sends. Pure; the engine computes every figure, this only keeps them.
//
// States: idle → running (after 'started') → done | stopped | failed. A new 'started' clears the curve.
import { replayConfig } from '../session/replayConfig.js';

/** Learning-curve points kept (one per iteration; the browser's budgets give far fewer). */
export const CURVE_LIMIT = 2000;

/** Budgets offered in the panel, in simulated steps summed over the environment copies. */
export const TRAINING_BUDGETS = [300, 1000, 3000, 10000, 30000];
/** discretion: 'under_stress' (banks choose only where the heuristic would defend itself) | 'always'. */
export const DEFAULT_TRAINING_FORM = Object.freeze({ scenario: 'core_default', cooperation: 1, steps: 3000, seed: 1,
  discretion: 'under_stress' });

export function initialTraining() {
  return {
    state: 'idle',      // 'idle' | 'running' | 'done' | 'stopped' | 'failed'
    options: null,      // the engine's training options ('started'), defaults filled in
    points: [],         // learning-curve points, oldest first (trainingPoint in trainingHost.js)
    iterations: 0,
    policy: null,       // the registered policy name once done or stopped after ≥ 1 iteration
    policyFile: null,   // its policy file text (for download)
    error: null,
  };
}

/** Applies one TRAINING payload. Points that arrive outside a running training are ignored. */
export function reduceTraining(training, payload) {
  switch (payload?.state) {
    case 'started':
      return { ...initialTraining(), state: 'running', options: payload.options ?? null };
    case 'running': {
      if (training.state !== 'running' || !payload.point) return training;
      const points = training.points.length >= CURVE_LIMIT ? training.points.slice(1) : training.points.slice();
      points.push(payload.point);
      return { ...training, points, iterations: payload.point.iteration };
    }
    case 'done':
    case 'stopped':
      return { ...training, state: payload.state, iterations: payload.iterations ?? training.iterations,
        policy: payload.policy ?? null, policyFile: payload.policy_file ?? null };
    case 'failed':
      return { ...training, state: 'failed', error: payload.error ?? { code: 'unknown', message: 'training failed' } };
    default:
      return training;
  }
}

/** The worker command that starts a training from the panel's form. */
export function trainStartCommand({ scenario, cooperation, steps, seed, discretion = 'under_stress' }) {
  return { train: 'start', options: { scenarios: [scenario], cooperation: Number(cooperation), steps: Number(steps), seed: Number(seed),
    discretion } };
}

/** Whether "Watch the trained banks" can run: a registered policy and no training under way. */
export function canWatch(training) {
  return Boolean(training.policy) && training.state !== 'running';
}

/**
 * The reset that watches the trained banks on the scenario they trained on (seed, size and the page's
 * kept parameters, `runParameters`, kept).
 */
export function watchCommand(status, training, runParameters = {}) {
  const scenario = training.options?.scenarios?.[0];
  return { control: 'reset',
    config: { ...replayConfig(status, runParameters), ...(scenario ? { scenario } : {}), policy: training.policy } };
}

/** One learning-curve series (e.g. 'mean_return', 'entropy', 'kl') as numbers, missing values skipped. */
export function curveValues(points, key) {
  const out = [];
  for (const p of points) if (Number.isFinite(p[key])) out.push(p[key]);
  return out;
}
