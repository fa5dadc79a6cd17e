// A portfolio's slippage model (docs/portfolio.md, "Slippage and spread"): the form's text → the
// server's JSON, and the server's JSON → words. Pure; the costs themselves are the server's.
import { formatNumber } from '../../format.js';

/** The models the engine knows, with the one parameter each reads beside the spread. */
export const SLIPPAGE_KINDS = [
  { kind: 'none', label: 'None (the close)', param: null },
  { kind: 'fixed_bps', label: 'Fixed basis points', param: { key: 'bps', label: 'Slippage (bps)', initial: '5' } },
  { kind: 'volatility', label: 'Volatility-scaled', param: { key: 'k', label: 'Share of the volatility per bar (k)', initial: '0.1' } },
  { kind: 'square_root', label: 'Square-root impact', param: { key: 'impact', label: 'Impact coefficient (Y)', initial: '1' } },
];

export const EMPTY_SLIPPAGE = { kind: 'none', spread: '0', bps: '5', k: '0.1', impact: '1' };

/** The `slippage` field of a create-portfolio or backtest body, or undefined for none without a spread. */
export function slippageBody(form) {
  const spread = Number(form.spread || 0);
  const model = SLIPPAGE_KINDS.find((m) => m.kind === form.kind) ?? SLIPPAGE_KINDS[0];
  if (model.kind === 'none' && !spread) return undefined;
  const body = { model: model.kind, spread_bps: spread };
  if (model.param) body[model.param.key] = Number(form[model.param.key]);
  return body;
}

/** Whether a model (the server's JSON) charges anything. */
export function chargesSlippage(model) {
  return !!model && (model.model !== 'none' || model.spread_bps > 0);
}

/** The model in words: "fixed 5 bps + half a 10 bps spread", "none". */
export function describeSlippage(model) {
  if (!chargesSlippage(model)) return 'none';
  const spread = model.spread_bps > 0 ? `half a ${formatNumber(model.spread_bps, 1)} bps spread` : '';
  const term = {
    none: '',
    fixed_bps: `fixed ${formatNumber(model.bps, 1)} bps`,
    volatility: `${formatNumber(model.k, 2)} × volatility per bar (${model.window} bars)`,
    square_root: `${formatNumber(model.impact, 2)} × volatility × √(size / average volume) (${model.window} bars)`,
  }[model.model] ?? model.model;
  return [term, spread].filter(Boolean).join(' + ');
}
