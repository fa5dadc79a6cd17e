// Liquidity, default rate and equilibrium score as live series (all in [0, 1]), the asset price, and
// the CSV export of the series as received.
import { useDeferredValue, useMemo } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { Sparkline } from './Sparkline.jsx';
import { csvFileName, metricsCsv } from '../export/csv.js';
import { downloadText } from '../export/download.js';
import { formatPrice, formatShare } from '../format.js';

const WINDOW = 300;

function downloadCsv(series, status) {
  downloadText(metricsCsv(series), csvFileName(status ?? {}), 'text/csv');
}

export function MetricsPanel() {
  const series = useDeferredValue(useSimulation((s) => s.series));
  const status = useSimulation((s) => s.status);
  const latest = series[series.length - 1];
  const shown = useMemo(() => {
    const recent = series.slice(-WINDOW);
    return {
      liquidity: recent.map((m) => m.liquidity),
      defaultRate: recent.map((m) => m.default_rate),
      equilibrium: recent.map((m) => m.equilibrium_score),
      price: recent.map((m) => m.asset_price ?? 0),
    };
  }, [series]);
  return (
    <section className="panel metrics" data-testid="metrics">
      <h2>
        System
        <button type="button" className="link" data-testid="export-csv" disabled={!series.length}
          onClick={() => downloadCsv(series, status)}>Export CSV</button>
      </h2>
      <div className="spark-grid">
        <Sparkline testid="metric-liquidity" label="Liquidity" colour="#38bdf8" values={shown.liquidity} min={0} max={1}
          value={formatShare(latest?.liquidity)} />
        <Sparkline testid="metric-default-rate" label="Default rate" colour="#f87171" values={shown.defaultRate} min={0} max={1}
          value={formatShare(latest?.default_rate)} />
        <Sparkline testid="metric-equilibrium" label="Equilibrium score" colour="#a3e635" values={shown.equilibrium} min={0} max={1}
          value={formatShare(latest?.equilibrium_score, 0)} />
        <Sparkline testid="metric-price" label="Asset price" colour="#fbbf24" values={shown.price}
          value={formatPrice(latest?.asset_price)} />
      </div>
    </section>
  );
}
