// Trading: the order form with the server's fee preview, what each model recommends for the chosen
// ticker and how confident it is, the confirmation of a placed order and its live status.
import { useMemo, useState } from 'react';
import { useAssets, useFeePreview, useOrders, usePlaceOrder, usePortfolio, useTickerSignals } from '../api/queries.js';
import { EmptyState, QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { ModelTag } from '../components/ModelTag.jsx';
import { Panel } from '../components/Stats.jsx';
import { MarketClock } from '../components/MarketClock.jsx';
import { formatBarTime } from '../components/barTime.js';
import { FeeStructureSelect } from '../components/FeeStructureSelect.jsx';
import { useDebounced } from '../components/useDebounced.js';
import { modelColour } from '../modelColours.js';
import { EMPTY_ORDER, ORDER_TYPES, cashNote, hasLimit, hasStop, orderBody, orderProblem, previewBody } from './orderForm.js';
import { OrderStatus, orderColumns } from './orderColumns.jsx';
import { formatMoney, formatNumber, formatShare, formatSignedShare, signClass } from '../../format.js';

function TickerSelect({ assets, value, onChange }) {
  const byClass = useMemo(() => {
    const groups = new Map();
    for (const a of assets) {
      if (!groups.has(a.asset_class)) groups.set(a.asset_class, []);
      groups.get(a.asset_class).push(a);
    }
    return [...groups];
  }, [assets]);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="order-ticker" required>
      <option value="">Choose…</option>
      {byClass.map(([cls, list]) => (
        <optgroup key={cls} label={cls}>
          {list.map((a) => <option key={a.ticker} value={a.ticker} disabled={!a.listed}>{a.ticker} · {formatMoney(a.price)}{a.sector ? ` · ${a.sector}` : ''}</option>)}
        </optgroup>
      ))}
    </select>
  );
}

function Segmented({ value, options, onChange, testid }) {
  return (
    <div className="pf-segmented" role="group" data-testid={testid}>
      {options.map(([v, label]) => (
        <button key={v} type="button" aria-pressed={value === v} className={value === v ? `on ${v}` : ''} onClick={() => onChange(v)}>{label}</button>
      ))}
    </div>
  );
}

/** The server's fee preview of `body`; `priceName` names the price it was given (a limit, a stop). */
function FeePreview({ body, priceName = 'Limit' }) {
  const settled = useDebounced(body);
  const preview = useFeePreview(settled);
  if (!body) return <p className="muted small" data-testid="fee-preview-idle">Choose a ticker and a size to see the fee.</p>;
  if (preview.isError) return <p className="pf-inline-error" role="alert" data-testid="fee-preview-error">{preview.error.message}</p>;
  const p = preview.data;
  if (!p) return <p className="muted small">Pricing…</p>;
  return (
    <table className="kv pf-preview" data-testid="fee-preview">
      <caption>Fee preview · {p.schedule}{p.price_as_of ? ` · close of ${formatBarTime(p.price_as_of)}` : ''}{preview.isFetching ? ' · updating…' : ''}</caption>
      <tbody>
        {p.slippage && (
          <>
            <tr><th>{p.price_as_of ? 'Last close' : priceName}</th><td>{formatMoney(p.slippage.reference_price)}</td></tr>
            <tr data-testid="fee-preview-slippage"><th>Slippage ({formatShare(p.slippage.rate, 3)})</th><td>{formatMoney(p.slippage.cost)}</td></tr>
          </>
        )}
        <tr><th>{p.slippage ? 'Execution price' : 'Price'}</th><td data-testid="fee-preview-price">{formatMoney(p.price)}</td></tr>
        <tr><th>Units</th><td data-testid="fee-preview-units">{formatNumber(p.quantity, 4)}</td></tr>
        <tr><th>Trade value</th><td>{formatMoney(p.trade_value)}</td></tr>
        {p.components.map((c) => <tr key={c.label} className="pf-fee-component"><th>· {c.label}</th><td>{formatMoney(c.amount)}</td></tr>)}
        <tr><th>Fee</th><td data-testid="fee-preview-fee">{formatMoney(p.fee)}</td></tr>
        <tr><th>Effective rate</th><td>{formatShare(p.effective_rate, 3)}</td></tr>
        <tr className="pf-total"><th>Net cash</th><td className={signClass(p.net_cash)} data-testid="fee-preview-net">{formatMoney(p.net_cash)}</td></tr>
        {p.margin_after && (
          <>
            <tr data-testid="fee-preview-shorts"><th>Shorts after</th><td>{formatMoney(p.margin_after.short_value)}</td></tr>
            <tr data-testid="fee-preview-margin" className={p.margin_after.meets_initial ? '' : 'bad'}>
              <th>Equity after / initial margin</th>
              <td>{formatMoney(p.margin_after.equity)} / {formatMoney(p.margin_after.initial_requirement)}</td>
            </tr>
            {!p.margin_after.meets_initial && (
              <tr><td colSpan={2} className="pf-inline-error" role="alert" data-testid="fee-preview-margin-short">
                Not enough equity for this short: the server will refuse it (initial margin).
              </td></tr>
            )}
          </>
        )}
      </tbody>
    </table>
  );
}

function ModelSignals({ marketId, ticker }) {
  const signals = useTickerSignals(marketId, ticker);
  if (!ticker) return <EmptyState>Choose a ticker to see what the models say.</EmptyState>;
  return (
    <QueryView query={signals} isEmpty={(d) => !d.signals.length}
      empty={<>No model has a signal for {ticker} yet. Run a backtest (its signals are stored) or post signals to <code>/api/signals</code>.</>}>
      {(d) => (
        <ul className="pf-signals" data-testid="model-signals">
          {d.signals.map((s) => (
            <li key={s.model} data-model={s.model}>
              <ModelTag model={s.model} />
              <span className={`pf-action pf-action-${s.action}`}>{s.action}</span>
              <span className="pf-confidence" title={`confidence ${formatShare(s.confidence)}`}>
                <span style={{ width: `${s.confidence * 100}%`, background: modelColour(s.model) }} />
              </span>
              <b>{formatShare(s.confidence, 0)}</b>
              <span className="muted small">{formatBarTime(s.date)}{typeof s.predicted_return === 'number' ? ` · predicts ${formatSignedShare(s.predicted_return)}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </QueryView>
  );
}

/** What a pending order waits for, in words. */
function pendingNote(order) {
  switch (order.type) {
    case 'limit': return `It fills at the first close at or ${order.side === 'buy' ? 'below' : 'above'} its limit.`;
    case 'stop': return `It waits for a close at or ${order.side === 'buy' ? 'above' : 'below'} its stop, and fills at that close.`;
    case 'stop_limit': return 'It waits for a close through its stop, then fills within its limit.';
    case 'trailing_stop': return order.side === 'buy'
      ? `It buys at the first close ${order.trail_percent} % above the lowest close since it was placed.`
      : `It sells at the first close ${order.trail_percent} % below the highest close since it was placed.`;
    default: return "It fills at the next bar's close (the next trading day's on daily bars).";
  }
}

function exitName(exit) {
  return exit.type === 'limit' ? `take-profit at ${formatMoney(exit.limit_price)}` : `stop-loss at ${formatMoney(exit.stop_price)}`;
}

function Confirmation({ placed, orders }) {
  const live = orders.find((o) => o.id === placed.id) ?? placed;
  const e = placed.estimate;
  return (
    <div className="pf-confirmation" data-testid="order-confirmation" role="status">
      <div>Order <b>#{placed.id}</b> — {placed.side} {formatNumber(placed.quantity ?? placed.notional, 4)}{placed.notional ? ' notional' : ''} {placed.ticker}: <OrderStatus order={live} /></div>
      {e && <div className="muted small">Estimate {e.basis === 'stop' ? 'at its stop' : `at the close of ${formatBarTime(e.as_of)}`}: {formatNumber(e.quantity, 4)} × {formatMoney(e.price)} = {formatMoney(e.trade_value)}, fee {formatMoney(e.fee)}, net cash {formatMoney(e.net_cash)}</div>}
      {live.fill && <div data-testid="order-filled">Filled on {formatBarTime(live.fill.date)} at {formatMoney(live.fill.price)}, fee {formatMoney(live.fill.fee)}, net cash {formatMoney(live.fill.net_cash)}</div>}
      {live.status === 'pending' && <div className="muted small">{pendingNote(live)}</div>}
      {placed.bracket?.length > 0 && (
        <div className="muted small" data-testid="order-bracket-exits">
          Exits waiting for it to fill: {placed.bracket.map((x) => `#${x.id} ${exitName(x)}`).join(', ')} — the first to fill cancels the other.
        </div>
      )}
      {live.error && <div className="pf-inline-error">{live.error.message}</div>}
    </div>
  );
}

function OrderForm({ portfolio }) {
  const [form, setForm] = useState(EMPTY_ORDER);
  const [placed, setPlaced] = useState(null);
  const assets = useAssets(portfolio.market_id);
  const orders = useOrders(portfolio.id);
  const place = usePlaceOrder(portfolio.id);
  // A change to the order makes the last refusal stale: it is about the order that was sent.
  const set = (key) => (value) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (place.isError) place.reset();
  };
  const body = orderBody(form);
  const problem = orderProblem(form);
  const preview = previewBody(form, { marketId: portfolio.market_id, defaultFeeStructure: portfolio.fee_structure_id,
    fractional: portfolio.fractional, slippage: portfolio.slippage, marginPortfolio: portfolio.margin ? portfolio.id : null });
  const asset = assets.data?.assets.find((a) => a.ticker === form.ticker);
  const submit = (e) => {
    e.preventDefault();
    if (!body) return;
    setPlaced(null);  // the last order's confirmation never stays beneath this one's refusal
    place.mutate(body, { onSuccess: setPlaced });
  };
  return (
    <div className="pf-grid">
      <Panel title="Order" aside={cashNote(portfolio)}>
        <form className="pf-form pf-order-form" onSubmit={submit} data-testid="order-form">
          <label className="full">Ticker
            <QueryView query={assets}>{(d) => <TickerSelect assets={d.assets} value={form.ticker} onChange={set('ticker')} />}</QueryView>
          </label>
          {asset && (
            <div className="full muted small" data-testid="order-asset">
              {asset.ticker}: {formatMoney(asset.price)} on {formatBarTime(assets.data.as_of)} (<span className={signClass(asset.change)}>{formatSignedShare(asset.change)}</span>) · {asset.asset_class}{asset.sector ? ` · ${asset.sector}` : ''}
            </div>
          )}
          <Segmented value={form.side} onChange={set('side')} options={[['buy', 'Buy'], ['sell', 'Sell']]} testid="order-side" />
          <label>Type
            <select value={form.type} onChange={(e) => set('type')(e.target.value)} data-testid="order-type">
              {ORDER_TYPES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </label>
          <label>Size in
            <select value={form.sizeKind} onChange={(e) => set('sizeKind')(e.target.value)} data-testid="order-size-kind">
              <option value="quantity">units</option><option value="notional">currency</option>
            </select>
          </label>
          <label>{form.sizeKind === 'quantity' ? 'Quantity' : 'Amount'}
            <input type="number" min="0" step="any" inputMode="decimal" value={form.amount} onChange={(e) => set('amount')(e.target.value)} data-testid="order-amount" />
          </label>
          {hasStop(form.type) && (
            <label>Stop price<input type="number" min="0" step="any" value={form.stopPrice} onChange={(e) => set('stopPrice')(e.target.value)} data-testid="order-stop" /></label>
          )}
          {hasLimit(form.type) && (
            <label>Limit price<input type="number" min="0" step="any" value={form.limitPrice} onChange={(e) => set('limitPrice')(e.target.value)} data-testid="order-limit" /></label>
          )}
          {form.type === 'trailing_stop' && (
            <label>Trail (%)<input type="number" min="0" max="100" step="any" value={form.trailPercent} onChange={(e) => set('trailPercent')(e.target.value)} data-testid="order-trail" /></label>
          )}
          <label>Good for (days)
            <input type="number" min="1" step="1" placeholder="until cancelled" value={form.goodForDays} onChange={(e) => set('goodForDays')(e.target.value)} data-testid="order-good-for" />
          </label>
          <fieldset className="full pf-bracket" data-testid="order-bracket">
            <legend>Exits once filled (optional): one cancels the other</legend>
            <label>Take-profit<input type="number" min="0" step="any" value={form.takeProfit} onChange={(e) => set('takeProfit')(e.target.value)} data-testid="order-take-profit" /></label>
            <label>Stop-loss<input type="number" min="0" step="any" value={form.stopLoss} onChange={(e) => set('stopLoss')(e.target.value)} data-testid="order-stop-loss" /></label>
          </fieldset>
          <label className="full">Fee structure
            <FeeStructureSelect value={form.feeStructure} onChange={set('feeStructure')} testid="order-fee">
              <option value="">the portfolio's ({portfolio.fee_structure?.name ?? '…'})</option>
            </FeeStructureSelect>
          </label>
          {problem && <p className="full pf-inline-error" role="alert" data-testid="order-problem">{problem}</p>}
          <div className="full"><FeePreview body={preview} priceName={form.type === 'stop' ? 'Stop' : 'Limit'} /></div>
          <div className="full pf-form-actions">
            <button type="submit" className={`primary ${form.side === 'sell' ? 'sell' : ''}`} disabled={!body || place.isPending} data-testid="order-submit">
              {place.isPending ? 'Placing…' : `Place ${form.side} order`}
            </button>
            {place.isError && <span className="pf-inline-error" role="alert" data-testid="order-error">{place.error.message}</span>}
          </div>
        </form>
        {placed && <Confirmation placed={placed} orders={orders.data?.orders ?? []} />}
      </Panel>
      <Panel title={`What the models say${form.ticker ? ` about ${form.ticker}` : ''}`} aside="newest signal per model">
        <ModelSignals marketId={portfolio.market_id} ticker={form.ticker} />
      </Panel>
      <Panel title="Orders" aside="live status" className="wide">
        <QueryView query={orders}>
          {(d) => <DataTable columns={orderColumns()} rows={d.orders.slice(0, 20)} csvName={`orders-${portfolio.id}`} testid="trade-orders" empty="No orders yet." />}
        </QueryView>
      </Panel>
    </div>
  );
}

export function Trading({ portfolioId }) {
  const portfolio = usePortfolio(portfolioId);
  return (
    <QueryView query={portfolio} empty="No portfolio to trade: create one on the dashboard.">
      {(p) => (
        <>
          <div className="pf-title">
            <h1>Trade · {p.name}</h1>
            <MarketClock marketId={p.market_id} />
          </div>
          {p.kind !== 'live' || p.status !== 'active'
            ? <EmptyState>{p.name} is a {p.status === 'archived' ? 'archived' : 'backtest'} portfolio: it takes no orders.</EmptyState>
            : <OrderForm portfolio={p} />}
        </>
      )}
    </QueryView>
  );
}
