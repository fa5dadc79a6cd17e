// Risk analytics: VaR and CVaR, the rolling volatility, the drawdown chart with the worst episodes
// marked, the correlation of the held assets, and how the allocation rotated across sectors.
import { useState } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import { useMonteCarlo, usePortfolio, useRiskAnalytics } from '../api/queries.js';
import { MonteCarlo } from '../components/MonteCarlo.jsx';
import { EmptyState, QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { Panel, Stats } from '../components/Stats.jsx';
import { Heatmap } from '../components/Heatmap.jsx';
import { divergingColour } from '../components/heatmapScale.js';
import { AXIS, ChartBox, GRID, TOOLTIP, sliceColour } from '../components/charts.jsx';
import { pivotSlices } from './reshape.js';
import { formatNumber, formatShare, formatSignedShare, humanName } from '../../format.js';

const episodeColumns = [
  { key: 'rank', label: '#', numeric: true, value: (e) => e.rank },
  { key: 'depth', label: 'Depth', numeric: true, format: (v) => formatSignedShare(v), className: () => 'bad' },
  { key: 'peak_date', label: 'Peak' },
  { key: 'trough_date', label: 'Trough' },
  { key: 'recovery_date', label: 'Recovered', format: (v) => v ?? 'not yet' },
];

function VolatilityChart({ volatility }) {
  if (!volatility.series.some((p) => p.value !== null)) return <EmptyState>Needs {volatility.window} days of returns.</EmptyState>;
  return (
    <ChartBox height={200} testid="volatility-chart">
      <LineChart data={volatility.series} margin={{ left: 0, right: 12 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="date" {...AXIS} minTickGap={40} />
        <YAxis {...AXIS} width={52} tickFormatter={(v) => formatShare(v, 1)} />
        <Tooltip {...TOOLTIP} formatter={(v) => [formatShare(v, 1), 'annualised volatility']} />
        <Line dataKey="value" stroke="#facc15" dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </ChartBox>
  );
}

function DrawdownChart({ drawdown, episodes }) {
  if (drawdown.length < 2) return <EmptyState>No history yet.</EmptyState>;
  const last = drawdown[drawdown.length - 1].date;
  return (
    <ChartBox height={220} testid="drawdown-chart">
      <AreaChart data={drawdown} margin={{ left: 0, right: 12, top: 16 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="date" {...AXIS} minTickGap={40} />
        <YAxis {...AXIS} width={56} tickFormatter={(v) => formatSignedShare(v, 1)} />
        <Tooltip {...TOOLTIP} formatter={(v) => [formatSignedShare(v), 'drawdown']} />
        {episodes.map((e) => (
          <ReferenceArea key={e.rank} x1={e.peak_date} x2={e.recovery_date ?? last} fill="#ef4444" fillOpacity={0.12} stroke="#ef4444" strokeOpacity={0.3}
            label={{ value: `#${e.rank}`, position: 'insideTop', fill: '#fca5a5', fontSize: 11 }} />
        ))}
        <Area dataKey="value" type="monotone" stroke="#ef4444" fill="#ef4444" fillOpacity={0.3} isAnimationActive={false} />
      </AreaChart>
    </ChartBox>
  );
}

function SectorRotation({ rotation }) {
  const [field, setField] = useState('by_sector');
  const { keys, rows } = pivotSlices(rotation, field);
  const toggle = (
    <select value={field} onChange={(e) => setField(e.target.value)} aria-label="Group by">
      <option value="by_sector">by sector</option><option value="by_class">by asset class</option>
    </select>
  );
  return (
    <>
      <div className="pf-panel-tools">{toggle}</div>
      {!keys.length ? <EmptyState>No holdings over the period.</EmptyState> : (
        <ChartBox height={250} testid="sector-rotation">
          <AreaChart data={rows} margin={{ left: 0, right: 12 }}>
            <CartesianGrid {...GRID} />
            <XAxis dataKey="date" {...AXIS} minTickGap={40} />
            <YAxis {...AXIS} width={44} tickFormatter={(v) => formatShare(v, 0)} />
            <Tooltip {...TOOLTIP} formatter={(v, name) => [formatShare(v), humanName(name)]} />
            <Legend wrapperStyle={{ fontSize: 11 }} formatter={humanName} />
            {keys.map((k, i) => <Area key={k} dataKey={k} stackId="1" type="stepAfter" stroke={sliceColour(k, i)} fill={sliceColour(k, i)} fillOpacity={0.5} isAnimationActive={false} />)}
          </AreaChart>
        </ChartBox>
      )}
    </>
  );
}

function Risk({ r }) {
  const episodes = r.worst_drawdowns.map((e, i) => ({ ...e, rank: i + 1 }));
  const table = r.correlation.table;
  return (
    <>
      <Stats items={[
        { label: `VaR, ${formatShare(r.var.cutoff, 0)} tail (historical)`, value: formatSignedShare(r.var.historical), testid: 'risk-var' },
        { label: 'VaR (Gaussian)', value: formatSignedShare(r.var.gaussian) },
        { label: 'CVaR (historical)', value: formatSignedShare(r.cvar.historical), testid: 'risk-cvar' },
        { label: 'CVaR (Gaussian)', value: formatSignedShare(r.cvar.gaussian) },
        { label: 'Annual volatility', value: formatShare(r.annual_volatility) },
        { label: 'Max drawdown', value: formatSignedShare(r.max_drawdown), tone: 'bad' },
        { label: 'Days', value: formatNumber(r.periods, 0) },
      ]} />
      <div className="pf-grid">
        <Panel title="Drawdown" aside="the worst episodes marked" className="wide">
          <DrawdownChart drawdown={r.drawdown} episodes={episodes} />
          <DataTable columns={episodeColumns} rows={episodes} rowKey={(e) => e.rank} csvName={`drawdowns-${r.portfolio_id}`} testid="risk-episodes" empty="No drawdown yet." />
        </Panel>
        <Panel title="Volatility trend" aside={`rolling ${r.volatility.window} days, annualised`}>
          <VolatilityChart volatility={r.volatility} />
        </Panel>
        <Panel title="Correlation of holdings" aside={`daily returns, last ${r.correlation.window} days`}>
          {table.tickers.length < 2 ? <EmptyState>Needs two or more holdings.</EmptyState> : (
            <Heatmap rows={table.tickers} columns={table.tickers} values={table.matrix} colour={divergingColour}
              format={(v) => formatNumber(v, 2)} testid="correlation-heatmap" />
          )}
        </Panel>
        <Panel title="Sector rotation" aside="allocation at each day's close" className="wide">
          <SectorRotation rotation={r.sector_rotation} />
        </Panel>
        <Panel title="Monte Carlo of the return path" aside="the daily returns resampled: where the same luck could have led" className="wide">
          <MonteCarloPanel portfolioId={r.portfolio_id} />
        </Panel>
      </div>
    </>
  );
}

function MonteCarloPanel({ portfolioId }) {
  const mc = useMonteCarlo(portfolioId);
  return <QueryView query={mc}>{(d) => <MonteCarlo mc={d} />}</QueryView>;
}

export function RiskAnalytics({ portfolioId }) {
  const portfolio = usePortfolio(portfolioId);
  const risk = useRiskAnalytics(portfolioId);
  return (
    <>
      <div className="pf-title"><h1>Risk{portfolio.data ? ` · ${portfolio.data.name}` : ''}</h1></div>
      <QueryView query={risk} empty="No portfolio chosen: create one on the dashboard.">{(r) => <Risk r={r} />}</QueryView>
    </>
  );
}
