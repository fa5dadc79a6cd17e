// Order book: every order of the portfolio with its live status (pending ones can be cancelled), and
// the execution history — each fill's price, fee and the model that placed the trade.
import { useState } from 'react';
import { useCancelOrder, useOrders, usePortfolio, useTransactions } from '../api/queries.js';
import { QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { ModelTag } from '../components/ModelTag.jsx';
import { Panel } from '../components/Stats.jsx';
import { MarketClock } from '../components/MarketClock.jsx';
import { orderColumns } from './orderColumns.jsx';
import { formatMoney, formatNumber, formatShare, signClass } from '../../format.js';

const STATUSES = ['all', 'pending', 'filled', 'rejected', 'expired', 'cancelled'];

const fillColumns = [
  { key: 'ticker', label: 'Ticker' },
  { key: 'side', label: 'Side', className: (f) => (f.side === 'buy' ? 'good' : 'bad') },
  { key: 'price', label: 'Fill price', numeric: true, format: formatMoney },
  { key: 'model', label: 'Placed by', render: (f) => <ModelTag model={f.model} /> },
  { key: 'quantity', label: 'Quantity', numeric: true, format: (v) => formatNumber(v, 4) },
  { key: 'fee', label: 'Fee', numeric: true, format: formatMoney },
  { key: 'net_cash', label: 'Net cash', numeric: true, format: formatMoney, className: (f) => signClass(f.net_cash) },
  { key: 'confidence', label: 'Confidence', numeric: true, format: (v) => formatShare(v, 0) },
  { key: 'date', label: 'Filled on' },
  { key: 'order_date', label: 'Ordered on' },
  { key: 'order_id', label: 'Order', numeric: true, value: (f) => f.order_id ?? f.part_of,
    render: (f) => (f.part_of != null ? `${f.part_of} (part)` : f.order_id ?? '') },
];

function Orders({ portfolioId }) {
  const [status, setStatus] = useState('all');
  const orders = useOrders(portfolioId, status === 'all' ? undefined : status);
  const cancel = useCancelOrder(portfolioId);
  const filter = (
    <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="orders-status" aria-label="Status">
      {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
    </select>
  );
  return (
    <Panel title="Orders" aside="newest first" className="wide">
      {cancel.isError && <p className="pf-inline-error" role="alert">{cancel.error.message}</p>}
      <QueryView query={orders}>
        {(d) => <DataTable columns={orderColumns({ onCancel: (id) => cancel.mutate(id) })} rows={d.orders} csvName={`orders-${portfolioId}`}
          testid="orderbook-orders" actions={filter} empty={`No ${status === 'all' ? '' : `${status} `}orders.`} />}
      </QueryView>
    </Panel>
  );
}

export function OrderBook({ portfolioId }) {
  const portfolio = usePortfolio(portfolioId);
  const fills = useTransactions(portfolioId);
  return (
    <QueryView query={portfolio} empty="No portfolio chosen: create one on the dashboard.">
      {(p) => (
        <>
          <div className="pf-title"><h1>Order book · {p.name}</h1>{p.kind === 'live' && <MarketClock marketId={p.market_id} />}</div>
          <div className="pf-grid">
            <Orders portfolioId={portfolioId} />
            <Panel title="Execution history" aside={fills.data ? `${fills.data.total} fills` : ''} className="wide">
              <QueryView query={fills}>
                {(d) => <DataTable columns={fillColumns} rows={d.transactions} csvName={`fills-${portfolioId}`} testid="orderbook-fills" empty="Nothing executed yet." />}
              </QueryView>
            </Panel>
          </div>
        </>
      )}
    </QueryView>
  );
}
