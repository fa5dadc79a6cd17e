import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState, resetConfigFromUrl } from './urlState.js';

describe('URL state', () => {
  it('reads scenario, seed, policy, speed, banks and view flags', () => {
    const s = parseUrlState('?scenario=fire_sale_spiral&seed=7&policy=all_hoard&speed=5&banks=200&embed=1&autoplay=1');
    expect(s).toMatchObject({ scenario: 'fire_sale_spiral', seed: 7, policy: 'all_hoard', speed: 5, banks: 200, embed: true, autoplay: true, worker: false });
  });

  it('drops malformed values instead of guessing', () => {
    const s = parseUrlState('?scenario=<script>&seed=-1&speed=500&banks=2.5&server=javascript:alert(1)&session=a/b');
    expect(s).toEqual({ embed: false, autoplay: false, worker: false, effects: true });
    expect(parseUrlState('?seed=1.5').seed).toBeUndefined();
    expect(parseUrlState('?seed=9007199254740992').seed).toBeUndefined();
  });

  it('round-trips a setting and keeps unrelated parameters', () => {
    const search = formatUrlState('?embed=1&scenario=calm', { scenario: 'core_default', seed: 9, policy: 'heuristic', speed: 2, banks: 100 });
    expect(search).toBe('?embed=1&scenario=core_default&seed=9&policy=heuristic&speed=2&banks=100');
    expect(parseUrlState(search)).toMatchObject({ scenario: 'core_default', seed: 9, policy: 'heuristic', speed: 2, banks: 100, embed: true });
  });

  it('gives the first reset only what the URL sets', () => {
    expect(resetConfigFromUrl(parseUrlState('?seed=3&speed=4'))).toEqual({ seed: 3 });
    expect(resetConfigFromUrl(parseUrlState(''))).toEqual({});
  });

  it('reads a server address and a session', () => {
    expect(parseUrlState('?server=http://127.0.0.1:8080&session=class_1')).toMatchObject({ server: 'http://127.0.0.1:8080', session: 'class_1' });
  });
});
