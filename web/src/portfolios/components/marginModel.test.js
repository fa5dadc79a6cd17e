import { describe, expect, it } from 'vitest';
import { EMPTY_MARGIN, describeEntry, describeMargin, marginBody, marginState } from './marginModel.js';

describe('marginBody', () => {
  it('adds nothing for a long-only portfolio', () => {
    expect(marginBody(EMPTY_MARGIN)).toEqual({});
  });
  it('turns the percent fields into the server\'s shares', () => {
    expect(marginBody({ ...EMPTY_MARGIN, allowShort: true })).toEqual({
      allow_short: true,
      margin: { initial: 0.5, maintenance: 0.3, borrow_rate: 0.0025 },
    });
    expect(marginBody({ allowShort: true, initial: '100', maintenance: '0', borrowRate: '3.6' }).margin)
      .toEqual({ initial: 1, maintenance: 0, borrow_rate: 0.036 });
  });
});

describe('margin in words', () => {
  it('describes the rules', () => {
    expect(describeMargin({ initial: 0.5, maintenance: 0.3, borrow_rate: 0.0025 })).toBe('50 % initial · 30 % maintenance · borrow 0.25 %/yr');
    expect(describeMargin(null)).toBe('no margin');
  });
  it('says where the portfolio stands', () => {
    expect(marginState(null)).toBe('clear');
    expect(marginState({ short_value: 0, call_since: null })).toBe('clear');
    expect(marginState({ short_value: 20000, call_since: null })).toBe('short');
    expect(marginState({ short_value: 23200, call_since: '2024-01-10' })).toBe('call');
  });
  it('describes each kind of ledger entry', () => {
    expect(describeEntry({ kind: 'borrow_fee', ticker: 'SHRT', quantity: 200, price: 100, days: 1, amount: 2 }))
      .toMatch(/^Borrow fee on 200 SHRT short at .*100\.00, 1 day$/);
    expect(describeEntry({ kind: 'borrow_fee', ticker: 'SHRT', quantity: 200, price: 100, days: 3, amount: 6 })).toMatch(/3 days$/);
    expect(describeEntry({ kind: 'margin_call', amount: 164.32 })).toMatch(/^Margin call: equity .*164\.32 short of/);
    expect(describeEntry({ kind: 'call_met', amount: 1400 })).toMatch(/^Call closed: equity .*1,400\.00 over/);
    expect(describeEntry({ kind: 'liquidation', ticker: 'SHRT', quantity: 200, price: 118 })).toMatch(/^Forced cover of 200 SHRT at .*118\.00$/);
  });
});
