// Portfolio detail: holdings with current prices and P&L, the transactions with their fees, NAV over
// time, the distribution of daily returns, the allocation by asset class and by sector, and a short
// seller's margin and ledger.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { usePerformance, usePortfolio, useTransactions } from '../api/queries.js';
import { EmptyState, QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { ModelTag } from '../components/ModelTag.jsx';
import { Panel, Stats } from '../components/Stats.jsx';
import { AllocationDonut } from '../components/Allocation.jsx';
import { MarginPanel } from '../components/MarginPanel.jsx';
import { describeSlippage } from '../components/slippageModel.js';
import { ReportButton } from '../report/ReportButton.jsx';
import { AXIS, ChartBox, GRID, TOOLTIP } from '../components/charts.jsx';
import { formatMoney, formatNumber, formatShare, formatSignedShare, humanName, signClass } from '../../format.js';

const holdingColumns = [
  { key: 'ticker', label: 'Ticker' },
  { key: 'market_value', label: 'Value', numeric: true, format: formatMoney },
  { key: 'unrealized_pnl', label: 'Unrealised P&L', numeric: true, format: formatMoney, className: (h) => signClass(h.unrealized_pnl) },
  { key: 'unrealized_return', label: 'Return', numeric: true, format: (v) => formatSignedShare(v), className: (h) => signClass(h.unrealized_return) },
  { key: 'quantity', label: 'Quantity', numeric: true, format: (v) => formatNumber(v, 4) },
  { key: 'price', label: 'Price', numeric: true, format: formatMoney },
  { key: 'average_cost', label: 'Avg cost', numeric: true, format: formatMoney },
  { key: 'weight', label: 'Weight', numeric: true, format: (v) => formatShare(v) },
  { key: 'realized_pnl', label: 'Realised P&L', numeric: true, format: formatMoney, className: (h) => signClass(h.realized_pnl) },
  { key: 'asset_class', label: 'Class' },
  { key: 'sector', label: 'Sector' },
  { key: 'opened_by', label: 'Opened by', render: (h) => <ModelTag model={h.opened_by} /> },
];

const transactionColumns = [
  { key: 'date', label: 'Date' },
  { key: 'ticker', label: 'Ticker' },
  { key: 'side', label: 'Side', className: (f) => (f.side === 'buy' ? 'good' : 'bad') },
  { key: 'quantity', label: 'Quantity', numeric: true, format: (v) => formatNumber(v, 4) },
  { key: 'price', label: 'Price', numeric: true, format: formatMoney },
  { key: 'reference_price', label: 'Close', numeric: true, format: formatMoney },
  { key: 'slippage', label: 'Slippage', numeric: true, format: formatMoney },
  { key: 'trade_value', label: 'Value', numeric: true, format: formatMoney },
  { key: 'fee', label: 'Fee', numeric: true, format: formatMoney },
  { key: 'net_cash', label: 'Net cash', numeric: true, format: formatMoney, className: (f) => signClass(f.net_cash) },
  { key: 'cash_after', label: 'Cash after', numeric: true, format: formatMoney },
  { key: 'model', label: 'Model', render: (f) => <ModelTag model={f.model} /> },
];

export function NavChart({ nav, height = 240, testid = 'nav-chart' }) {
  if (!nav?.length) return <EmptyState>No NAV history yet.</EmptyState>;
  return (
    <ChartBox height={height} testid={testid}>
      <AreaChart data={nav} margin={{ left: 4, right: 12, top: 8 }}>
        <defs>
          <linearGradient id="navFill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="#38bdf8" stopOpacity={0.35} /><stop offset="100%" stopColor="#38bdf8" stopOpacity={0} />
          </linearGradient>
        </defs>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="date" {...AXIS} minTickGap={40} />
        <YAxis {...AXIS} width={72} domain={['auto', 'auto']} tickFormatter={(v) => formatNumber(v, 2)} />
        <Tooltip {...TOOLTIP} formatter={(v) => [formatMoney(v), 'NAV']} />
        <Area dataKey="nav" type="monotone" stroke="#38bdf8" fill="url(#navFill)" strokeWidth={2} dot={nav.length < 3} isAnimationActive={false} />
      </AreaChart>
    </ChartBox>
  );
}

/** The server's histogram (edges, counts) as bars labelled by their bin's edges. */
function ReturnDistribution({ distribution }) {
  const counts = distribution?.counts ?? [];
  if (!counts.some((c) => c > 0)) return <EmptyState>Not enough daily returns yet.</EmptyState>;
  const bins = counts.map((count, i) => ({
    label: `${formatSignedShare(distribution.edges[i], 2)} … ${formatSignedShare(distribution.edges[i + 1], 2)}`,
    from: formatSignedShare(distribution.edges[i], 1),
    count,
  }));
  return (
    <ChartBox height={200} testid="return-distribution">
      <BarChart data={bins} margin={{ left: 0, right: 8 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="from" {...AXIS} interval="preserveStartEnd" minTickGap={12} />
        <YAxis {...AXIS} width={36} allowDecimals={false} />
        <Tooltip {...TOOLTIP} labelFormatter={(_l, items) => items?.[0]?.payload.label ?? ''} formatter={(v) => [v, 'days']} />
        <Bar dataKey="count" fill="#818cf8" isAnimationActive={false} />
      </BarChart>
    </ChartBox>
  );
}

function SectorBars({ slices }) {
  const data = (slices ?? []).filter((s) => typeof s.weight === 'number' && s.weight > 0);
  if (!data.length) return <EmptyState>No stocks held.</EmptyState>;
  return (
    <ChartBox height={Math.max(120, data.length * 26 + 30)} testid="sector-allocation">
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <XAxis type="number" {...AXIS} tickFormatter={(v) => formatShare(v, 1)} />
        <YAxis type="category" dataKey="name" {...AXIS} width={110} tickFormatter={humanName} />
        <Tooltip {...TOOLTIP} formatter={(v, _n, item) => [`${formatShare(v)} · ${formatMoney(item.payload.value)}`, 'weight']} />
        <Bar dataKey="weight" fill="#2dd4bf" isAnimationActive={false} />
      </BarChart>
    </ChartBox>
  );
}

function Header({ p }) {
  return (
    <div className="pf-title">
      <h1 data-testid="pf-name">{p.name}</h1>
      <span className="pf-tags">
        <ModelTag model={p.model} /> <span className="badge">{p.kind}</span>
        {p.status === 'archived' && <span className="badge warn">archived</span>}
        <span className="muted small" data-testid="pf-costs">fees {p.fee_structure?.name} · slippage {describeSlippage(p.slippage)} · {p.market?.name} market · valued at the close of {p.as_of}</span>
      </span>
      <ReportButton portfolio={p} />
      {p.kind === 'live' && p.status === 'active' && <a className="pf-button" href={`#/portfolios/trade/${p.id}`}>Trade</a>}
    </div>
  );
}

function Detail({ p, id }) {
  const performance = usePerformance(id);
  const transactions = useTransactions(id);
  const summary = performance.data?.summary;
  return (
    <>
      <Header p={p} />
      <Stats items={[
        { label: 'Net worth', value: formatMoney(p.nav), testid: 'pf-nav' },
        { label: 'Return', value: formatSignedShare(p.total_return), tone: signClass(p.total_return), testid: 'pf-return' },
        { label: 'Cash', value: formatMoney(p.cash), testid: 'pf-cash' },
        { label: 'Holdings', value: formatMoney(p.holdings_value) },
        { label: 'Unrealised P&L', value: formatMoney(p.unrealized_pnl), tone: signClass(p.unrealized_pnl) },
        { label: 'Realised P&L', value: formatMoney(p.realized_pnl), tone: signClass(p.realized_pnl) },
        { label: 'Fees paid', value: formatMoney(p.fees_paid), testid: 'pf-fees' },
        { label: 'Sharpe', value: formatNumber(summary?.sharpe) },
        { label: 'Max drawdown', value: formatSignedShare(summary?.max_drawdown) },
        { label: 'Pending orders', value: String(p.pending_orders ?? 0) },
      ]} />
      <div className="pf-grid">
        <Panel title="NAV over time" className="wide">
          <QueryView query={performance}>{(d) => <NavChart nav={d.nav} />}</QueryView>
        </Panel>
        <Panel title="Holdings" className="wide">
          <DataTable columns={holdingColumns} rows={p.holdings ?? []} rowKey={(h) => h.ticker} csvName={`holdings-${id}`} testid="holdings"
            empty="Only cash so far." />
        </Panel>
        <Panel title="Allocation by asset class" aside="share of net worth">
          <AllocationDonut slices={p.allocation?.by_class} testid="class-allocation" />
        </Panel>
        <Panel title="Allocation by sector" aside="stocks">
          <SectorBars slices={p.allocation?.by_sector} />
        </Panel>
        <Panel title="Daily returns" aside={summary ? `${formatNumber(summary.periods, 0)} ${summary.periods === 1 ? 'day' : 'days'} · best ${formatSignedShare(summary.best_period)} · worst ${formatSignedShare(summary.worst_period)}` : ''}>
          <QueryView query={performance}>{(d) => <ReturnDistribution distribution={d.return_distribution} />}</QueryView>
        </Panel>
        {p.margin && <MarginPanel p={p} />}
        <Panel title="Transactions" aside="fills, newest first" className="wide">
          <QueryView query={transactions}>
            {(d) => <DataTable columns={transactionColumns} rows={d.transactions} csvName={`transactions-${id}`} testid="transactions" empty="No fills yet." />}
          </QueryView>
        </Panel>
      </div>
    </>
  );
}

export function PortfolioDetail({ portfolioId }) {
  const portfolio = usePortfolio(portfolioId);
  return (
    <QueryView query={portfolio} empty="No portfolio chosen: create one on the dashboard.">
      {(p) => <Detail p={p} id={portfolioId} />}
    </QueryView>
  );
}
