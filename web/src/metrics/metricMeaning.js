// What each system metric of METRICS_UPDATE means, in one line a visitor can read, and the tone its
// value is shown in. The engine computes every value (docs/model.md §8); the thresholds below are
// presentation only — where the eye should see "fine", "watch" or "trouble" — and are documented in
// docs/web.md ("Metric colours"). Nothing here feeds back into the simulation.
//
// Tones: 'good' (green), 'neutral' (plain), 'warn' (amber), 'bad' (red), 'none' (no value to judge).

/** Liquidity: at least this is good, below LIQUIDITY_BAD is bad, amber between. */
export const LIQUIDITY_GOOD = 0.9;
export const LIQUIDITY_BAD = 0.6;
/** Default rate: 0 is good, up to DEFAULT_RATE_WARN plain, above it amber, above DEFAULT_RATE_BAD red. */
export const DEFAULT_RATE_WARN = 0.05;
export const DEFAULT_RATE_BAD = 0.2;
/** Equilibrium score: at least this is good, below EQUILIBRIUM_BAD is bad, amber between. */
export const EQUILIBRIUM_GOOD = 0.8;
export const EQUILIBRIUM_BAD = 0.5;
/** Asset price, as a share of its level at the start of the run: at least this good, below PRICE_BAD bad. */
export const PRICE_GOOD = 0.95;
export const PRICE_BAD = 0.8;

const known = (v) => typeof v === 'number' && Number.isFinite(v);

function higherIsBetter(v, good, bad) {
  if (!known(v)) return 'none';
  if (v >= good) return 'good';
  return v < bad ? 'bad' : 'warn';
}

/** The metrics the panel shows, in order: METRICS_UPDATE field, label, and what it means. */
export const SYSTEM_METRICS = Object.freeze([
  Object.freeze({ key: 'liquidity', label: 'Liquidity',
    meaning: "Share of short-term obligations the banks that owe them can cover — failed banks' obligations count as uncovered." }),
  Object.freeze({ key: 'default_rate', label: 'Default rate',
    meaning: 'Share of all the banks in the network that have failed so far.' }),
  Object.freeze({ key: 'equilibrium_score', label: 'Equilibrium score',
    meaning: 'How still the system is, times how much of it is still standing — a collapsed system is not in equilibrium.' }),
  Object.freeze({ key: 'asset_price', label: 'Asset price',
    meaning: 'Market price of the securities banks hold; fire sales push it down. Coloured against its level at the start.' }),
]);

/**
 * The tone of metric `key`'s value. `startPrice` (the asset price at the start of the run, as the
 * engine reported it) is the reference for asset_price; without it the price is shown plain.
 */
export function metricTone(key, value, { startPrice } = {}) {
  if (!known(value)) return 'none';
  switch (key) {
    case 'liquidity': return higherIsBetter(value, LIQUIDITY_GOOD, LIQUIDITY_BAD);
    case 'equilibrium_score': return higherIsBetter(value, EQUILIBRIUM_GOOD, EQUILIBRIUM_BAD);
    case 'default_rate':
      if (value <= 0) return 'good';
      if (value > DEFAULT_RATE_BAD) return 'bad';
      return value > DEFAULT_RATE_WARN ? 'warn' : 'neutral';
    case 'asset_price':
      return known(startPrice) && startPrice > 0 ? higherIsBetter(value / startPrice, PRICE_GOOD, PRICE_BAD) : 'neutral';
    default: return 'none';
  }
}
