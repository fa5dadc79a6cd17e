import { describe, expect, it } from 'vitest';
import { createSequenceCheck, feedUrl, invalidationsFor, startPortfolioFeed } from './feed.js';

describe('portfolio feed', () => {
  it("makes an order's portfolio, the overview, the list and the order book across portfolios stale", () => {
    expect(invalidationsFor({ type: 'ORDER_UPDATE', payload: { portfolio_id: 4, order: {} } }))
      .toEqual([['portfolio', 4], ['overview'], ['portfolios'], ['order-book']]);
  });

  it("makes a ledger entry's portfolio stale: its margin figures and its ledger", () => {
    expect(invalidationsFor({ type: 'LEDGER_ENTRY', payload: { portfolio_id: 7, entry: { kind: 'margin_call' } } }))
      .toEqual([['portfolio', 7]]);
  });

  it('makes every portfolio stale when the market moves (valuations change)', () => {
    const prefixes = invalidationsFor({ type: 'MARKET_UPDATE', payload: {} });
    expect(prefixes).toContainEqual(['portfolio']);
    expect(prefixes).toContainEqual(['markets']);
    expect(prefixes).toContainEqual(['fee-preview']);
    expect(prefixes).toContainEqual(['order-book']);  // fills, expiries and brackets move with the market
  });

  it('refreshes results only when a backtest finishes, its progress always', () => {
    expect(invalidationsFor({ type: 'BACKTEST_UPDATE', payload: { backtest: { id: 1, status: 'running' } } })).toEqual([['backtests']]);
    expect(invalidationsFor({ type: 'BACKTEST_UPDATE', payload: { backtest: { id: 1, status: 'done' } } })).toContainEqual(['portfolios']);
  });

  it('ignores unknown messages', () => {
    expect(invalidationsFor({ type: 'FEED_READY', payload: {} })).toEqual([]);
    expect(invalidationsFor(null)).toEqual([]);
  });

  it('notices a gap in seq', () => {
    const check = createSequenceCheck();
    expect(check({ type: 'FEED_READY', seq: 7 })).toBe(true);
    expect(check({ type: 'ORDER_UPDATE', seq: 8 })).toBe(true);
    expect(check({ type: 'ORDER_UPDATE', seq: 11 })).toBe(false);
    expect(check({ type: 'ORDER_UPDATE', seq: 12 })).toBe(true);
  });

  it('speaks ws:// or wss:// beside the page', () => {
    expect(feedUrl('http://h:8/app/')).toBe('ws://h:8/app/ws/portfolios');
    expect(feedUrl('https://h')).toBe('wss://h/ws/portfolios');
  });

  it('invalidates on notifications and refetches everything after a gap', () => {
    const sockets = [];
    class FakeSocket { constructor(url) { this.url = url; sockets.push(this); } close() {} }
    const invalidated = [];
    const queryClient = { invalidateQueries: (filter) => invalidated.push(filter?.queryKey ?? 'all') };
    const stop = startPortfolioFeed({ baseUrl: 'http://h/', queryClient, WebSocketImpl: FakeSocket });
    const socket = sockets[0];
    socket.onopen();
    socket.onmessage({ data: JSON.stringify({ type: 'FEED_READY', seq: 1, payload: {} }) });
    socket.onmessage({ data: JSON.stringify({ type: 'SIGNALS', seq: 2, payload: {} }) });
    expect(invalidated).toEqual([['signals'], ['models']]);
    socket.onmessage({ data: JSON.stringify({ type: 'SIGNALS', seq: 5, payload: {} }) });
    expect(invalidated.at(-1)).toBe('all');
    stop();
  });
});
