// Number formatting for display. Formatting only: rounding for the eye, never arithmetic on the model.
export function formatAmount(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)} M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)} k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(1);
  if (a === 0) return '0';
  return v.toFixed(3);
}

/** A share (0.1234) as "12.3 %". */
export function formatShare(v, digits = 1) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)} %`;
}

export function formatRatio(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return `${v.toFixed(2)}×`;
}

export function formatPrice(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return v.toFixed(3);
}

/** snake_case identifiers for people: "fire_sale_spiral" → "Fire sale spiral". */
export function humanName(id) {
  if (!id) return '';
  const text = String(id).replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A currency amount with thousands separators and cents: 1234.5 → "1,234.50" (no currency: the market has none). */
export function formatMoney(v, digits = 2) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A share with its sign, for returns and P&L rates: 0.0123 → "+1.23 %". */
export function formatSignedShare(v, digits = 2) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v * 100).toFixed(digits)} %`;
}

/** A plain number with at most `digits` decimals and separators: units, ratios, Sharpe. */
export function formatNumber(v, digits = 2) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** "good", "bad" or "" for colouring a signed figure. */
export function signClass(v) {
  if (typeof v !== 'number' || !Number.isFinite(v) || v === 0) return '';
  return v > 0 ? 'good' : 'bad';
}
