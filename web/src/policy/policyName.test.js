import { describe, expect, it } from 'vitest';
import { POLICY_MODIFIERS, formatPolicyName, parsePolicyName, policyWords, withModifier } from './policyName.js';

describe('policy names with modifiers', () => {
  it('reads a plain policy, including the learned ones with a hyphen', () => {
    expect(parsePolicyName('heuristic')).toEqual({ base: 'heuristic', modifiers: [] });
    expect(parsePolicyName('mappo-selfish')).toEqual({ base: 'mappo-selfish', modifiers: [] });
  });

  it('reads modifiers into the canonical order +no_hoard, +no_fire_sale, +no_lend', () => {
    expect(parsePolicyName('heuristic+no_lend+no_hoard')).toEqual({ base: 'heuristic', modifiers: ['no_hoard', 'no_lend'] });
    expect(parsePolicyName('all_hoard+no_fire_sale')).toEqual({ base: 'all_hoard', modifiers: ['no_fire_sale'] });
    expect(POLICY_MODIFIERS.map((m) => m.name)).toEqual(['no_hoard', 'no_fire_sale', 'no_lend']);
  });

  it('refuses what the engine would refuse: unknown or repeated modifiers, an empty or malformed base', () => {
    for (const bad of ['heuristic+no_panic', 'heuristic+no_hoard+no_hoard', '+no_hoard', 'heuristic+', 'Heuristic',
      'heuristic no_hoard', '', null, undefined]) {
      expect(parsePolicyName(bad), String(bad)).toBe(null);
    }
  });

  it('composes the canonical name whatever order the modifiers come in', () => {
    expect(formatPolicyName('heuristic')).toBe('heuristic');
    expect(formatPolicyName('heuristic', ['no_lend', 'no_fire_sale', 'no_hoard'])).toBe('heuristic+no_hoard+no_fire_sale+no_lend');
    expect(formatPolicyName('random', ['no_lend'])).toBe('random+no_lend');
  });

  it('switches one modifier on or off and keeps the others', () => {
    expect(withModifier('heuristic', 'no_fire_sale', true)).toBe('heuristic+no_fire_sale');
    expect(withModifier('heuristic+no_lend', 'no_hoard', true)).toBe('heuristic+no_hoard+no_lend');
    expect(withModifier('heuristic+no_hoard+no_lend', 'no_hoard', false)).toBe('heuristic+no_lend');
    expect(withModifier('heuristic+no_hoard', 'no_hoard', true)).toBe('heuristic+no_hoard');
    expect(withModifier('heuristic+bogus', 'no_hoard', true)).toBe(null);
  });

  it('says a name in words, its modifiers in canonical order; a name it cannot read as it is', () => {
    expect(policyWords('heuristic+no_hoard+no_lend')).toBe('Heuristic, no hoarding, no lending');
    expect(policyWords('all_lend+no_hoard')).toBe('All lend, no hoarding');
    expect(policyWords('heuristic+bogus')).toBe('Heuristic+bogus');
  });
});
