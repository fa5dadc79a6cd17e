// The TanStack Query keys of every server resource the portfolio views read. Prefixes are chosen so
// that one invalidation reaches everything a notification can change: ['portfolio', id] covers that
// portfolio's detail, performance, risk, fees, orders and transactions; ['portfolio'] all of them.
export const keys = {
  overview: () => ['overview'],
  portfolios: () => ['portfolios'],
  portfolio: (id) => (id === undefined ? ['portfolio'] : ['portfolio', id]),
  detail: (id) => ['portfolio', id, 'detail'],
  performance: (id) => ['portfolio', id, 'performance'],
  risk: (id) => ['portfolio', id, 'risk'],
  monteCarlo: (id, query) => ['portfolio', id, 'monte-carlo', query],
  feeComparison: (id, structures) => ['portfolio', id, 'fee-comparison', structures],
  orders: (id, status) => ['portfolio', id, 'orders', status ?? 'all'],
  transactions: (id) => ['portfolio', id, 'transactions'],
  ledger: (id) => ['portfolio', id, 'ledger'],
  orderBook: (filters) => (filters === undefined ? ['order-book'] : ['order-book', filters]),
  markets: () => ['markets'],
  assets: (marketId) => ['markets', marketId, 'assets'],
  feeStructures: () => ['fee-structures'],
  feePreview: (body) => (body === undefined ? ['fee-preview'] : ['fee-preview', body]),
  signals: (params) => (params === undefined ? ['signals'] : ['signals', params]),
  models: () => ['models'],
  modelComparison: (params) => ['models', 'comparison', params],
  backtests: () => ['backtests'],
  backtest: (id) => ['backtests', id],
};
