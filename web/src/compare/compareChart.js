// The overlaid series' geometry (pure): both worlds' values of one metric on a shared step axis, so
// that a step of world A sits above the same step of world B whatever each series holds.

export const CHART_WIDTH = 240;
export const CHART_HEIGHT = 64;

/** The step range both series cover in their last `window` steps up to `step`: [from, to], or null. */
export function sharedRange(seriesA, seriesB, step, window = 300) {
  const last = (s) => s.length ? Math.min(s[s.length - 1].timestep, step ?? Infinity) : null;
  const to = Math.min(last(seriesA) ?? -1, last(seriesB) ?? -1);
  if (to < 0) return null;
  const first = Math.max(seriesA[0].timestep, seriesB[0].timestep, to - window + 1);
  return [Math.min(first, to), to];
}

/**
 * SVG polyline points of `key` over `range` ([from, to] steps), placed between `min` and `max` (the
 * values of both worlds when not given, so the two lines share one scale). Display scaling only.
 */
export function overlayPoints(series, key, range, { min, max }) {
  if (!range) return '';
  const [from, to] = range;
  const span = to - from || 1;
  const height = max - min || 1;
  let out = '';
  for (const m of series) {
    if (m.timestep < from || m.timestep > to || typeof m[key] !== 'number') continue;
    const x = ((m.timestep - from) / span) * CHART_WIDTH;
    const y = CHART_HEIGHT - ((m[key] - min) / height) * (CHART_HEIGHT - 4) - 2;
    out += `${x.toFixed(1)},${y.toFixed(1)} `;
  }
  return out.trim();
}

/** The x of step `step` on the chart over `range` ([from, to]), or null when the step lies outside it. */
export function cursorX(range, step) {
  if (!range || step < range[0] || step > range[1]) return null;
  const span = range[1] - range[0] || 1;
  return Number((((step - range[0]) / span) * CHART_WIDTH).toFixed(1));
}

/** The bounds shared by both worlds' values of `key` over `range` ({min, max}), or the fixed ones given. */
export function sharedBounds(seriesList, key, range, fixed = null) {
  if (fixed) return fixed;
  let min = Infinity;
  let max = -Infinity;
  for (const series of seriesList) {
    for (const m of series) {
      if (!range || m.timestep < range[0] || m.timestep > range[1] || typeof m[key] !== 'number') continue;
      min = Math.min(min, m[key]);
      max = Math.max(max, m[key]);
    }
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 1 };
}
