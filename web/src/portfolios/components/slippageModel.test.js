import { describe, expect, it } from 'vitest';
import { chargesSlippage, describeSlippage, EMPTY_SLIPPAGE, slippageBody } from './slippageModel.js';

describe('the slippage model of a form', () => {
  it('sends nothing for none without a spread, and the kind with its one parameter otherwise', () => {
    expect(slippageBody(EMPTY_SLIPPAGE)).toBeUndefined();
    expect(slippageBody({ ...EMPTY_SLIPPAGE, spread: '10' })).toEqual({ model: 'none', spread_bps: 10 });
    expect(slippageBody({ ...EMPTY_SLIPPAGE, kind: 'fixed_bps', bps: '7.5' })).toEqual({ model: 'fixed_bps', spread_bps: 0, bps: 7.5 });
    expect(slippageBody({ ...EMPTY_SLIPPAGE, kind: 'volatility', spread: '4', k: '0.2' })).toEqual({ model: 'volatility', spread_bps: 4, k: 0.2 });
    expect(slippageBody({ ...EMPTY_SLIPPAGE, kind: 'square_root', impact: '0.8' })).toEqual({ model: 'square_root', spread_bps: 0, impact: 0.8 });
  });

  it('says what the server\'s model charges, in words', () => {
    expect(describeSlippage({ model: 'none', spread_bps: 0 })).toBe('none');
    expect(describeSlippage(undefined)).toBe('none');
    expect(chargesSlippage({ model: 'none', spread_bps: 2 })).toBe(true);
    expect(describeSlippage({ model: 'fixed_bps', spread_bps: 10, bps: 5 })).toBe('fixed 5 bps + half a 10 bps spread');
    expect(describeSlippage({ model: 'volatility', spread_bps: 0, k: 0.1, window: 20 })).toBe('0.1 × volatility per bar (20 bars)');
    expect(describeSlippage({ model: 'square_root', spread_bps: 0, impact: 1, window: 20 }))
      .toBe('1 × volatility × √(size / average volume) (20 bars)');
  });
});
