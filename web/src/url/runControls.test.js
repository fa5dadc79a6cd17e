import { describe, expect, it } from 'vitest';
import { formatRunControls, parseRunControls, sameRunControls, statusControls } from './runControls.js';

// The engine's status spelling of a run's controls (docs/contract.md, `at`).
const engineAt = [
  { step: 5, control: { amount: 30, bank: 40, control: 'inject_liquidity' } },
  { step: 12, control: { control: 'policy', policy: 'all_hoard+no_fire_sale' } },
  { step: 20, control: { action: 'HOARD', bank: 2, control: 'force_action' } },
  { step: 31, control: { control: 'price_shock', share: 0.05 } },
  { step: 33, control: { bank: 7, control: 'force_default' } },
];

describe('a run\'s controls in the address', () => {
  it('writes every run control and reads back the same controls', () => {
    const text = formatRunControls(engineAt);
    expect(text).toBe('inject_liquidity:40:30@5,policy:all_hoard+no_fire_sale@12,force_action:2:HOARD@20,price_shock:0.05@31,force_default:7@33');
    expect(sameRunControls(parseRunControls(text), engineAt)).toBe(true);
    expect(parseRunControls(text)[0]).toEqual({ step: 5, control: { control: 'inject_liquidity', bank: 40, amount: 30 } });
  });

  it('survives the address: URLSearchParams encodes the policy\'s + and decodes it back', () => {
    const q = new URLSearchParams();
    q.set('at', formatRunControls(engineAt));
    expect(sameRunControls(parseRunControls(new URLSearchParams(q.toString()).get('at')), engineAt)).toBe(true);
  });

  it('refuses what it cannot read: a malformed entry, a comparison that is not an intervention, too many', () => {
    for (const bad of ['', 'force_default:3', 'force_default:x@3', 'policy:heuristic', 'param:seed=3', 'force_default:3@12,,', 'reset:1@2']) {
      expect(parseRunControls(bad)).toBeNull();
    }
    expect(parseRunControls(Array(501).fill('price_shock:0.01@3').join(','))).toBeNull();
    expect(parseRunControls(Array(500).fill('price_shock:0.01@3').join(','))).toHaveLength(500);
  });

  it('says when a control cannot be written rather than writing another one', () => {
    expect(formatRunControls([{ step: 3, control: { control: 'price_shock', share: 1e-7 } }])).toBeNull();
    expect(formatRunControls([{ step: 3, control: { control: 'play' } }])).toBeNull();
    expect(formatRunControls([])).toBe('');
  });

  it('compares lists by step whatever the order of keys, those of one step in order', () => {
    const a = [{ step: 3, control: { control: 'force_default', bank: 1 } }, { step: 3, control: { control: 'force_default', bank: 2 } }];
    expect(sameRunControls(a, [{ step: 3, control: { bank: 1, control: 'force_default' } }, { step: 3, control: { bank: 2, control: 'force_default' } }])).toBe(true);
    expect(sameRunControls(a, [...a].reverse())).toBe(false);
    expect(sameRunControls([a[1], { step: 1, control: { control: 'price_shock', share: 0.1 } }],
      [{ step: 1, control: { control: 'price_shock', share: 0.1 } }, a[1]])).toBe(true);
  });

  it('reads a status\'s applied and scheduled controls as one list', () => {
    expect(statusControls({ at: [engineAt[0]], scheduled: [engineAt[1]] })).toEqual([engineAt[0], engineAt[1]]);
    expect(statusControls({})).toEqual([]);
  });
});
