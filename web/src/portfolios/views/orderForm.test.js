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
