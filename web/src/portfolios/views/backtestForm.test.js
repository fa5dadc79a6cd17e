import { describe, expect, it } from 'vitest';
import { backtestBody, EMPTY_BACKTEST } from './backtestForm.js';

describe('the backtest form', () => {
  it("leaves blank fields to the server's defaults", () => {
    expect(backtestBody(EMPTY_BACKTEST, { marketId: 1 })).toEqual({
      model: 'linear', market_id: 1, initial_capital: 100000, fee_structure: 'zero', sizing: { kind: 'fixed_fraction', fraction: 0.1 },
    });
  });

  it('sends the chosen tickers, period, name and Kelly sizing', () => {
    const body = backtestBody({ ...EMPTY_BACKTEST, model: 'cnn', name: ' two ', start: '2018-01-02', end: '2019-06-28', tickers: ['TEC1', 'FIN1'], sizing: 'kelly', fraction: '0.5' });
    expect(body).toMatchObject({ model: 'cnn', name: 'two', start: '2018-01-02', end: '2019-06-28', tickers: ['TEC1', 'FIN1'], sizing: { kind: 'kelly', kelly_multiplier: 0.5 } });
  });

  it('trades an outside model on its stored signals, and refuses non-numbers', () => {
    expect(backtestBody({ ...EMPTY_BACKTEST, model: 'llm' }, { storedSignals: true }).signals).toBe('stored');
    expect(backtestBody({ ...EMPTY_BACKTEST, capital: 'x' })).toBe(null);
    expect(backtestBody({ ...EMPTY_BACKTEST, fraction: '0' })).toBe(null);
  });

  it('sends the risk exits typed, in percent, and refuses one out of range', () => {
    expect(backtestBody({ ...EMPTY_BACKTEST, stopLoss: '5', trailingStop: '8' }).exits).toEqual({ stop_loss_percent: 5, trailing_stop_percent: 8 });
    expect(backtestBody({ ...EMPTY_BACKTEST, takeProfit: '250' }).exits).toEqual({ take_profit_percent: 250 });
    expect(backtestBody(EMPTY_BACKTEST).exits).toBe(undefined);
    expect(backtestBody({ ...EMPTY_BACKTEST, stopLoss: '100' })).toBe(null);
    expect(backtestBody({ ...EMPTY_BACKTEST, trailingStop: '-2' })).toBe(null);
    expect(backtestBody({ ...EMPTY_BACKTEST, takeProfit: 'x' })).toBe(null);
  });
});

describe('the backtest form, volume cap', () => {
  it('sends a share of the bar volume as a fraction, and refuses one outside (0, 100]', () => {
    expect(backtestBody({ ...EMPTY_BACKTEST, participation: '10' }).max_participation).toBe(0.1);
    expect(backtestBody(EMPTY_BACKTEST).max_participation).toBe(undefined);
    expect(backtestBody({ ...EMPTY_BACKTEST, participation: '0' })).toBe(null);
    expect(backtestBody({ ...EMPTY_BACKTEST, participation: '150' })).toBe(null);
  });

  it('sells short on margin only when asked, with the margin in shares', () => {
    expect(backtestBody(EMPTY_BACKTEST).allow_short).toBe(undefined);
    const margin = { ...EMPTY_BACKTEST.margin, allowShort: true, maintenance: '45' };
    expect(backtestBody({ ...EMPTY_BACKTEST, margin })).toMatchObject({
      allow_short: true, margin: { initial: 0.5, maintenance: 0.45, borrow_rate: 0.0025 },
    });
  });
});
