// Short selling on margin (docs/portfolio.md, "Short selling on margin"): the create form's percent
// fields → the server's `allow_short` and `margin`, and the server's margin and ledger entries → words.
// Pure; every figure is the server's.
import { formatMoney, formatNumber } from '../../format.js';

/** The form's fields for a new portfolio, prefilled with Reg T, FINRA 4210 and a general-collateral fee. */
export const EMPTY_MARGIN = { allowShort: false, initial: '50', maintenance: '30', borrowRate: '0.25' };

/** The short-selling part of a create-portfolio body: nothing for a long-only portfolio. */
export function marginBody(form) {
  if (!form.allowShort) return {};
  const share = (text) => Number((Number(text) / 100).toPrecision(12));  // 3.6 % is 0.036, not 0.036000000000000004
  return {
    allow_short: true,
    margin: { initial: share(form.initial), maintenance: share(form.maintenance), borrow_rate: share(form.borrowRate) },
  };
}

/** The rules in words: "50 % initial · 30 % maintenance · borrow 0.25 %/yr", or "no margin". */
export function describeMargin(margin) {
  if (!margin) return 'no margin';
  const pct = (x, digits = 0) => `${formatNumber(x * 100, digits)} %`;
  return `${pct(margin.initial)} initial · ${pct(margin.maintenance)} maintenance · borrow ${pct(margin.borrow_rate, 2)}/yr`;
}

/** Where the portfolio stands: "call" (a call open since a date), "short" (shorts held), or "clear". */
export function marginState(margin) {
  if (!margin) return 'clear';
  if (margin.call_since) return 'call';
  return margin.short_value > 0 ? 'short' : 'clear';
}

/** One ledger entry in words, for the ledger table's "What" column. */
export function describeEntry(e) {
  switch (e.kind) {
    case 'borrow_fee':
      return `Borrow fee on ${formatNumber(e.quantity, 4)} ${e.ticker} short at ${formatMoney(e.price)}, ${e.days} ${e.days === 1 ? 'day' : 'days'}`;
    case 'margin_call':
      return `Margin call: equity ${formatMoney(e.amount)} short of the maintenance requirement`;
    case 'call_met':
      return `Call closed: equity ${formatMoney(e.amount)} over the maintenance requirement`;
    case 'liquidation':
      return `Forced cover of ${formatNumber(e.quantity, 4)} ${e.ticker} at ${formatMoney(e.price)}`;
    default:
      return e.kind;
  }
}
