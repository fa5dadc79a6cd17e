import { describe, expect, it } from 'vitest';
import { formatHashRoute, parseHashRoute } from './hashRoute.js';

describe('hash route', () => {
  it('shows the network view without a hash or for #/network', () => {
    expect(parseHashRoute('')).toEqual({ part: 'network', view: null, portfolioId: null });
    expect(parseHashRoute('#/network')).toEqual({ part: 'network', view: null, portfolioId: null });
    expect(parseHashRoute('#something-else').part).toBe('network');
  });

  it('reads the portfolio view and its portfolio id', () => {
    expect(parseHashRoute('#/portfolios')).toEqual({ part: 'portfolios', view: 'dashboard', portfolioId: null });
    expect(parseHashRoute('#/portfolios/risk/12')).toEqual({ part: 'portfolios', view: 'risk', portfolioId: 12 });
    expect(parseHashRoute('#/portfolios/models')).toEqual({ part: 'portfolios', view: 'models', portfolioId: null });
  });

  it('drops an unknown view or a malformed id instead of guessing', () => {
    expect(parseHashRoute('#/portfolios/nope/3').view).toBe('dashboard');
    expect(parseHashRoute('#/portfolios/trade/0').portfolioId).toBe(null);
    expect(parseHashRoute('#/portfolios/trade/3x').portfolioId).toBe(null);
  });

  it('formats what it parses', () => {
    for (const hash of ['#/portfolios', '#/portfolios/trade/7', '#/portfolios/backtests', '#/network']) {
      expect(formatHashRoute(parseHashRoute(hash))).toBe(hash);
    }
  });
});
