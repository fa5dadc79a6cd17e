import { describe, expect, it } from 'vitest';
import { averagePrice, orderColumns, orderTypeText } from './orderColumns.jsx';
import { portfolioMarket } from '../components/CreatePortfolio.jsx';

const column = (key) => orderColumns().find((c) => c.key === key);

describe('order columns', () => {
  it('name each type with its prices, a trailing stop with its current level while pending', () => {
    expect(orderTypeText({ type: 'market' })).toBe('market');
    expect(orderTypeText({ type: 'stop', stop_price: 95 })).toBe('stop 95.00');
    expect(orderTypeText({ type: 'stop_limit', stop_price: 95, limit_price: 94 })).toBe('stop 95.00 → limit 94.00');
    expect(orderTypeText({ type: 'trailing_stop', trail_percent: 2.5, stop_level: 96.4, status: 'pending' })).toBe('trailing 2.5 % (at 96.40)');
    expect(orderTypeText({ type: 'trailing_stop', trail_percent: 2.5, stop_level: 96.4, status: 'filled' })).toBe('trailing 2.5 %');
  });

  it('show how far an order filling in parts has come, and its parts as one price', () => {
    const partial = { quantity: 120, filled: 20, status: 'pending', parts: [{ quantity: 20, price: 101, date: '2024-01-03' }] };
    expect(column('size').render(partial)).toBe('20 of 120');
    expect(column('size').render({ quantity: 120, filled: 120, status: 'filled' })).toBe('120');
    expect(column('size').render({ notional: 1000, filled: 550, status: 'pending' })).toBe('550.00 of 1,000.00 notional');
    expect(averagePrice([{ quantity: 20, price: 101 }, { quantity: 60, price: 105 }])).toBe((20 * 101 + 60 * 105) / 80);
    expect(averagePrice([])).toBe(undefined);
    expect(column('fill_price').value(partial)).toBe(101);
    expect(column('fill_date').value(partial)).toBe('2024-01-03');
  });
});

describe('a new portfolio\'s market', () => {
  it('sends a volume cap as a fraction, only for a market with volumes', () => {
    expect(portfolioMarket({ participation: '10' }, { id: 3, has_volumes: true })).toEqual({ market_id: 3, max_participation: 0.1 });
    expect(portfolioMarket({ participation: '10' }, { id: 1, has_volumes: false })).toEqual({ market_id: 1 });
    expect(portfolioMarket({ participation: '' }, { id: 3, has_volumes: true })).toEqual({ market_id: 3 });
    expect(portfolioMarket({ participation: '' }, undefined)).toEqual({});
  });
});
