// Colour scales of the heatmaps (display only: mapping a served value to a colour, no arithmetic on
// the figures shown). Diverging: negative red, zero the panel's dark slate, positive blue — for
// correlations in [−1, 1]. Sequential: dark to green for shares in [0, 1] (win rates). null → grey.
const NEUTRAL = [30, 41, 59];
const NEGATIVE = [239, 68, 68];
const POSITIVE = [56, 189, 248];
const LOW = [15, 23, 42];
const HIGH = [34, 197, 94];
export const MISSING_COLOUR = '#1f2937';

function mix(a, b, t) {
  const c = a.map((x, i) => Math.round(x + (b[i] - x) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

const clamp01 = (t) => Math.max(0, Math.min(1, t));
const defined = (v) => typeof v === 'number' && Number.isFinite(v);

export function divergingColour(v, limit = 1) {
  if (!defined(v)) return MISSING_COLOUR;
  const t = clamp01(Math.abs(v) / limit);
  return mix(NEUTRAL, v < 0 ? NEGATIVE : POSITIVE, t);
}

export function sequentialColour(v, min = 0, max = 1) {
  if (!defined(v)) return MISSING_COLOUR;
  return mix(LOW, HIGH, clamp01((v - min) / (max - min || 1)));
}
