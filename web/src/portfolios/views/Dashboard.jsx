// Dashboard: every active portfolio with its net worth and return (and a margin call, when one is open),
// the combined allocation across
// asset classes, the models' results in live trading, and the orders waiting for the next bar.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { useModelComparison, useOverview } from '../api/queries.js';
import { QueryView } from '../components/QueryView.jsx';
import { MetricBars } from '../components/MetricBars.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { ModelTag } from '../components/ModelTag.jsx';
import { Panel, Stats } from '../components/Stats.jsx';
import { AllocationDonut } from '../components/Allocation.jsx';
import { CreatePortfolio } from '../components/CreatePortfolio.jsx';
import { AXIS, ChartBox, GRID, TOOLTIP } from '../components/charts.jsx';
import { formatBarTime } from '../components/barTime.js';
import { modelColour, modelLabel } from '../modelColours.js';
import { formatMoney, formatNumber, formatShare, formatSignedShare, signClass } from '../../format.js';
import { orderColumns } from './orderColumns.jsx';

const portfolioColumns = [
  { key: 'name', label: 'Portfolio', render: (p) => (
    <>
      <a href={`#/portfolios/portfolio/${p.id}`}>{p.name}</a>
      {p.margin?.call_since && (
        <span className="badge warn" title={`equity ${formatMoney(-p.margin.excess)} short of the maintenance margin since ${p.margin.call_since}`}
          data-testid={`margin-call-${p.id}`}> margin call</span>
      )}
    </>
  ) },
  { key: 'nav', label: 'Net worth', numeric: true, format: formatMoney },
  { key: 'total_return', label: 'Return', numeric: true, format: (v) => formatSignedShare(v), className: (p) => signClass(p.total_return) },
  { key: 'model', label: 'Model', render: (p) => <ModelTag model={p.model} /> },
  { key: 'kind', label: 'Kind' },
  { key: 'cash', label: 'Cash', numeric: true, format: formatMoney },
  { key: 'unrealized_pnl', label: 'Unrealised P&L', numeric: true, format: formatMoney, className: (p) => signClass(p.unrealized_pnl) },
  { key: 'fees_paid', label: 'Fees paid', numeric: true, format: formatMoney },
  { key: 'open_positions', label: 'Positions', numeric: true },
  { key: 'as_of', label: 'As of' },
];

const modelColumns = [
  { key: 'model', label: 'Model', render: (m) => <ModelTag model={m.model} /> },
  { key: 'trades', label: 'Round trips', numeric: true, value: (m) => m.trades?.trades, format: formatNumber },
  { key: 'win_rate', label: 'Win rate', numeric: true, value: (m) => m.trades?.win_rate, format: (v) => formatShare(v) },
  { key: 'payoff_ratio', label: 'Payoff', numeric: true, value: (m) => m.trades?.payoff_ratio, format: formatNumber },
  { key: 'total_pnl', label: 'Total P&L', numeric: true, value: (m) => m.trades?.total_pnl, format: formatMoney, className: (m) => signClass(m.trades?.total_pnl) },
];

function ReturnsByPortfolio({ portfolios }) {
  const data = portfolios.filter((p) => typeof p.total_return === 'number');
  return (
    <ChartBox height={Math.max(160, data.length * 28 + 40)} testid="dash-returns-chart">
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid {...GRID} horizontal={false} vertical />
        <XAxis type="number" {...AXIS} tickFormatter={(v) => formatSignedShare(v, 1)} />
        <YAxis type="category" dataKey="name" {...AXIS} width={110} />
        <Tooltip {...TOOLTIP} formatter={(v, _n, item) => [formatSignedShare(v), modelLabel(item.payload.model)]} />
        <Bar dataKey="total_return" isAnimationActive={false}>
          {data.map((p) => <Cell key={p.id} fill={modelColour(p.model)} />)}
        </Bar>
      </BarChart>
    </ChartBox>
  );
}

/** The models' signals traded by one strategy (the Models view's comparison at its defaults). */
function ModelPerformance() {
  const comparison = useModelComparison({ fee_structure: 'zero' });
  return (
    <QueryView query={comparison} isEmpty={(c) => !c.models.length}
      empty={<>No model has signals yet: <a href="#/portfolios/backtests">run a backtest</a>.</>}>
      {(c) => (
        <div className="pf-two" data-testid="dash-model-performance">
          <div><h3 className="pf-chart-title">Return</h3>
            <MetricBars models={c.models} value={(m) => m.performance?.total_return} format={(v) => formatSignedShare(v, 1)} height={160} /></div>
          <div><h3 className="pf-chart-title">Sharpe</h3>
            <MetricBars models={c.models} value={(m) => m.performance?.sharpe} format={(v) => formatNumber(v, 2)} height={160} /></div>
        </div>
      )}
    </QueryView>
  );
}

function Overview({ overview }) {
  const market = overview.markets?.find((m) => m.default) ?? overview.markets?.[0];
  // The list is one page of the active portfolios (docs/portfolio-api.md, "Paging"); the counts are all of them.
  const live = overview.portfolio_count?.live ?? overview.portfolios.filter((p) => p.kind === 'live').length;
  const backtests = overview.portfolio_count?.backtest ?? overview.portfolios.length - live;
  const shown = overview.portfolios.length < live + backtests ? `the first ${overview.portfolios.length} of ${live + backtests}` : undefined;
  return (
    <>
      <Stats items={[
        { label: 'Portfolios', value: `${live} live · ${backtests} backtests`, testid: 'dash-count' },
        { label: 'Combined net worth', value: formatMoney(overview.allocation?.nav), testid: 'dash-nav' },
        { label: 'Market', value: market ? `${market.name} · ${formatBarTime(market.current_date)}` : '—' },
        { label: 'Regime', value: market?.regime ?? '—', tone: market?.regime === 'crisis' ? 'bad' : market?.regime === 'stressed' ? 'warn' : '' },
        { label: 'Orders waiting', value: formatNumber(overview.pending_order_count, 0), testid: 'dash-waiting' },
      ]} />
      <div className="pf-grid">
        <Panel title="Portfolios" className="wide" aside={shown}>
          <DataTable columns={portfolioColumns} rows={overview.portfolios} csvName="portfolios" testid="dash-portfolios" empty="No portfolios yet: create one above." />
        </Panel>
        <Panel title="Allocation across asset classes" aside="all active portfolios, share of net worth">
          <AllocationDonut slices={overview.allocation?.by_class} testid="dash-allocation" />
        </Panel>
        <Panel title="Return by portfolio" aside="coloured by model">
          {overview.portfolios.length ? <ReturnsByPortfolio portfolios={overview.portfolios} /> : <p className="muted">No portfolios.</p>}
        </Panel>
        <Panel title="Model performance" aside={<a href="#/portfolios/models">each model's signals, one strategy →</a>}>
          <ModelPerformance />
        </Panel>
        <Panel title="Models in live trading" aside="closed round trips, credited to the opening model">
          <DataTable columns={modelColumns} rows={overview.models ?? []} rowKey={(m) => m.model} csvName="model-results" testid="dash-models"
            empty="No closed trades yet." />
        </Panel>
        <Panel title="Active trades" className="wide" aside={overview.pending_order_count > overview.pending_orders.length
          ? `the ${overview.pending_orders.length} latest of ${formatNumber(overview.pending_order_count, 0)} pending orders`
          : "pending orders, filled at a later bar's close"}>
          <DataTable columns={orderColumns({ withPortfolio: true })} rows={overview.pending_orders} csvName="pending-orders" testid="dash-pending"
            empty="No pending orders." />
        </Panel>
      </div>
    </>
  );
}

export function Dashboard() {
  const overview = useOverview();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <div className="pf-title">
        <h1>Dashboard</h1>
        <button type="button" className={creating ? '' : 'primary'} onClick={() => setCreating(!creating)} data-testid="new-portfolio">
          {creating ? 'Cancel' : 'New portfolio'}
        </button>
      </div>
      {creating && <Panel title="New live portfolio"><CreatePortfolio onDone={() => setCreating(false)} /></Panel>}
      <QueryView query={overview}>{(data) => <Overview overview={data} />}</QueryView>
    </>
  );
}
