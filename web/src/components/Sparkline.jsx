// A small live time series as an SVG polyline. Display scaling only: values are placed between the
// given bounds (or the series' own min and max when none are given). With a `tone` the latest value
// is coloured by it (good, neutral, warn, bad, none) instead of the line's colour; with a `meaning`
// a one-line explanation sits under the chart (visible on phones too, not a hover tooltip). A `cursor`
// (an index into `values`) draws a vertical line there: the replayed step.
import { memo } from 'react';

const W = 220;
const H = 48;

export function sparkPoints(values, { min, max } = {}) {
  if (!values.length) return '';
  const lo = min ?? Math.min(...values);
  const hi = max ?? Math.max(...values);
  const span = hi - lo || 1;
  const step = values.length > 1 ? W / (values.length - 1) : 0;
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const y = H - ((values[i] - lo) / span) * (H - 4) - 2;
    out += `${(i * step).toFixed(1)},${y.toFixed(1)} `;
  }
  return out.trim();
}

export const Sparkline = memo(function Sparkline({ values, min, max, colour, label, value, testid, tone, meaning, cursor = null }) {
  const valueProps = tone
    ? { className: `tone-${tone}`, 'data-tone': tone }
    : { style: { color: colour } };
  return (
    <figure className="spark" data-testid={testid}>
      <figcaption><span>{label}</span><b data-testid={testid && `${testid}-value`} {...valueProps}>{value}</b></figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${label} over time`}>
        <polyline points={sparkPoints(values, { min, max })} fill="none" stroke={colour} strokeWidth="2"
          vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
        {cursor !== null && values.length > 1 && (
          <line className="spark-cursor" x1={(cursor * W) / (values.length - 1)} x2={(cursor * W) / (values.length - 1)}
            y1="0" y2={H} stroke="#f59e0b" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
        )}
      </svg>
      {meaning && <p className="spark-meaning">{meaning}</p>}
    </figure>
  );
});
