import { describe, expect, it } from 'vitest';
import { createSimulationStore } from '../store/simulationStore.js';
import { createBus } from '../animation/animationBus.js';
import { branchComparison, branchControl, branchFrom, branchOutcomeText, currentCompareOpener, runRecipe,
  setCompareOpener } from './branch.js';

const status = (timestep, extra = {}) => ({ timestep, running: false, speed: 2, scenario: 'liquidity_freeze', seed: 42,
  policy: 'heuristic', banks: 100, lender_of_last_resort: 0, ...extra });
const own = (type, payload) => JSON.stringify({ type, payload });

/** A fake engine behind `send`: answers each control as `answer(command)` says, asynchronously. */
function fakeEngine(store, answer) {
  const sent = [];
  const send = (command) => {
    sent.push(command);
    queueMicrotask(() => store.getState().receiveTexts(answer(command)));
  };
  return { sent, send };
}

function storeWith(s) {
  const store = createSimulationStore({ bus: createBus() });
  store.getState().receiveTexts([own('STATUS', s)]);
  return store;
}

describe('branchControl', () => {
  it('builds each change from the form, and refuses incomplete ones', () => {
    expect(branchControl({ control: 'policy', policy: 'heuristic+no_hoard' })).toEqual({ control: 'policy', policy: 'heuristic+no_hoard' });
    expect(branchControl({ control: 'force_action', bank: '3', action: 'HOARD' })).toEqual({ control: 'force_action', bank: 3, action: 'HOARD' });
    expect(branchControl({ control: 'force_default', bank: 7 })).toEqual({ control: 'force_default', bank: 7 });
    expect(branchControl({ control: 'inject_liquidity', bank: 2, amount: '50' })).toEqual({ control: 'inject_liquidity', bank: 2, amount: 50 });
    expect(branchControl({ control: 'price_shock', share: 0.1 })).toEqual({ control: 'price_shock', share: 0.1 });
    expect(branchControl({ control: 'force_default', bank: '' })).toBe(null);
    expect(branchControl({ control: 'force_action', bank: 1, action: 'PANIC' })).toBe(null);
    expect(branchControl({ control: 'price_shock', share: 1 })).toBe(null);
    expect(branchControl({ control: 'reset' })).toBe(null);
  });
});

describe('the Compare hook', () => {
  const recipe = runRecipe(status(40, { at: [
    { step: 5, control: { control: 'force_default', bank: 1 } },
    { step: 11, control: { control: 'price_shock', share: 0.1 } },
    { step: 30, control: { control: 'force_action', bank: 2, action: 'HOARD' } },
  ] }));

  it('the recipe is the reset that rebuilds the run and its applied controls', () => {
    expect(recipe.config).toEqual({ scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', banks: 100, lender_of_last_resort: 0 });
    expect(recipe.at).toHaveLength(3);
    expect(runRecipe(status(3)).at).toEqual([]);
  });

  it('opens both worlds at the branch step; the branch adds the change for the next step', () => {
    const change = { control: 'policy', policy: 'heuristic+no_hoard' };
    const c = branchComparison(recipe, 10, change);
    expect(c.actsIn).toBe(11);
    // Both keep the run's later control (the engine schedules it); the change acts in step 11.
    expect(c.original).toEqual({ control: 'reset', config: { ...recipe.config, to_step: 10, at: recipe.at } });
    expect(c.branch.config.at).toEqual([...recipe.at.slice(0, 2), { step: 11, control: change }, recipe.at[2]]);
    expect(c.branch.config.to_step).toBe(10);
  });

  it('Compare registers its opener; nothing else does', () => {
    expect(currentCompareOpener()).toBe(null);
    const open = () => {};
    setCompareOpener(open);
    expect(currentCompareOpener()).toBe(open);
    setCompareOpener(null);
    expect(currentCompareOpener()).toBe(null);
  });
});

describe('branchFrom', () => {
  it('rewinds, then sends the change once the rewind is accepted, then plays if the run was playing', async () => {
    const store = storeWith(status(40, { running: true }));
    const engine = fakeEngine(store, (c) => [own('STATUS', status(c.control === 'rewind' ? c.step : 10, { running: c.control === 'play' }))]);
    const change = { control: 'force_default', bank: 3 };
    const outcome = await branchFrom({ store, send: engine.send, step: 10, change });
    expect(outcome.ok).toBe(true);
    expect(outcome.recipe.config.scenario).toBe('liquidity_freeze');
    expect(engine.sent).toEqual([{ control: 'rewind', step: 10 }, change, { control: 'play' }]);
    expect(branchOutcomeText(outcome, 10, change)).toMatch(/^Branched at step 10: from step 11, bank 3 fails/);
  });

  it('an engine without rewind changes nothing: the change is never sent', async () => {
    const store = storeWith(status(40));
    const engine = fakeEngine(store, (c) => [own('ERROR', { code: 'unknown_control', message: `unknown control '${c.control}'`, control: c.control })]);
    const outcome = await branchFrom({ store, send: engine.send, step: 10, change: { control: 'force_default', bank: 3 } });
    expect(outcome).toMatchObject({ ok: false, stage: 'rewind', unsupported: true });
    expect(engine.sent).toEqual([{ control: 'rewind', step: 10 }]);
    expect(store.getState().branchExpected).toBe(null);
    expect(branchOutcomeText(outcome, 10, null)).toMatch(/cannot rewind a run yet.*Nothing was changed/);
  });

  it('a refused change leaves the run rewound and says so', async () => {
    const store = storeWith(status(40));
    const engine = fakeEngine(store, (c) => (c.control === 'rewind' ? [own('STATUS', status(10))]
      : [own('ERROR', { code: 'unknown_control', message: 'unknown control', control: c.control })]));
    const change = { control: 'policy', policy: 'all_hold' };
    const outcome = await branchFrom({ store, send: engine.send, step: 10, change });
    expect(outcome).toMatchObject({ ok: false, stage: 'change', unsupported: true });
    expect(branchOutcomeText(outcome, 10, change)).toMatch(/went back to step 10.*“policy”/);
  });

  it('gives up after the timeout when the engine does not answer', async () => {
    const store = storeWith(status(40));
    const outcome = await branchFrom({ store, send: () => {}, step: 10, change: { control: 'price_shock', share: 0.1 }, timeoutMs: 10 });
    expect(outcome).toMatchObject({ ok: false, stage: 'rewind', unsupported: false, error: { code: 'timeout' } });
  });
});
