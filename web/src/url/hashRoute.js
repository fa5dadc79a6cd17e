// Which part of the app the address shows, kept in the hash so it never touches the network view's
// search parameters (scenario, seed, policy, speed, embed, server…):
//   (no hash) or #/network      → the network view
//   #/portfolios                → the portfolio dashboard
//   #/portfolios/<view>[/<id>]  → a portfolio view, optionally for portfolio <id>
// Unknown views fall back to the dashboard; a malformed id is dropped, never guessed.

export const PORTFOLIO_VIEWS = ['dashboard', 'portfolio', 'trade', 'orders', 'book', 'risk', 'fees', 'models', 'backtests'];

/** Parses location.hash into {part: 'network'|'portfolios', view, portfolioId (positive integer or null)}. */
export function parseHashRoute(hash) {
  const parts = String(hash ?? '').replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] !== 'portfolios') return { part: 'network', view: null, portfolioId: null };
  const view = PORTFOLIO_VIEWS.includes(parts[1]) ? parts[1] : 'dashboard';
  const id = /^[1-9][0-9]{0,15}$/.test(parts[2] ?? '') ? Number(parts[2]) : null;
  return { part: 'portfolios', view, portfolioId: view === 'dashboard' ? null : id };
}

/** The hash for a route: formatHashRoute({part:'portfolios', view:'risk', portfolioId: 3}) → '#/portfolios/risk/3'. */
export function formatHashRoute({ part, view = 'dashboard', portfolioId = null }) {
  if (part !== 'portfolios') return '#/network';
  if (view === 'dashboard') return '#/portfolios';
  return portfolioId ? `#/portfolios/${view}/${portfolioId}` : `#/portfolios/${view}`;
}
