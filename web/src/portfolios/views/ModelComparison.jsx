// Model comparison: each model's signals traded by the same strategy (the server's compare_models),
// side by side and ranked by the excess return over the benchmark (the equal-weight buy-and-hold of
// the same universe), with alpha and beta against it — win rate, Sharpe, return, signal confidence —
// the sector specialisation heatmap and win rate against payoff (a model can win rarely and still earn
// if its wins are large).
import { useState } from 'react';
import { CartesianGrid, LabelList, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { useModelComparison } from '../api/queries.js';
import { FeeStructureSelect } from '../components/FeeStructureSelect.jsx';
import { EmptyState, QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { ModelTag } from '../components/ModelTag.jsx';
import { Panel } from '../components/Stats.jsx';
import { Heatmap } from '../components/Heatmap.jsx';
import { MetricBars } from '../components/MetricBars.jsx';
import { sequentialColour } from '../components/heatmapScale.js';
import { AXIS, ChartBox, GRID, TOOLTIP } from '../components/charts.jsx';
import { modelColour, modelLabel } from '../modelColours.js';
import { formatMoney, formatNumber, formatShare, formatSignedShare, humanName, signClass } from '../../format.js';
import { comparisonBenchmark, excessOf, rankByExcess } from './modelRanking.js';

const metricColumns = [
  { key: 'model', label: 'Model', render: (m) => <ModelTag model={m.model} /> },
  { key: 'win_rate', label: 'Win rate', numeric: true, value: (m) => m.trades?.win_rate, format: (v) => formatShare(v) },
  { key: 'sharpe', label: 'Sharpe', numeric: true, value: (m) => m.performance?.sharpe, format: formatNumber },
  { key: 'excess_return', label: 'Excess return', numeric: true, value: excessOf, format: (v) => formatSignedShare(v), className: (m) => signClass(excessOf(m)) },
  { key: 'total_return', label: 'Return', numeric: true, value: (m) => m.performance?.total_return, format: (v) => formatSignedShare(v), className: (m) => signClass(m.performance?.total_return) },
  { key: 'alpha', label: 'Alpha', numeric: true, value: (m) => m.performance?.benchmark?.alpha, format: (v) => formatSignedShare(v) },
  { key: 'beta', label: 'Beta', numeric: true, value: (m) => m.performance?.benchmark?.beta, format: formatNumber },
  { key: 'payoff_ratio', label: 'Payoff', numeric: true, value: (m) => m.trades?.payoff_ratio, format: formatNumber },
  { key: 'mean_confidence', label: 'Mean confidence', numeric: true, format: (v) => formatShare(v, 0) },
  { key: 'signals', label: 'Signals', numeric: true, format: (v) => formatNumber(v, 0) },
  { key: 'trades', label: 'Trades', numeric: true, value: (m) => m.trades?.trades, format: (v) => formatNumber(v, 0) },
  { key: 'profit_factor', label: 'Profit factor', numeric: true, value: (m) => m.trades?.profit_factor, format: formatNumber },
  { key: 'max_drawdown', label: 'Max drawdown', numeric: true, value: (m) => m.performance?.max_drawdown, format: (v) => formatSignedShare(v) },
  { key: 'total_pnl', label: 'Total P&L', numeric: true, value: (m) => m.trades?.total_pnl, format: formatMoney, className: (m) => signClass(m.trades?.total_pnl) },
];

function ModelCard({ m }) {
  return (
    <article className="pf-model-card" style={{ borderTopColor: modelColour(m.model) }} data-testid={`model-card-${m.model}`}>
      <header><ModelTag model={m.model} /><span className="muted small">{formatNumber(m.signals, 0)} signals</span></header>
      <dl>
        <div><dt>Win rate</dt><dd>{formatShare(m.trades?.win_rate)}</dd></div>
        <div><dt>Sharpe</dt><dd>{formatNumber(m.performance?.sharpe)}</dd></div>
        <div><dt>Excess</dt><dd className={signClass(excessOf(m))} data-testid={`model-excess-${m.model}`}>{formatSignedShare(excessOf(m))}</dd></div>
        <div><dt>Return</dt><dd className={signClass(m.performance?.total_return)}>{formatSignedShare(m.performance?.total_return)}</dd></div>
        <div><dt>Payoff</dt><dd>{formatNumber(m.trades?.payoff_ratio)}</dd></div>
      </dl>
      <div className="pf-confidence-row" title="mean signal confidence">
        <span className="muted small">confidence</span>
        <span className="pf-confidence"><span style={{ width: `${(m.mean_confidence ?? 0) * 100}%`, background: modelColour(m.model) }} /></span>
        <b>{formatShare(m.mean_confidence, 0)}</b>
      </div>
    </article>
  );
}

function SectorHeatmap({ models }) {
  const sectors = [...new Set(models.flatMap((m) => (m.sectors ?? []).map((s) => s.sector)))];
  if (!sectors.length) return <EmptyState>No closed trades by sector yet.</EmptyState>;
  const values = models.map((m) => sectors.map((name) => m.sectors.find((s) => s.sector === name)?.win_rate ?? null));
  return <Heatmap rows={models.map((m) => m.model)} columns={sectors} values={values} colour={sequentialColour}
    format={(v) => formatShare(v, 0)} rowLabel={modelLabel} columnLabel={humanName} testid="sector-heatmap" />;
}

function WinPayoffScatter({ models }) {
  const points = models.filter((m) => typeof m.trades?.win_rate === 'number' && typeof m.trades?.payoff_ratio === 'number');
  if (!points.length) return <EmptyState>No model has closed trades yet.</EmptyState>;
  return (
    <ChartBox height={260} testid="win-payoff-scatter">
      <ScatterChart margin={{ left: 4, right: 24, top: 16 }}>
        <CartesianGrid {...GRID} vertical />
        <XAxis type="number" dataKey="trades.win_rate" name="win rate" {...AXIS} domain={[0, 1]} tickFormatter={(v) => formatShare(v, 0)} />
        <YAxis type="number" dataKey="trades.payoff_ratio" name="payoff" {...AXIS} width={44} domain={[0, 'auto']} tickFormatter={(v) => formatNumber(v, 1)} />
        <ZAxis type="number" dataKey="trades.trades" range={[60, 400]} name="trades" />
        <Tooltip {...TOOLTIP} formatter={(v, name) => [name === 'win rate' ? formatShare(v) : formatNumber(v), name]} />
        {points.map((m) => (
          <Scatter key={m.model} name={modelLabel(m.model)} data={[m]} fill={modelColour(m.model)} isAnimationActive={false}>
            <LabelList dataKey="model" position="right" formatter={modelLabel} fill="#cbd5e1" fontSize={11} />
          </Scatter>
        ))}
      </ScatterChart>
    </ChartBox>
  );
}

function Comparison({ c }) {
  const models = rankByExcess(c.models);
  const benchmark = comparisonBenchmark(models);
  return (
    <>
      <p className="muted small" data-testid="models-period">{c.signals} signals traded from {c.start} to {c.end} with {formatMoney(c.initial_capital)}, fees {c.fee_structure}, sizing {c.sizing?.kind}.
        {benchmark && <> Ranked by the return over the benchmark, the {benchmark.name} in the same period: <b className={signClass(benchmark.total_return)} data-testid="models-benchmark">{formatSignedShare(benchmark.total_return)}</b>.</>}
        {' '}These figures are this comparison's own (its period and sizing); a backtest trades its own period and sizing, so its figures differ.</p>
      <div className="pf-model-cards">{models.map((m) => <ModelCard key={m.model} m={m} />)}</div>
      <div className="pf-grid">
        <Panel title="Side by side" className="wide">
          <DataTable columns={metricColumns} rows={models} rowKey={(m) => m.model} csvName="model-comparison" testid="model-table" />
        </Panel>
        <Panel title="Win rate"><MetricBars models={models} value={(m) => m.trades?.win_rate} format={(v) => formatShare(v, 0)} testid="winrate-bars" /></Panel>
        <Panel title="Sharpe ratio"><MetricBars models={models} value={(m) => m.performance?.sharpe} format={(v) => formatNumber(v, 2)} testid="sharpe-bars" /></Panel>
        <Panel title="Win rate against payoff" aside="dot size: number of trades">
          <WinPayoffScatter models={models} />
        </Panel>
        <Panel title="Sector specialisation" aside="win rate per sector (asset class outside stocks)">
          <SectorHeatmap models={models} />
        </Panel>
      </div>
    </>
  );
}

export function ModelComparison() {
  const [feeStructure, setFeeStructure] = useState('zero');
  const comparison = useModelComparison({ fee_structure: feeStructure });
  return (
    <>
      <div className="pf-title">
        <h1>Models</h1>
        <label className="pf-inline">Fees
          <FeeStructureSelect value={feeStructure} onChange={setFeeStructure} testid="models-fee" />
        </label>
      </div>
      <QueryView query={comparison} isEmpty={(c) => !c.models.length}
        empty={<>No model has signals yet. Launch a backtest of a model on the <a href="#/portfolios/backtests">Backtests</a> page (its signals are stored), or post signals to <code>/api/signals</code>.</>}>
        {(c) => <Comparison c={c} />}
      </QueryView>
    </>
  );
}
