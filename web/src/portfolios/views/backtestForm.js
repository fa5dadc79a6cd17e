// The backtest form's state → the POST /api/backtests body (docs/portfolio-api.md, "Backtests").
// Blank fields are left out so the server's defaults apply (every ticker, its default period).
import { EMPTY_MARGIN, marginBody } from '../components/marginModel.js';

export const EMPTY_BACKTEST = {
  model: 'linear', name: '', start: '', end: '', capital: '100000', fee: 'zero', sizing: 'fixed_fraction', fraction: '0.1', tickers: [],
  stopLoss: '', takeProfit: '', trailingStop: '', participation: '', margin: EMPTY_MARGIN,
};

// The risk exits every position gets (strategy.hpp rule 5), in percent: form field, API member, upper bound.
const EXITS = [['stopLoss', 'stop_loss_percent', 100], ['takeProfit', 'take_profit_percent', 10000.000001], ['trailingStop', 'trailing_stop_percent', 100]];

/** The "exits" member, {} when none is typed, or null when one typed is not a percent in range. */
function exitsOf(form) {
  const exits = {};
  for (const [field, key, below] of EXITS) {
    const text = form[field] ?? '';
    if (text === '') continue;
    const v = Number(text);
    if (!(Number.isFinite(v) && v > 0 && v < below)) return null;
    exits[key] = v;
  }
  return exits;
}

/** The body, or null when a number is not one. `storedSignals`: an outside model, traded on its posted signals. */
export function backtestBody(form, { marketId, storedSignals = false } = {}) {
  if (!form.model) return null;
  const capital = Number(form.capital);
  const fraction = Number(form.fraction);
  if (!(capital > 0) || !(fraction > 0)) return null;
  const exits = exitsOf(form);
  if (exits === null) return null;
  const participation = form.participation ?? '';
  const share = Number(participation);
  if (participation !== '' && !(share > 0 && share <= 100)) return null;
  const body = { model: form.model, initial_capital: capital, fee_structure: form.fee };
  if (marketId !== undefined && marketId !== null) body.market_id = marketId;
  if (form.name.trim()) body.name = form.name.trim();
  if (form.start) body.start = form.start;
  if (form.end) body.end = form.end;
  if (form.tickers.length) body.tickers = form.tickers;
  body.sizing = form.sizing === 'kelly' ? { kind: 'kelly', kelly_multiplier: fraction } : { kind: form.sizing, fraction };
  if (Object.keys(exits).length) body.exits = exits;
  if (participation !== '') body.max_participation = share / 100;  // a market without volumes refuses it (no_volume)
  if (storedSignals) body.signals = 'stored';
  Object.assign(body, marginBody(form.margin ?? EMPTY_MARGIN));  // short selling, on margin (sell signals open shorts)
  return body;
}
