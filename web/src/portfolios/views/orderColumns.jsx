// The columns of an order table (dashboard, order book, trading): status, side, size, fill and model.
import { ModelTag } from '../components/ModelTag.jsx';
import { formatMoney, formatNumber } from '../../format.js';

export function OrderStatus({ order }) {
  return <span className={`pf-status pf-status-${order.status}`} title={order.error?.message}>{order.status}</span>;
}

/** An order's type and its prices, in words: "limit 99.00", "stop 95.00", "trailing 2.5 % (at 96.40)". */
export function orderTypeText(o) {
  const level = o.status === 'pending' && typeof o.stop_level === 'number' ? ` (at ${formatMoney(o.stop_level)})` : '';
  switch (o.type) {
    case 'limit': return `limit ${formatMoney(o.limit_price)}`;
    case 'stop': return `stop ${formatMoney(o.stop_price)}`;
    case 'stop_limit': return `stop ${formatMoney(o.stop_price)} → limit ${formatMoney(o.limit_price)}`;
    case 'trailing_stop': return `trailing ${formatNumber(o.trail_percent, 2)} %${level}`;
    default: return 'market';
  }
}

/** A bracket exit's tie to its entry: "exit of #12", "waits for #12". */
function bracketText(o) {
  if (o.bracket_id == null) return '';
  return o.active === false && o.status === 'pending' ? ` · waits for #${o.bracket_id}` : ` · exit of #${o.bracket_id}`;
}

function size(order) {
  // An order filling in parts (a cap on its share of each bar's volume) says how far it has come.
  const part = order.filled > 0 && order.status === 'pending';
  if (typeof order.quantity === 'number')
    return part ? `${formatNumber(order.filled, 4)} of ${formatNumber(order.quantity, 4)}` : formatNumber(order.quantity, 4);
  if (typeof order.notional !== 'number') return '—';
  return part ? `${formatMoney(order.filled)} of ${formatMoney(order.notional)} notional` : `${formatMoney(order.notional)} notional`;
}

/** The volume-weighted price of an order's parts (undefined without parts). */
export function averagePrice(parts) {
  if (!parts?.length) return undefined;
  const units = parts.reduce((s, p) => s + p.quantity, 0);
  return parts.reduce((s, p) => s + p.quantity * p.price, 0) / units;
}

export function orderColumns({ withPortfolio = false, onCancel } = {}) {
  return [
    { key: 'id', label: 'Order', numeric: true },
    ...(withPortfolio ? [{ key: 'portfolio_id', label: 'Portfolio', value: (o) => o.portfolio?.name ?? o.portfolio_id,
      render: (o) => <a href={`#/portfolios/orders/${o.portfolio_id}`}>{o.portfolio?.name ?? `#${o.portfolio_id}`}</a> }] : []),
    { key: 'ticker', label: 'Ticker' },
    { key: 'side', label: 'Side', className: (o) => (o.side === 'buy' ? 'good' : 'bad') },
    { key: 'status', label: 'Status', render: (o) => <OrderStatus order={o} /> },
    { key: 'size', label: 'Size', numeric: true, value: (o) => o.quantity ?? o.notional, render: size },
    { key: 'type', label: 'Type', render: (o) => `${orderTypeText(o)}${bracketText(o)}`, value: (o) => o.type },
    { key: 'placed', label: 'Placed' },
    { key: 'fill_price', label: 'Fill price', numeric: true, value: (o) => o.fill?.price ?? averagePrice(o.parts), format: formatMoney },
    { key: 'fill_date', label: 'Filled on', value: (o) => o.fill?.date ?? o.parts?.at(-1)?.date },
    { key: 'slippage', label: 'Slippage', numeric: true, value: (o) => o.fill?.slippage, format: formatMoney },
    { key: 'fee', label: 'Fee', numeric: true, value: (o) => o.fill?.fee, format: formatMoney },
    { key: 'model', label: 'Model', render: (o) => <ModelTag model={o.model} /> },
    ...(onCancel ? [{ key: 'cancel', label: '', csv: false, render: (o) => (o.status === 'pending'
      ? <button type="button" className="link" onClick={() => onCancel(o.id, o)} data-testid={`cancel-${o.id}`}>Cancel</button> : null) }] : []),
  ];
}
