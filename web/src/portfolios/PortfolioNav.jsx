// The Portfolios part's navigation: the views, and for the views about one portfolio a picker of
// the active portfolios (live and backtests). A portfolio view opened without an id shows the first.
import { useEffect, useRef } from 'react';
import { formatHashRoute } from '../url/hashRoute.js';
import { usePortfolios } from './api/queries.js';

export const VIEW_LABELS = [
  ['dashboard', 'Dashboard'], ['portfolio', 'Portfolio'], ['trade', 'Trade'], ['orders', 'Order book'], ['book', 'All orders'],
  ['risk', 'Risk'], ['fees', 'Fees'], ['models', 'Models'], ['backtests', 'Backtests'],
];
export const PER_PORTFOLIO = new Set(['portfolio', 'trade', 'orders', 'risk', 'fees']);

export function go(view, portfolioId = null) {
  location.hash = formatHashRoute({ part: 'portfolios', view, portfolioId });
}

function PortfolioPicker({ route }) {
  const portfolios = usePortfolios();
  const list = portfolios.data?.portfolios ?? [];
  const first = (route.view === 'trade' ? list.find((p) => p.kind === 'live') : null) ?? list[0];
  useEffect(() => {
    if (route.portfolioId === null && first) {
      history.replaceState(history.state, '', formatHashRoute({ ...route, portfolioId: first.id }));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  }, [route, first]);
  if (!list.length) return null;
  return (
    <label className="pf-picker">
      <span className="muted small">Portfolio</span>
      <select data-testid="pf-picker" value={route.portfolioId ?? ''} onChange={(e) => go(route.view, Number(e.target.value))}>
        {list.map((p) => <option key={p.id} value={p.id}>{p.name}{p.kind === 'backtest' ? ' (backtest)' : ''}</option>)}
      </select>
    </label>
  );
}

export function PortfolioNav({ route, feed }) {
  const perPortfolio = PER_PORTFOLIO.has(route.view);
  // A view about all portfolios (the dashboard, all orders) keeps the portfolio the user was looking at:
  // its per-portfolio links go back to it, not to the first one.
  const last = useRef(null);
  if (route.portfolioId !== null && route.portfolioId !== undefined) last.current = route.portfolioId;
  return (
    <nav className="pf-nav" aria-label="Portfolio views">
      <div className="pf-nav-links">
        {VIEW_LABELS.map(([view, label]) => (
          <a key={view} href={formatHashRoute({ part: 'portfolios', view, portfolioId: PER_PORTFOLIO.has(view) ? last.current : null })}
            aria-current={route.view === view ? 'page' : undefined} data-testid={`pf-nav-${view}`}>{label}</a>
        ))}
      </div>
      <div className="pf-nav-right">
        {perPortfolio && <PortfolioPicker route={route} />}
        <span className={`badge ${feed === 'live' ? 'live-feed' : 'warn'}`} data-testid="pf-feed" title="live updates from /ws/portfolios">
          {feed === 'live' ? '● live' : feed === 'reconnecting' ? 'reconnecting…' : 'connecting…'}
        </span>
      </div>
    </nav>
  );
}
