// The live feed (/ws/portfolios) turned into cache invalidations: the server's notifications say what
// changed, TanStack Query refetches what is on screen. Nothing from a message is shown directly.
// A gap in `seq` (the server drops a lagging viewer's oldest notifications) or a reconnect means
// notifications were missed: then everything is refetched.
import { keys } from './queryKeys.js';

/** The query-key prefixes a feed message makes stale (docs/portfolio-api.md, "The live feed"). */
export function invalidationsFor(message) {
  const payload = message?.payload ?? {};
  switch (message?.type) {
    case 'ORDER_UPDATE':
      return [keys.portfolio(payload.portfolio_id), keys.overview(), keys.portfolios(), keys.orderBook()];
    case 'PORTFOLIO_UPDATE':
      return [keys.portfolio(payload.portfolio?.id), keys.overview(), keys.portfolios(), keys.orderBook()];
    case 'LEDGER_ENTRY':  // a borrow fee, margin call or liquidation: the portfolio's figures and ledger
      return [keys.portfolio(payload.portfolio_id)];
    case 'MARKET_UPDATE':
      return [keys.markets(), keys.portfolio(), keys.overview(), keys.portfolios(), keys.feePreview(), keys.models(), keys.orderBook()];
    case 'SIGNALS':
      return [keys.signals(), keys.models()];
    case 'BACKTEST_UPDATE': {
      const finished = ['done', 'failed'].includes(payload.backtest?.status);
      return finished
        ? [keys.backtests(), keys.portfolios(), keys.overview(), keys.models(), keys.signals()]
        : [keys.backtests()];
    }
    default:
      return [];
  }
}

/** Tracks `seq`: true when the message follows the previous one without a gap. */
export function createSequenceCheck() {
  let last = null;
  return (message) => {
    const seq = message?.seq;
    if (typeof seq !== 'number') return true;
    const continuous = last === null || message.type === 'FEED_READY' || seq === last + 1;
    last = seq;
    return continuous;
  };
}

export function feedUrl(baseUrl) {
  const url = new URL('ws/portfolios', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * Joins the feed and invalidates `queryClient` on each notification; reconnects with backoff
 * (0.5 s doubling to 10 s). `onState('connecting'|'live'|'reconnecting')` reports the connection.
 * Returns stop().
 */
export function startPortfolioFeed({ baseUrl, queryClient, onState = () => {}, WebSocketImpl = globalThis.WebSocket }) {
  let socket = null;
  let stopped = false;
  let attempts = 0;
  let timer = null;
  let check = createSequenceCheck();

  const invalidate = (prefixes) => {
    for (const queryKey of prefixes) queryClient.invalidateQueries({ queryKey });
  };

  function open() {
    onState(attempts === 0 ? 'connecting' : 'reconnecting');
    socket = new WebSocketImpl(feedUrl(baseUrl));
    socket.onopen = () => {
      if (attempts > 0) queryClient.invalidateQueries();  // whatever happened while away
      attempts = 0;
      check = createSequenceCheck();
      onState('live');
    };
    socket.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (!check(message)) queryClient.invalidateQueries();
      else invalidate(invalidationsFor(message));
    };
    socket.onclose = () => {
      if (stopped) return;
      attempts++;
      onState('reconnecting');
      timer = setTimeout(open, Math.min(10000, 500 * 2 ** (attempts - 1)));
    };
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}
