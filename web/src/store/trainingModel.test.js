import { describe, expect, it } from 'vitest';
import { CURVE_LIMIT, canWatch, curveValues, initialTraining, reduceTraining, trainStartCommand, watchCommand } from './trainingModel.js';
import { initialModel, reduceTexts } from './messageHandler.js';

const point = (iteration, extra = {}) => ({ iteration, mean_return: -1 + iteration / 10, entropy: 1.3, kl: 0.01,
  agent_steps_per_s: 40000, progress: iteration / 10, ...extra });

function run(payloads, from = initialTraining()) {
  return payloads.reduce(reduceTraining, from);
}

describe('reduceTraining', () => {
  it('files a training from start to done: options, one point per iteration, the registered policy', () => {
    const t = run([
      { state: 'started', options: { scenarios: ['core_default'], cooperation: 1 } },
      { state: 'running', point: point(1) },
      { state: 'running', point: point(2) },
      { state: 'done', iterations: 2, policy: 'trained', policy_file: '{"format":"finsim-policy"}' },
    ]);
    expect(t.state).toBe('done');
    expect(t.options.scenarios).toEqual(['core_default']);
    expect(t.points.map((p) => p.iteration)).toEqual([1, 2]);
    expect(t.iterations).toBe(2);
    expect(t.policy).toBe('trained');
    expect(t.policyFile).toBe('{"format":"finsim-policy"}');
    expect(canWatch(t)).toBe(true);
  });

  it('a new start clears the previous curve and policy', () => {
    const done = run([{ state: 'started', options: {} }, { state: 'running', point: point(1) },
      { state: 'done', iterations: 1, policy: 'trained', policy_file: 'x' }]);
    const again = reduceTraining(done, { state: 'started', options: { seed: 2 } });
    expect(again).toEqual({ ...initialTraining(), state: 'running', options: { seed: 2 } });
    expect(canWatch(again)).toBe(false);
  });

  it('ignores points outside a running training and keeps at most CURVE_LIMIT points', () => {
    expect(reduceTraining(initialTraining(), { state: 'running', point: point(1) })).toEqual(initialTraining());
    let t = reduceTraining(initialTraining(), { state: 'started', options: {} });
    for (let i = 1; i <= CURVE_LIMIT + 5; i++) t = reduceTraining(t, { state: 'running', point: point(i) });
    expect(t.points).toHaveLength(CURVE_LIMIT);
    expect(t.points[0].iteration).toBe(6);
    expect(t.iterations).toBe(CURVE_LIMIT + 5);
  });

  it('a stop before any iteration leaves nothing to watch; a failure keeps the curve and the error', () => {
    const stopped = run([{ state: 'started', options: {} }, { state: 'stopped', iterations: 0 }]);
    expect(stopped.state).toBe('stopped');
    expect(canWatch(stopped)).toBe(false);
    const failed = run([{ state: 'started', options: {} }, { state: 'running', point: point(1) },
      { state: 'failed', error: { code: 'bad_value', message: 'no' } }]);
    expect(failed.state).toBe('failed');
    expect(failed.points).toHaveLength(1);
    expect(failed.error).toEqual({ code: 'bad_value', message: 'no' });
  });

  it('unknown payloads change nothing', () => {
    const t = initialTraining();
    expect(reduceTraining(t, { state: 'bogus' })).toBe(t);
    expect(reduceTraining(t, undefined)).toBe(t);
  });
});

describe('training commands', () => {
  it('start sends the form as engine options (numbers, one scenario)', () => {
    expect(trainStartCommand({ scenario: 'fire_sale_spiral', cooperation: '0.5', steps: '1000', seed: '7' }))
      .toEqual({ train: 'start', options: { scenarios: ['fire_sale_spiral'], cooperation: 0.5, steps: 1000, seed: 7,
        discretion: 'under_stress' } });
    expect(trainStartCommand({ scenario: 'calm', cooperation: 1, steps: 300, seed: 1, discretion: 'always' }).options.discretion)
      .toBe('always');
  });

  it('watch resets on the trained scenario with the trained policy, keeping seed and size', () => {
    const training = { ...initialTraining(), state: 'done', options: { scenarios: ['core_default'] }, policy: 'trained' };
    const status = { scenario: 'calm', seed: 42, policy: 'heuristic', banks: 50, running: true };
    expect(watchCommand(status, training)).toEqual({ control: 'reset',
      config: { scenario: 'core_default', seed: 42, policy: 'trained', banks: 50 } });
    expect(watchCommand(status, training, { lender_of_last_resort: 1 }).config.lender_of_last_resort).toBe(1);
  });

  it('curve values skip missing figures', () => {
    expect(curveValues([point(1), point(2, { kl: null }), point(3)], 'kl')).toEqual([0.01, 0.01]);
  });
});

describe('TRAINING messages through the one message handler', () => {
  it('land in model.training without touching the simulation', () => {
    const texts = [
      JSON.stringify({ type: 'TRAINING', payload: { state: 'started', options: { scenarios: ['calm'] } } }),
      JSON.stringify({ type: 'TRAINING', payload: { state: 'running', point: point(1) } }),
    ];
    const { model, animations } = reduceTexts(initialModel(), texts);
    expect(model.training.state).toBe('running');
    expect(model.training.points).toHaveLength(1);
    expect(model.state).toBeNull();
    expect(animations).toEqual([]);
  });
});
