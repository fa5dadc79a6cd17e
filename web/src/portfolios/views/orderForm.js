// The trading form's state → the server's requests. Pure: the form holds text as typed; these
// functions decide what to send (or that nothing can be sent yet). No figure is computed here.
import { formatMoney } from '../../format.js';
import { chargesSlippage } from '../components/slippageModel.js';

export const EMPTY_ORDER = {
  ticker: '', side: 'buy', type: 'market', sizeKind: 'quantity', amount: '', limitPrice: '', stopPrice: '',
  trailPercent: '', takeProfit: '', stopLoss: '', goodForDays: '', feeStructure: '',
};

/** The order types the server takes (docs/portfolio-api.md, "Risk orders and brackets"), as the form names them. */
export const ORDER_TYPES = [
  ['market', 'Market'], ['limit', 'Limit'], ['stop', 'Stop'], ['stop_limit', 'Stop-limit'], ['trailing_stop', 'Trailing stop'],
];
export const hasLimit = (type) => type === 'limit' || type === 'stop_limit';
export const hasStop = (type) => type === 'stop' || type === 'stop_limit';

const positive = (text) => {
  const v = Number(text);
  return text !== '' && Number.isFinite(v) && v > 0 ? v : null;
};
const trail = (text) => {
  const v = positive(text);
  return v !== null && v < 100 ? v : null;
};
const days = (text) => {
  const v = Number(text);
  return text !== '' && Number.isInteger(v) && v >= 1 && v <= 3650 ? v : null;
};

/**
 * What keeps a typed order from being sent, in words, or null: a size or a limit price typed but not a
 * number above 0 (a negative size says so instead of silently disabling the button). What the server
 * refuses (cash, holdings, the market) it says itself, in the form, when the order is placed.
 */
export function orderProblem(form) {
  const what = form.sizeKind === 'quantity' ? 'quantity' : 'amount';
  if (form.amount !== '' && positive(form.amount) === null) return `The ${what} must be a number above 0, not ${form.amount}.`;
  const typed = (text, valid) => text !== '' && valid(text) === null;
  if (hasLimit(form.type) && typed(form.limitPrice, positive)) return `The limit price must be a number above 0, not ${form.limitPrice}.`;
  if (hasStop(form.type) && typed(form.stopPrice, positive)) return `The stop price must be a number above 0, not ${form.stopPrice}.`;
  if (form.type === 'trailing_stop' && typed(form.trailPercent, trail))
    return `The trail must be a percent above 0 and below 100, not ${form.trailPercent}.`;
  if (typed(form.takeProfit, positive)) return `The take-profit must be a price above 0, not ${form.takeProfit}.`;
  if (typed(form.stopLoss, positive)) return `The stop-loss must be a price above 0, not ${form.stopLoss}.`;
  if (typed(form.goodForDays, days)) return `Good for must be a whole number of days from 1 to 3650, not ${form.goodForDays}.`;
  return null;
}

/** The POST /api/portfolios/{id}/orders body, or null while the form is incomplete. */
export function orderBody(form) {
  const amount = positive(form.amount);
  if (!form.ticker || amount === null) return null;
  const body = { ticker: form.ticker, side: form.side, type: form.type, [form.sizeKind]: amount };
  // Each price the type needs, valid, or nothing to send yet.
  const needs = [
    [hasLimit(form.type), 'limit_price', positive(form.limitPrice)],
    [hasStop(form.type), 'stop_price', positive(form.stopPrice)],
    [form.type === 'trailing_stop', 'trail_percent', trail(form.trailPercent)],
  ];
  for (const [needed, key, value] of needs) {
    if (!needed) continue;
    if (value === null) return null;
    body[key] = value;
  }
  // Optional: left empty they are not sent; typed, they must be valid (orderProblem says why not).
  const optional = [[form.takeProfit, positive], [form.stopLoss, positive], [form.goodForDays, days]];
  if (optional.some(([text, valid]) => text !== '' && valid(text) === null)) return null;
  if (form.takeProfit !== '' || form.stopLoss !== '') {
    body.bracket = {};
    if (form.takeProfit !== '') body.bracket.take_profit = positive(form.takeProfit);
    if (form.stopLoss !== '') body.bracket.stop_loss = positive(form.stopLoss);
  }
  if (form.goodForDays !== '') body.good_for_days = days(form.goodForDays);
  if (form.feeStructure) body.fee_structure = form.feeStructure;
  return body;
}

/**
 * The POST /api/fees/preview body for the order, or null while the form is incomplete: at the limit
 * price for a limit or stop-limit order, at the stop for a stop order (it fills at the close that
 * crosses it), else at the ticker's last close. A notional size is sent as such (the server
 * turns it into units by the order rule, whole units when the portfolio is not `fractional`).
 * `defaultFeeStructure`: the portfolio's fee structure id, used unless the order names another;
 * `slippage`: the portfolio's slippage model (its JSON), previewed with the fee when it charges anything;
 * `marginPortfolio`: the id of a portfolio that sells short on margin, whose standing after the trade
 * the server adds (`margin_after`).
 */
export function previewBody(form, { marketId, defaultFeeStructure, fractional = true, slippage = null, marginPortfolio = null }) {
  const body = orderBody(form);
  if (!body) return null;
  const preview = { fee_structure: form.feeStructure || defaultFeeStructure, side: form.side };
  if (form.sizeKind === 'notional') Object.assign(preview, { notional: body.notional, fractional });
  else preview.quantity = body.quantity;
  const at = hasLimit(form.type) ? body.limit_price : form.type === 'stop' ? body.stop_price : undefined;
  if (at !== undefined) preview.price = at;
  // The portfolio's slippage model moves the price (from the limit, or the last close): it reads the
  // ticker's market, so the ticker goes with it.
  if (at === undefined || chargesSlippage(slippage)) Object.assign(preview, { ticker: form.ticker, market_id: marketId });
  if (chargesSlippage(slippage)) preview.slippage = slippage;
  if (marginPortfolio) Object.assign(preview, { portfolio_id: marginPortfolio, ticker: form.ticker, market_id: marketId });
  return preview;
}

/**
 * The order panel's note on cash: the portfolio's cash, and, when its pending orders hold some back,
 * what a new order may still use — the server's `available_cash` and `reserved_cash` (the detail's).
 */
export function cashNote(portfolio) {
  const cash = `cash ${formatMoney(portfolio.cash)}`;
  if (!(portfolio.reserved_cash > 0)) return cash;
  return `${cash} · ${formatMoney(portfolio.available_cash)} available (${formatMoney(portfolio.reserved_cash)} reserved by pending orders)`;
}
