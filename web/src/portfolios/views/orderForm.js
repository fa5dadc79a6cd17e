// The trading form's state → the server's requests. Pure: the form holds text as typed; these
// functions decide what to send (or that nothing can be sent yet). No figure is computed here.
import { formatMoney } from '../../format.js';
import { chargesSlippage } from '../components/slippageModel.js';

export const EMPTY_ORDER = { ticker: '', side: 'buy', type: 'market', sizeKind: 'quantity', amount: '', limitPrice: '', feeStructure: '' };

const positive = (text) => {
  const v = Number(text);
  return text !== '' && Number.isFinite(v) && v > 0 ? v : null;
};

/**
 * What keeps a typed order from being sent, in words, or null: a size or a limit price typed but not a
 * number above 0 (a negative size says so instead of silently disabling the button). What the server
 * refuses (cash, holdings, the market) it says itself, in the form, when the order is placed.
 */
export function orderProblem(form) {
  const what = form.sizeKind === 'quantity' ? 'quantity' : 'amount';
  if (form.amount !== '' && positive(form.amount) === null) return `The ${what} must be a number above 0, not ${form.amount}.`;
  if (form.type === 'limit' && form.limitPrice !== '' && positive(form.limitPrice) === null)
    return `The limit price must be a number above 0, not ${form.limitPrice}.`;
  return null;
}

/** The POST /api/portfolios/{id}/orders body, or null while the form is incomplete. */
export function orderBody(form) {
  const amount = positive(form.amount);
  if (!form.ticker || amount === null) return null;
  const body = { ticker: form.ticker, side: form.side, type: form.type, [form.sizeKind]: amount };
  if (form.type === 'limit') {
    const limit = positive(form.limitPrice);
    if (limit === null) return null;
    body.limit_price = limit;
  }
  if (form.feeStructure) body.fee_structure = form.feeStructure;
  return body;
}

/**
 * The POST /api/fees/preview body for the order, or null while the form is incomplete: at the limit
 * price for a limit order, else at the ticker's last close. A notional size is sent as such (the server
 * turns it into units by the order rule, whole units when the portfolio is not `fractional`).
 * `defaultFeeStructure`: the portfolio's fee structure id, used unless the order names another;
 * `slippage`: the portfolio's slippage model (its JSON), previewed with the fee when it charges anything.
 */
export function previewBody(form, { marketId, defaultFeeStructure, fractional = true, slippage = null }) {
  const body = orderBody(form);
  if (!body) return null;
  const preview = { fee_structure: form.feeStructure || defaultFeeStructure, side: form.side };
  if (form.sizeKind === 'notional') Object.assign(preview, { notional: body.notional, fractional });
  else preview.quantity = body.quantity;
  if (form.type === 'limit') preview.price = body.limit_price;
  // The portfolio's slippage model moves the price (from the limit, or the last close): it reads the
  // ticker's market, so the ticker goes with it.
  if (form.type !== 'limit' || chargesSlippage(slippage)) Object.assign(preview, { ticker: form.ticker, market_id: marketId });
  if (chargesSlippage(slippage)) preview.slippage = slippage;
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
