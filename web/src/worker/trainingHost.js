// The training host: what the Web Worker does for the Train panel, independent of the Worker API so
// that Vitest drives it with a fake module and Node scripts with the real WASM one.
//
// It owns one engine Training (wasm/src/training_bindings.cpp) and runs it one iteration (one rollout
// and one PPO update) per timer tick, yielding to the worker's event loop between iterations, so that
// simulation controls and the step loop (simulationHost.js) are still served while it trains. After
// every iteration it posts a TRAINING message with one learning-curve point; when the budget is spent
// (or the page stops it after at least one iteration) it registers the policy under the name
// TRAINED_POLICY, so that a reset {policy: "trained"} watches the trained banks, and posts the policy file.
//
// Commands: {train:'start', options:{scenarios, cooperation, steps, seed, …}} (parse_training_options'
// JSON; BROWSER_TRAINING_DEFAULTS fill what is not given), {train:'stop'}.
// Messages (own, in the contract's envelope): {type:'TRAINING', payload:{state, …}} with state
//   'started'  {options}                 the engine's options, defaults filled in
//   'running'  {point}                   one learning-curve point (trainingPoint below)
//   'done'     {policy, policy_file, iterations}   budget spent, policy registered
//   'stopped'  {policy?, policy_file?, iterations} stopped by the page (policy only after ≥ 1 iteration)
//   'failed'   {error:{code, message}}
import { ownText } from '../transport/transport.js';

export const TRAINED_POLICY = 'trained';

/** Small rollouts keep one iteration (one uninterruptible call) around a quarter of a second in WASM. */
export const BROWSER_TRAINING_DEFAULTS = Object.freeze({ copies: 2, episode_steps: 50, name: TRAINED_POLICY });

/** One learning-curve point from an iteration's stats (iteration_stats_json) and its wall time. */
export function trainingPoint(reply, seconds) {
  const s = reply.stats;
  return {
    iteration: s.iteration,
    env_steps: s.env_steps,
    agent_steps: s.agent_steps,
    progress: reply.progress,
    mean_return: s.episode_return,
    entropy: s.entropy,
    kl: s.approx_kl,
    default_rate: s.environment?.default_rate ?? null,
    agent_steps_per_s: seconds > 0 ? s.batch_samples / seconds : null,
  };
}

/**
 * @param {object} deps
 * @param {object} deps.module   the instantiated WASM module (Training)
 * @param {(text: string) => void} deps.post
 * @param {(fn: Function, ms: number) => any} [deps.setTimer]
 * @param {(handle: any) => void} [deps.clearTimer]
 * @param {() => number} [deps.now]   milliseconds
 */
export function createTrainingHost({ module, post, setTimer = setTimeout, clearTimer = clearTimeout,
  now = () => performance.now() }) {
  const training = new module.Training();
  let timer = null;
  let iterations = 0;

  const postTraining = (payload) => post(ownText('TRAINING', payload));

  function cancelTimer() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function fail(error) {
    cancelTimer();
    training.stop();
    postTraining({ state: 'failed', error });
  }

  // Registers the policy as trained so far (after at least one iteration) and posts it with `state`.
  function finish(state) {
    cancelTimer();
    const payload = { state, iterations };
    if (iterations > 0) {
      const published = JSON.parse(training.publish(TRAINED_POLICY));
      if (published.error) return fail(published.error);
      payload.policy = TRAINED_POLICY;
      payload.policy_file = training.policyJson();
    }
    training.stop();
    postTraining(payload);
  }

  function guarded(fn) {
    try {
      fn();
    } catch (error) {
      fail({ code: 'engine_failed', message: String(error?.message ?? error) });
    }
  }

  function iterate() {
    timer = null;
    const started = now();
    const reply = JSON.parse(training.iterate());
    if (reply.error) return fail(reply.error);
    iterations = reply.stats.iteration;
    postTraining({ state: 'running', point: trainingPoint(reply, (now() - started) / 1000) });
    if (reply.done) finish('done');
    else timer = setTimer(tick, 0);
  }

  function tick() {
    guarded(iterate);
  }

  function start(options) {
    cancelTimer();
    iterations = 0;
    const reply = JSON.parse(training.start(JSON.stringify({ ...BROWSER_TRAINING_DEFAULTS, ...options })));
    if (reply.error) return fail(reply.error);
    postTraining({ state: 'started', options: reply.options });
    timer = setTimer(tick, 0);
  }

  function handle(command) {
    guarded(() => {
      if (command.train === 'start') start(command.options ?? {});
      else if (command.train === 'stop') { if (training.active()) finish('stopped'); }
      else postTraining({ state: 'failed', error: { code: 'bad_request', message: `unknown training command '${command.train}'` } });
    });
  }

  return {
    handle,
    training: () => timer !== null,
    dispose() { cancelTimer(); training.delete?.(); },
  };
}
