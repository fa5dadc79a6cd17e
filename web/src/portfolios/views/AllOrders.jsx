// The order book across portfolios (GET /api/orders): every portfolio's orders, newest first, with the
// portfolio each belongs to, filtered by status, ticker and model; a pending one can be cancelled here.
import { useState } from 'react';
import { useAllOrders, useCancelAnyOrder } from '../api/queries.js';
import { QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { Panel } from '../components/Stats.jsx';
import { orderColumns } from './orderColumns.jsx';

const STATUSES = ['all', 'pending', 'filled', 'rejected', 'expired', 'cancelled'];

/** The query's filters: only those chosen (the server applies each one given). */
export function bookFilters({ status, ticker, model }) {
  const filters = {};
  if (status && status !== 'all') filters.status = status;
  if (ticker.trim()) filters.ticker = ticker.trim().toUpperCase();
  if (model.trim()) filters.model = model.trim();
  return filters;
}

export function AllOrders() {
  const [form, setForm] = useState({ status: 'all', ticker: '', model: '' });
  const filters = bookFilters(form);
  const orders = useAllOrders(filters);
  const cancel = useCancelAnyOrder();
  const set = (key) => (e) => setForm({ ...form, [key]: e.target.value });
  const controls = (
    <div className="pf-inline" data-testid="book-filters">
      <select value={form.status} onChange={set('status')} data-testid="book-status" aria-label="Status">
        {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <input value={form.ticker} onChange={set('ticker')} placeholder="ticker" aria-label="Ticker" size={8} data-testid="book-ticker" />
      <input value={form.model} onChange={set('model')} placeholder="model" aria-label="Model" size={10} data-testid="book-model" />
    </div>
  );
  return (
    <>
      <div className="pf-title"><h1>Order book · all portfolios</h1></div>
      <div className="pf-grid">
        <Panel title="Orders" aside="every portfolio, newest first" className="wide">
          {cancel.isError && <p className="pf-inline-error" role="alert">{cancel.error.message}</p>}
          <QueryView query={orders}>
            {(d) => (
              <DataTable columns={orderColumns({ withPortfolio: true, onCancel: (orderId, o) => cancel.mutate({ portfolioId: o.portfolio_id, orderId }) })}
                rows={d.orders} csvName="orders-all" testid="book-orders" actions={controls}
                empty={Object.keys(filters).length ? 'No order matches.' : 'No orders yet.'} />
            )}
          </QueryView>
        </Panel>
      </div>
    </>
  );
}
