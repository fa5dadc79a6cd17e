// The backtest form's state → the POST /api/backtests body (docs/portfolio-api.md, "Backtests").
// Blank fields are left out so the server's defaults apply (every ticker, its default period).
export const EMPTY_BACKTEST = { model: 'linear', name: '', start: '', end: '', capital: '100000', fee: 'zero', sizing: 'fixed_fraction', fraction: '0.1', tickers: [] };

/** The body, or null when a number is not one. `storedSignals`: an outside model, traded on its posted signals. */
export function backtestBody(form, { marketId, storedSignals = false } = {}) {
  if (!form.model) return null;
  const capital = Number(form.capital);
  const fraction = Number(form.fraction);
  if (!(capital > 0) || !(fraction > 0)) return null;
  const body = { model: form.model, initial_capital: capital, fee_structure: form.fee };
  if (marketId !== undefined && marketId !== null) body.market_id = marketId;
  if (form.name.trim()) body.name = form.name.trim();
  if (form.start) body.start = form.start;
  if (form.end) body.end = form.end;
  if (form.tickers.length) body.tickers = form.tickers;
  body.sizing = form.sizing === 'kelly' ? { kind: 'kelly', kelly_multiplier: fraction } : { kind: form.sizing, fraction };
  if (storedSignals) body.signals = 'stored';
  return body;
}
