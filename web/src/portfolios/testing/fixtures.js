// Server answers shaped as docs/portfolio-api.md documents them, for the views' tests.
export const summary = (change = {}) => ({
  id: 1, name: 'Alpha', kind: 'live', status: 'active', model: 'linear', market_id: 1, fee_structure_id: 5,
  opened_on: '2019-11-01', as_of: '2019-11-05', fills: 1, initial_cash: 100000, cash: 98617.98, holdings_value: 1352,
  nav: 99969.98, cost_basis: 1382.02, realized_pnl: 0, unrealized_pnl: -30.02, fees_paid: 1, total_return: -0.0003, open_positions: 1,
  ...change,
});

export const pendingOrder = {
  id: 7, portfolio_id: 1, ticker: 'TEC1', side: 'buy', type: 'market', quantity: 10, placed: '2019-11-05', model: 'cnn',
  status: 'pending', error: null, fill: null,
};

export const overview = {
  portfolios: [summary(), summary({ id: 2, name: 'Beta', model: 'xgboost', nav: 120500.5, total_return: 0.205 })],
  allocation: { nav: 220470.48, by_class: [{ name: 'cash', value: 200000, weight: 0.907 }, { name: 'stock', value: 20470.48, weight: 0.093 }], by_sector: [] },
  pending_orders: [pendingOrder],
  pending_order_count: 1,
  models: [{ model: 'linear', trades: { trades: 4, win_rate: 0.5, payoff_ratio: 1.5, total_pnl: 120.5 } }],
  markets: [{ id: 1, name: 'default', current_date: '2019-11-05', regime: 'calm', default: true }],
};

export const detail = {
  ...summary(), fee_structure: { id: 5, name: 'ibkr_fixed' }, market: { id: 1, name: 'default', current_date: '2019-11-05' },
  holdings: [], allocation: { by_class: [], by_sector: [] }, pending_orders: 0,
};

export const feeStructures = { fee_structures: [{ id: 1, name: 'zero' }, { id: 5, name: 'ibkr_fixed' }] };

export const assets = {
  market_id: 1, as_of: '2019-11-05',
  assets: [{ ticker: 'TEC1', asset_class: 'stock', sector: 'technology', price: 138.1, previous_price: 137, change: 0.008, listed: true }],
};
