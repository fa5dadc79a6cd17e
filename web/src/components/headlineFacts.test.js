import { describe, expect, it } from 'vitest';
import { headlineFacts, headlineInputs } from './headlineFacts.js';

const state = { timestep: 12, scenario: 'core_default', asset_price: 0.93 };
const words = (facts) => facts.map((f) => [f.label, f.value, f.detail].filter(Boolean).join(' '));

describe('headlineFacts', () => {
  it('says nothing before the first snapshot', () => {
    expect(headlineFacts({ state: null })).toBeNull();
  });

  it('gives the step, the scenario, the price and the failures, in that order', () => {
    const facts = headlineFacts({ state, metrics: { defaulted_banks: 1, active_banks: 99 } });
    expect(facts.map((f) => f.key)).toEqual(['step', 'scenario', 'price', 'defaults']);
    expect(words(facts).slice(0, 2)).toEqual(['Step 12', 'Scenario Core default']);
    expect(facts[3]).toMatchObject({ value: '1 bank has failed', detail: '99 standing', tone: 'bad' });
  });

  it('words no failure and many failures, and leaves the line out when the engine sent no count', () => {
    expect(headlineFacts({ state, metrics: { defaulted_banks: 0 } }).at(-1)).toMatchObject({ value: 'No bank has failed', tone: 'good' });
    expect(headlineFacts({ state, metrics: { defaulted_banks: 7 } }).at(-1).value).toBe('7 banks have failed');
    expect(headlineFacts({ state, metrics: null }).map((f) => f.key)).not.toContain('defaults');
  });

  it('names the run\'s policy only when asked, and the policy the banks follow after a switch always', () => {
    expect(headlineFacts({ state, policy: 'heuristic' }).map((f) => f.key)).not.toContain('policy');
    const facts = headlineFacts({ state: { ...state, current_policy: 'heuristic+no_hoard' }, policy: 'mappo-selfish' }, { showPolicy: true });
    expect(words(facts).slice(2, 4)).toEqual(['Policy Mappo-selfish', 'Banks now follow Heuristic, no hoarding']);
    expect(facts[3].policy).toBe('heuristic+no_hoard');
  });

  it('marks a replayed step', () => {
    expect(headlineFacts({ state, replaying: true })[0]).toMatchObject({ key: 'step', replay: true });
  });
});

describe('headlineInputs', () => {
  it('reads the step on screen: the replayed frame while scrubbed back, the newest otherwise', () => {
    const replayed = { state: { ...state, timestep: 3 }, metrics: { defaulted_banks: 0 } };
    const s = { state, metrics: { defaulted_banks: 2 }, status: { policy: 'heuristic' }, replay: replayed };
    expect(headlineInputs(s)).toEqual({ state: replayed.state, metrics: replayed.metrics, policy: 'heuristic', replaying: true });
    expect(headlineInputs({ ...s, replay: null }).replaying).toBe(false);
  });

  it('takes a store without a replay (a Compare world\'s) as live', () => {
    expect(headlineInputs({ state, metrics: null }).replaying).toBe(false);
  });
});
