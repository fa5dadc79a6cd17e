// Liquidity, default rate and equilibrium score as live series (all in [0, 1]), the asset price, and
// the CSV export of the series as received. Each metric says in one line what it means, and its latest
// value is coloured by metricTone (presentation thresholds, metrics/metricMeaning.js). Scrubbed back
// (history/replayView.js), the values are the shown step's and a cursor marks it on each series.
import { useDeferredValue, useMemo } from 'react';
import { useSimulation, useSimulationStore } from '../store/simulationStore.js';
import { Sparkline } from './Sparkline.jsx';
import { csvFileName, downloadCsv, metricsCsv } from '../export/csv.js';
import { formatPrice, formatShare } from '../format.js';
import { SYSTEM_METRICS, metricTone } from '../metrics/metricMeaning.js';
import { shownMetrics } from '../history/replayView.js';

const WINDOW = 300;

// How each metric is drawn: the line's colour, the value's format, the chart's fixed bounds (shares).
const DRAWING = {
  liquidity: { testid: 'metric-liquidity', colour: '#38bdf8', format: (v) => formatShare(v), share: true },
  default_rate: { testid: 'metric-default-rate', colour: '#f87171', format: (v) => formatShare(v), share: true },
  equilibrium_score: { testid: 'metric-equilibrium', colour: '#a3e635', format: (v) => formatShare(v, 0), share: true },
  asset_price: { testid: 'metric-price', colour: '#fbbf24', format: formatPrice, share: false },
};

// The export reads the store at the click: the drawn series is deferred (useDeferredValue) and may
// lag many steps behind a fast run.
function exportSeries(store) {
  const { status, series } = store.getState();
  downloadCsv(csvFileName(status ?? {}), metricsCsv(series));
}

export function MetricsPanel() {
  const store = useSimulationStore();
  const series = useDeferredValue(useSimulation((s) => s.series));
  const replayed = useSimulation((s) => (s.replay ? shownMetrics(s) : null));
  const latest = replayed ?? series[series.length - 1];
  const startPrice = series[0]?.asset_price;
  const { shown, recent } = useMemo(() => {
    const window = series.slice(-WINDOW);
    const out = {};
    for (const { key } of SYSTEM_METRICS) out[key] = window.map((m) => m[key] ?? 0);
    return { shown: out, recent: window };
  }, [series]);
  const cursor = replayed ? recent.findIndex((m) => m.timestep === replayed.timestep) : -1;
  return (
    <section className="panel metrics" data-testid="metrics">
      <h2>
        System
        <button type="button" className="link" data-testid="export-csv" disabled={!series.length}
          onClick={() => exportSeries(store)}>Export CSV</button>
      </h2>
      <div className="spark-grid">
        {SYSTEM_METRICS.map(({ key, label, meaning }) => {
          const d = DRAWING[key];
          return (
            <Sparkline key={key} testid={d.testid} label={label} colour={d.colour} values={shown[key]}
              {...(d.share ? { min: 0, max: 1 } : {})} value={d.format(latest?.[key])} cursor={cursor >= 0 ? cursor : null}
              tone={metricTone(key, latest?.[key], { startPrice })} meaning={meaning} />
          );
        })}
      </div>
    </section>
  );
}
