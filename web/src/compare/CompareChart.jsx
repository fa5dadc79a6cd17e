// The two worlds' system series overlaid, one small chart per metric: world A a solid line, world B a
// dashed one (the same two styles as the worlds' tags over their graphs), labelled by the difference.
// Both series come from the lockstep view, so they end at the same step. Scrubbed back (CompareTimeline),
// an amber cursor marks the step on screen and the figures are that step's.
import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { SYSTEM_METRICS } from '../metrics/metricMeaning.js';
import { formatPrice, formatShare } from '../format.js';
import { CHART_HEIGHT, CHART_WIDTH, cursorX, overlayPoints, sharedBounds, sharedRange } from './compareChart.js';
import { metricsAt } from './differenceNarration.js';

const FORMAT = {
  liquidity: (v) => formatShare(v, 0), default_rate: (v) => formatShare(v, 0),
  equilibrium_score: (v) => formatShare(v, 0), asset_price: formatPrice,
};
const SHARES = new Set(['liquidity', 'default_rate', 'equilibrium_score']);

export function WorldSwatch({ world }) {
  return (
    <svg className={`world-swatch world-${world}`} viewBox="0 0 24 6" aria-hidden="true">
      <line x1="0" y1="3" x2="24" y2="3" />
    </svg>
  );
}

function OverlayChart({ metric, seriesA, seriesB, range, cursor }) {
  const bounds = sharedBounds([seriesA, seriesB], metric.key, range, SHARES.has(metric.key) ? { min: 0, max: 1 } : null);
  const at = cursor ?? range?.[1];
  const a = range ? metricsAt(seriesA, at) : null;
  const b = range ? metricsAt(seriesB, at) : null;
  const x = cursor === null ? null : cursorX(range, cursor);
  const format = FORMAT[metric.key];
  return (
    <figure className="overlay-chart" data-testid={`compare-metric-${metric.key}`}>
      <figcaption>
        <span>{metric.label}</span>
        <b className="world-a-text">{format(a?.[metric.key])}</b>
        <b className="world-b-text">{format(b?.[metric.key])}</b>
      </figcaption>
      <svg viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`} preserveAspectRatio="none" role="img"
        aria-label={`${metric.label} in both worlds over time`}>
        <polyline className="line-a" points={overlayPoints(seriesA, metric.key, range, bounds)} />
        <polyline className="line-b" points={overlayPoints(seriesB, metric.key, range, bounds)} />
        {x !== null && <line className="cursor" data-testid="compare-cursor" x1={x} x2={x} y1="0" y2={CHART_HEIGHT} />}
      </svg>
    </figure>
  );
}

export function CompareChart({ worlds, labels }) {
  const seriesA = useDeferredValue(useStore(worlds[0].view.store, (s) => s.series));
  const seriesB = useDeferredValue(useStore(worlds[1].view.store, (s) => s.series));
  const range = useMemo(() => sharedRange(seriesA, seriesB), [seriesA, seriesB]);
  const cursor = useStore(worlds[0].view.store, (s) => s.replay?.timestep ?? null);
  return (
    <section className="panel compare-chart" data-testid="compare-chart">
      <h2>System, both worlds</h2>
      <div className="compare-key">
        <span><WorldSwatch world="a" /> A: {labels.a}</span>
        <span><WorldSwatch world="b" /> B: {labels.b}</span>
      </div>
      <div className="overlay-grid">
        {SYSTEM_METRICS.map((metric) => (
          <OverlayChart key={metric.key} metric={metric} seriesA={seriesA} seriesB={seriesB} range={range} cursor={cursor} />
        ))}
      </div>
    </section>
  );
}
