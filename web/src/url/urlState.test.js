import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState, switchedModeSearch } from './urlState.js';

describe('URL state', () => {
  it('reads scenario, seed, policy, speed, banks and view flags', () => {
    const s = parseUrlState('?scenario=fire_sale_spiral&seed=7&policy=all_hoard&speed=5&banks=200&embed=1&autoplay=1');
    expect(s).toMatchObject({ scenario: 'fire_sale_spiral', seed: 7, policy: 'all_hoard', speed: 5, banks: 200, embed: true, autoplay: true, worker: false });
  });

  it('drops malformed values instead of guessing, and reports each one as it was written', () => {
    const s = parseUrlState('?scenario=<script>&seed=-1&speed=500&banks=2.5&server=javascript:alert(1)&session=a/b');
    expect(s).toEqual({ embed: false, autoplay: false, worker: false, effects: true, rejected: {
      scenario: '<script>', seed: '-1', speed: '500', banks: '2.5', server: 'javascript:alert(1)', session: 'a/b' } });
    expect(parseUrlState('?scenario=calm&embed=1').rejected).toEqual({});
    expect(parseUrlState('?seed=1.5').seed).toBeUndefined();
    expect(parseUrlState('?seed=9007199254740992').seed).toBeUndefined();
  });

  it('round-trips a setting and keeps unrelated parameters', () => {
    const search = formatUrlState('?embed=1&scenario=calm', { scenario: 'core_default', seed: 9, policy: 'heuristic', speed: 2, banks: 100 });
    expect(search).toBe('?embed=1&scenario=core_default&seed=9&policy=heuristic&speed=2&banks=100');
    expect(parseUrlState(search)).toMatchObject({ scenario: 'core_default', seed: 9, policy: 'heuristic', speed: 2, banks: 100, embed: true });
  });

  it('reads a server address and a session', () => {
    expect(parseUrlState('?server=http://127.0.0.1:8080&session=class_1')).toMatchObject({ server: 'http://127.0.0.1:8080', session: 'class_1' });
  });

  it('round-trips a policy with modifiers, encoding its + so that it does not decode to a space', () => {
    const search = formatUrlState('', { scenario: 'core_default', policy: 'heuristic+no_hoard+no_lend' });
    expect(search).toBe('?scenario=core_default&policy=heuristic%2Bno_hoard%2Bno_lend');
    expect(parseUrlState(search).policy).toBe('heuristic+no_hoard+no_lend');
  });

  it('reads a hand-typed + (decoded as a space) as the modifier separator, in canonical order', () => {
    expect(parseUrlState('?policy=heuristic+no_hoard').policy).toBe('heuristic+no_hoard');
    expect(parseUrlState('?policy=all_hold+no_lend+no_fire_sale').policy).toBe('all_hold+no_fire_sale+no_lend');
    expect(parseUrlState('?policy=heuristic%20no_fire_sale').policy).toBe('heuristic+no_fire_sale');
  });

  it('drops a policy with an unknown or repeated modifier, and keeps learned names with a hyphen', () => {
    expect(parseUrlState('?policy=heuristic%2Bno_panic').policy).toBeUndefined();
    expect(parseUrlState('?policy=heuristic%2Bno_panic').rejected).toEqual({ policy: 'heuristic+no_panic' });
    expect(parseUrlState('?policy=heuristic%2Bno_hoard%2Bno_hoard').policy).toBeUndefined();
    expect(parseUrlState('?policy=Mappo-Cooperative').rejected).toEqual({ policy: 'Mappo-Cooperative' });
    expect(parseUrlState('?policy=mappo-selfish%2Bno_hoard').policy).toBe('mappo-selfish+no_hoard');
  });

  // The policies `finsim scenarios --json` lists (engine/src/catalogue.cpp), with and without modifiers.
  const ENGINE_POLICIES = ['heuristic', 'random', 'all_hold', 'all_lend', 'all_hoard', 'all_fire_sale', 'mappo-cooperative',
    'mappo-selfish', 'mappo'];
  const MODIFIED = ['+no_hoard', '+no_fire_sale', '+no_lend', '+no_hoard+no_fire_sale+no_lend'];

  it('round-trips every policy the engine lists, with every modifier, written by the page or typed by hand', () => {
    for (const policy of ENGINE_POLICIES.flatMap((p) => [p, ...MODIFIED.map((m) => `${p}${m}`)])) {
      const search = formatUrlState('?embed=1', { scenario: 'core_default', policy });
      expect(search).toBe(`?embed=1&scenario=core_default&policy=${policy.replaceAll('+', '%2B')}`);
      expect(parseUrlState(search)).toMatchObject({ policy, rejected: {} });
      expect(parseUrlState(`?policy=${policy}`)).toMatchObject({ policy, rejected: {} });  // a bare + reads as a space
      expect(parseUrlState(`?policy=${encodeURIComponent(policy)}`).policy).toBe(policy);
    }
  });

  it('round-trips the lender of last resort and puts it in the first reset', () => {
    const search = formatUrlState('?seed=3', { seed: 3, policy: 'heuristic+no_fire_sale', lender_of_last_resort: 1 });
    expect(search).toBe('?seed=3&policy=heuristic%2Bno_fire_sale&lender_of_last_resort=1');
    const state = parseUrlState(search);
    expect(state.lender_of_last_resort).toBe(1);
    expect(state).toMatchObject({ seed: 3, policy: 'heuristic+no_fire_sale', lender_of_last_resort: 1 });
    expect(parseUrlState('?lender_of_last_resort=0').lender_of_last_resort).toBe(0);
    expect(parseUrlState('?lender_of_last_resort=yes').lender_of_last_resort).toBeUndefined();
    expect(parseUrlState('?lender_of_last_resort=yes').rejected).toEqual({ lender_of_last_resort: 'yes' });
    expect(formatUrlState(search, { seed: 3 })).toBe('?seed=3');
  });

  it('joins a server\'s session as it is when the page connects to one, and keeps the view options', () => {
    const search = '?embed=1&scenario=core_default&seed=9&policy=heuristic&speed=2&banks=100&autoplay=1&worker=1';
    expect(switchedModeSearch(search, { server: 'http://127.0.0.1:8080' })).toBe('?embed=1&server=http%3A%2F%2F127.0.0.1%3A8080');
    expect(switchedModeSearch('?server=http://h:1&scenario=calm', { worker: '1' })).toBe('?scenario=calm&worker=1');
  });
});
