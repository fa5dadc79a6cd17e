import { describe, expect, it } from 'vitest';
import { compareSearch, comparedValue, formatDifference, parseCompareParam, parseDifference, worldConfigs,
  worldLabels } from './compareSpec.js';

describe('a comparison in the address', () => {
  it('reads each kind of difference', () => {
    expect(parseDifference('policy:heuristic+no_hoard')).toEqual({ kind: 'policy', policy: 'heuristic+no_hoard' });
    expect(parseDifference('param:lender_of_last_resort=1')).toEqual({ kind: 'param', name: 'lender_of_last_resort', value: 1 });
    expect(parseDifference('force_default:3@10')).toEqual({ kind: 'intervention', control: 'force_default', bank: 3, step: 10 });
    expect(parseDifference('force_action:3:HOARD@20')).toEqual({ kind: 'intervention', control: 'force_action', bank: 3, action: 'HOARD', step: 20 });
    expect(parseDifference('inject_liquidity:3:50@10')).toEqual({ kind: 'intervention', control: 'inject_liquidity', bank: 3, amount: 50, step: 10 });
    expect(parseDifference('price_shock:0.12@10')).toEqual({ kind: 'intervention', control: 'price_shock', share: 0.12, step: 10 });
  });

  it('reads a hand-typed + (a space once decoded) as the modifier separator, in canonical order', () => {
    expect(parseCompareParam('?compare=policy:heuristic+no_lend+no_hoard')).toEqual({ difference: { kind: 'policy', policy: 'heuristic+no_hoard+no_lend' } });
    expect(parseCompareParam('?compare=policy:heuristic%2Bno_hoard').difference.policy).toBe('heuristic+no_hoard');
  });

  it('rejects malformed values instead of guessing', () => {
    for (const text of ['policy', 'policy:', 'policy:heuristic+no_panic', 'param:lender_of_last_resort', 'param:x=abc',
      'param:Bad=1', 'force_default:3', 'force_default:3@0', 'force_default:-1@5', 'force_action:3:PANIC@5',
      'inject_liquidity:3:0@5', 'price_shock:1.5@10', 'price_shock:0@10', 'teleport:3@1', 'price_shock:0.1@10@11']) {
      expect(parseDifference(text), text).toBeNull();
    }
    expect(parseCompareParam('?compare=policy:')).toEqual({ rejected: 'policy:' });
    expect(parseCompareParam('?scenario=calm')).toEqual({});
  });

  it('writes every difference so that it reads back the same', () => {
    for (const text of ['policy:all_lend', 'policy:mappo-selfish+no_fire_sale', 'param:lender_of_last_resort=0',
      'force_default:0@1', 'force_action:12:FIRE_SALE@30', 'inject_liquidity:4:12.5@11', 'price_shock:0.1@10']) {
      expect(formatDifference(parseDifference(text))).toBe(text);
    }
    const search = compareSearch('?scenario=calm&seed=3', parseDifference('policy:heuristic+no_hoard'));
    expect(search).toBe('?scenario=calm&seed=3&compare=policy%3Aheuristic%2Bno_hoard');
    expect(parseCompareParam(search).difference.policy).toBe('heuristic+no_hoard');
    expect(compareSearch(search, null)).toBe('?scenario=calm&seed=3');
  });
});

describe('the two worlds', () => {
  const run = { scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic' };

  it('differ in the policy, the parameter, or an intervention sent to world B before its step', () => {
    expect(worldConfigs(run, parseDifference('policy:heuristic+no_hoard'))).toEqual({
      a: run, b: { ...run, policy: 'heuristic+no_hoard' }, interventions: [] });
    expect(worldConfigs(run, parseDifference('param:lender_of_last_resort=1')).b).toEqual({ ...run, lender_of_last_resort: 1 });
    expect(worldConfigs(run, parseDifference('force_action:3:HOARD@20'))).toEqual({
      a: run, b: run, interventions: [{ step: 20, command: { control: 'force_action', bank: 3, action: 'HOARD' } }] });
  });

  it('are labelled by their difference, with world A as its engine reports it', () => {
    expect(worldLabels(parseDifference('policy:heuristic+no_hoard'), 'heuristic')).toEqual({ a: 'Heuristic', b: 'Heuristic, no hoarding' });
    expect(worldLabels(parseDifference('param:lender_of_last_resort=1'), 0)).toEqual({ a: 'Lender of last resort = 0', b: 'Lender of last resort = 1' });
    expect(worldLabels(parseDifference('price_shock:0.12@10'))).toEqual({ a: 'No intervention', b: 'A 12 % price shock at step 10' });
    expect(worldLabels(parseDifference('force_action:3:FIRE_SALE@20')).b).toBe('Bank 3 made to sell assets at step 20');
    const catalogue = { scenarios: [{ name: 'calm', settings: {} }], parameters: [{ name: 'lender_of_last_resort', default: '0' }] };
    expect(comparedValue(parseDifference('param:lender_of_last_resort=1'), { scenario: 'calm' }, catalogue)).toBe(0);
    expect(comparedValue(parseDifference('policy:all_lend'), { policy: 'all_hoard' })).toBe('all_hoard');
  });
});
