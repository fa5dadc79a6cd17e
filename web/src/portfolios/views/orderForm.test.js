import { describe, expect, it } from 'vitest';
import { EMPTY_ORDER, cashNote, orderBody, orderProblem, previewBody } from './orderForm.js';

const form = (change) => ({ ...EMPTY_ORDER, ticker: 'TEC1', amount: '10', ...change });

describe('the order form', () => {
  it('sends nothing until ticker and a positive size are given', () => {
    expect(orderBody({ ...EMPTY_ORDER, amount: '10' })).toBe(null);
    expect(orderBody(form({ amount: '' }))).toBe(null);
    expect(orderBody(form({ amount: '-2' }))).toBe(null);
    expect(orderBody(form({ amount: 'abc' }))).toBe(null);
  });

  it('builds market, notional and limit orders as the API takes them', () => {
    expect(orderBody(form())).toEqual({ ticker: 'TEC1', side: 'buy', type: 'market', quantity: 10 });
    expect(orderBody(form({ sizeKind: 'notional', amount: '2500', side: 'sell' }))).toEqual({ ticker: 'TEC1', side: 'sell', type: 'market', notional: 2500 });
    expect(orderBody(form({ type: 'limit' }))).toBe(null);
    expect(orderBody(form({ type: 'limit', limitPrice: '99.5', feeStructure: 'flat' })))
      .toEqual({ ticker: 'TEC1', side: 'buy', type: 'limit', quantity: 10, limit_price: 99.5, fee_structure: 'flat' });
  });

  it("previews at the last close with the portfolio's fees, or at the limit with the order's", () => {
    expect(previewBody(form(), { marketId: 1, defaultFeeStructure: 5 }))
      .toEqual({ fee_structure: 5, side: 'buy', quantity: 10, ticker: 'TEC1', market_id: 1 });
    expect(previewBody(form({ type: 'limit', limitPrice: '7', feeStructure: 'zero' }), { marketId: 1, defaultFeeStructure: 5 }))
      .toEqual({ fee_structure: 'zero', side: 'buy', quantity: 10, price: 7 });
  });

  it('says what is wrong with a size or a limit typed but not above 0, and nothing while the form is merely incomplete', () => {
    expect(orderProblem(form({ amount: '-5' }))).toBe('The quantity must be a number above 0, not -5.');
    expect(orderProblem(form({ amount: '0', sizeKind: 'notional' }))).toBe('The amount must be a number above 0, not 0.');
    expect(orderProblem(form({ type: 'limit', limitPrice: '-1' }))).toBe('The limit price must be a number above 0, not -1.');
    expect(orderProblem(form({ amount: '' }))).toBe(null);
    expect(orderProblem(form({ type: 'limit', limitPrice: '' }))).toBe(null);
    expect(orderProblem(form())).toBe(null);
    expect(orderBody(form({ amount: '-5' }))).toBe(null);
  });

  it("previews the portfolio's slippage with the fee, from the last close or the limit, with the ticker it reads", () => {
    const slippage = { model: 'fixed_bps', spread_bps: 10, bps: 5 };
    expect(previewBody(form(), { marketId: 1, defaultFeeStructure: 5, slippage }))
      .toEqual({ fee_structure: 5, side: 'buy', quantity: 10, ticker: 'TEC1', market_id: 1, slippage });
    expect(previewBody(form({ type: 'limit', limitPrice: '7' }), { marketId: 1, defaultFeeStructure: 5, slippage }))
      .toEqual({ fee_structure: 5, side: 'buy', quantity: 10, price: 7, ticker: 'TEC1', market_id: 1, slippage });
    expect(previewBody(form(), { marketId: 1, defaultFeeStructure: 5, slippage: { model: 'none', spread_bps: 0 } }))
      .toEqual({ fee_structure: 5, side: 'buy', quantity: 10, ticker: 'TEC1', market_id: 1 });
  });

  it("previews a notional order as currency, with the portfolio's rounding rule", () => {
    expect(previewBody(form({ sizeKind: 'notional', amount: '2500' }), { marketId: 1, defaultFeeStructure: 5, fractional: false }))
      .toEqual({ fee_structure: 5, side: 'buy', notional: 2500, fractional: false, ticker: 'TEC1', market_id: 1 });
    expect(previewBody(form({ amount: '' }), { marketId: 1, defaultFeeStructure: 5 })).toBe(null);
  });
});

describe('the cash note', () => {
  it('shows the cash alone while nothing is reserved', () => {
    expect(cashNote({ cash: 10000, reserved_cash: 0, available_cash: 10000 })).toBe('cash 10,000.00');
    expect(cashNote({ cash: 10000 })).toBe('cash 10,000.00');
  });

  it('adds what pending orders reserve and what a new order may still use', () => {
    expect(cashNote({ cash: 10000, reserved_cash: 6001, available_cash: 3999 }))
      .toBe('cash 10,000.00 · 3,999.00 available (6,001.00 reserved by pending orders)');
  });
});

describe('risk orders in the order form', () => {
  it('sends each type with the prices it needs, and nothing while one is missing', () => {
    expect(orderBody(form({ type: 'stop' }))).toBe(null);
    expect(orderBody(form({ type: 'stop', stopPrice: '95', side: 'sell' })))
      .toEqual({ ticker: 'TEC1', side: 'sell', type: 'stop', quantity: 10, stop_price: 95 });
    expect(orderBody(form({ type: 'stop_limit', stopPrice: '95' }))).toBe(null);
    expect(orderBody(form({ type: 'stop_limit', stopPrice: '95', limitPrice: '94' })))
      .toEqual({ ticker: 'TEC1', side: 'buy', type: 'stop_limit', quantity: 10, stop_price: 95, limit_price: 94 });
    expect(orderBody(form({ type: 'trailing_stop', trailPercent: '100' }))).toBe(null);
    expect(orderBody(form({ type: 'trailing_stop', trailPercent: '2.5', limitPrice: '90', stopPrice: '80' })))
      .toEqual({ ticker: 'TEC1', side: 'buy', type: 'trailing_stop', quantity: 10, trail_percent: 2.5 });
  });

  it('adds a bracket and good-for-days only when typed, and says what is wrong with them', () => {
    expect(orderBody(form({ takeProfit: '120', stopLoss: '90', goodForDays: '5' })))
      .toEqual({ ticker: 'TEC1', side: 'buy', type: 'market', quantity: 10, bracket: { take_profit: 120, stop_loss: 90 }, good_for_days: 5 });
    expect(orderBody(form({ stopLoss: '90' })).bracket).toEqual({ stop_loss: 90 });
    expect(orderBody(form({ stopLoss: '-90' }))).toBe(null);
    expect(orderProblem(form({ stopLoss: '-90' }))).toBe('The stop-loss must be a price above 0, not -90.');
    expect(orderProblem(form({ goodForDays: '2.5' }))).toBe('Good for must be a whole number of days from 1 to 3650, not 2.5.');
    expect(orderProblem(form({ type: 'trailing_stop', trailPercent: '150' }))).toBe('The trail must be a percent above 0 and below 100, not 150.');
    expect(orderProblem(form({ type: 'stop', stopPrice: '0' }))).toBe('The stop price must be a number above 0, not 0.');
    expect(orderProblem(form({ type: 'market', stopPrice: '0' }))).toBe(null);  // not this type's field
  });

  it('previews a stop at its stop and a stop-limit at its limit', () => {
    expect(previewBody(form({ type: 'stop', stopPrice: '95' }), { marketId: 1, defaultFeeStructure: 5 }))
      .toEqual({ fee_structure: 5, side: 'buy', quantity: 10, price: 95 });
    expect(previewBody(form({ type: 'stop_limit', stopPrice: '95', limitPrice: '96' }), { marketId: 1, defaultFeeStructure: 5 }).price).toBe(96);
    expect(previewBody(form({ type: 'trailing_stop', trailPercent: '5' }), { marketId: 1, defaultFeeStructure: 5 }))
      .toEqual({ fee_structure: 5, side: 'buy', quantity: 10, ticker: 'TEC1', market_id: 1 });
  });
});
