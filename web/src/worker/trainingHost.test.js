import { describe, expect, it } from 'vitest';
import { BROWSER_TRAINING_DEFAULTS, TRAINED_POLICY, createTrainingHost, trainingPoint } from './trainingHost.js';

// A fake engine module with the embind Training's shape: `iterations` iterations spend the budget.
function fakeModule({ iterations = 3, startError = null, publishError = null } = {}) {
  const calls = { started: [], published: [] };
  class Training {
    constructor() { this.options = null; this.i = 0; }
    start(text) {
      if (startError) return JSON.stringify({ error: startError });
      this.options = JSON.parse(text);
      this.i = 0;
      calls.started.push(this.options);
      return JSON.stringify({ options: { ...this.options, filled: true } });
    }
    iterate() {
      if (!this.options) return JSON.stringify({ error: { code: 'conflict', message: 'no training' } });
      this.i++;
      const stats = { iteration: this.i, env_steps: 100 * this.i, agent_steps: 10000 * this.i, batch_samples: 10000,
        episode_return: -1 + this.i / 10, entropy: 1.3, approx_kl: 0.01, environment: { default_rate: 0.2 } };
      return JSON.stringify({ stats, progress: this.i / iterations, done: this.i >= iterations });
    }
    publish(name) {
      if (publishError) return JSON.stringify({ error: publishError });
      calls.published.push(name);
      return '{}';
    }
    policyJson() { return this.options ? `{"format":"finsim-policy","iterations":${this.i}}` : ''; }
    active() { return this.options !== null; }
    stop() { this.options = null; }
  }
  return { module: { Training }, calls };
}

function harness(options) {
  const { module, calls } = fakeModule(options);
  const posted = [];
  const timers = [];
  let clock = 0;
  const host = createTrainingHost({
    module,
    post: (t) => posted.push(JSON.parse(t)),
    setTimer: (fn, ms) => { const t = { fn, ms, live: true }; timers.push(t); return t; },
    clearTimer: (t) => { if (t) t.live = false; },
    now: () => clock,
  });
  // Runs the next live timer (one iteration); the clock advances 250 ms per call.
  const runNext = () => {
    const t = timers.find((x) => x.live);
    if (!t) return false;
    t.live = false;
    t.fn();
    clock += 250;
    return true;
  };
  return { host, posted, timers, calls, runNext };
}

describe('trainingPoint', () => {
  it('turns an iteration into a learning-curve point with agent-steps per second of wall time', () => {
    const reply = { stats: { iteration: 4, env_steps: 400, agent_steps: 40000, batch_samples: 10000, episode_return: -0.5,
      entropy: 1.2, approx_kl: 0.004, environment: { default_rate: 0.1 } }, progress: 0.4, done: false };
    expect(trainingPoint(reply, 0.25)).toEqual({ iteration: 4, env_steps: 400, agent_steps: 40000, progress: 0.4,
      mean_return: -0.5, entropy: 1.2, kl: 0.004, default_rate: 0.1, agent_steps_per_s: 40000 });
    expect(trainingPoint(reply, 0).agent_steps_per_s).toBeNull();
  });
});

describe('createTrainingHost', () => {
  it('starts with the browser defaults under the page options and yields between iterations', () => {
    const h = harness({ iterations: 3 });
    h.host.handle({ train: 'start', options: { scenarios: ['core_default'], cooperation: 1, steps: 300, seed: 7 } });
    expect(h.calls.started[0]).toEqual({ ...BROWSER_TRAINING_DEFAULTS, scenarios: ['core_default'], cooperation: 1, steps: 300, seed: 7 });
    expect(h.posted).toEqual([{ type: 'TRAINING', payload: { state: 'started', options: expect.objectContaining({ filled: true }) } }]);
    // Nothing trains inside handle(): each iteration is its own timer task.
    expect(h.timers.filter((t) => t.live)).toHaveLength(1);
    expect(h.timers[0].ms).toBe(0);
    h.runNext();
    expect(h.posted.at(-1).payload.state).toBe('running');
    expect(h.posted.at(-1).payload.point.iteration).toBe(1);
    expect(h.timers.filter((t) => t.live)).toHaveLength(1);
  });

  it('posts one point per iteration, then registers the policy as "trained" and posts its file', () => {
    const h = harness({ iterations: 3 });
    h.host.handle({ train: 'start', options: {} });
    while (h.runNext());
    const states = h.posted.map((m) => m.payload.state);
    expect(states).toEqual(['started', 'running', 'running', 'running', 'done']);
    expect(h.posted.filter((m) => m.payload.state === 'running').map((m) => m.payload.point.mean_return))
      .toEqual([-0.9, -0.8, -0.7].map((v) => expect.closeTo(v, 10)));
    expect(h.calls.published).toEqual([TRAINED_POLICY]);
    expect(h.posted.at(-1).payload).toEqual({ state: 'done', iterations: 3, policy: 'trained',
      policy_file: '{"format":"finsim-policy","iterations":3}' });
    expect(h.host.training()).toBe(false);
  });

  it('stop after an iteration keeps what was learned; stop before any iteration registers nothing', () => {
    const h = harness({ iterations: 10 });
    h.host.handle({ train: 'start', options: {} });
    h.runNext();
    h.host.handle({ train: 'stop' });
    expect(h.posted.at(-1).payload).toMatchObject({ state: 'stopped', iterations: 1, policy: 'trained' });
    expect(h.timers.filter((t) => t.live)).toHaveLength(0);

    const g = harness({ iterations: 10 });
    g.host.handle({ train: 'start', options: {} });
    g.host.handle({ train: 'stop' });
    expect(g.posted.at(-1).payload).toEqual({ state: 'stopped', iterations: 0 });
    expect(g.calls.published).toEqual([]);
    g.host.handle({ train: 'stop' });  // nothing in progress: no message
    expect(g.posted).toHaveLength(2);
  });

  it('reports refused options and refused registration as failures', () => {
    const h = harness({ startError: { code: 'bad_value', message: 'cooperation: must be a number' } });
    h.host.handle({ train: 'start', options: { cooperation: 'x' } });
    expect(h.posted.at(-1).payload).toEqual({ state: 'failed', error: { code: 'bad_value', message: 'cooperation: must be a number' } });
    expect(h.timers).toHaveLength(0);

    const g = harness({ iterations: 1, publishError: { code: 'name_taken', message: 'no' } });
    g.host.handle({ train: 'start', options: {} });
    g.runNext();
    expect(g.posted.at(-1).payload).toEqual({ state: 'failed', error: { code: 'name_taken', message: 'no' } });
  });

  it('a new start replaces the training in progress', () => {
    const h = harness({ iterations: 5 });
    h.host.handle({ train: 'start', options: { seed: 1 } });
    h.runNext();
    h.host.handle({ train: 'start', options: { seed: 2 } });
    expect(h.timers.filter((t) => t.live)).toHaveLength(1);
    h.runNext();
    expect(h.posted.at(-1).payload.point.iteration).toBe(1);
    expect(h.calls.started.map((o) => o.seed)).toEqual([1, 2]);
  });
});
