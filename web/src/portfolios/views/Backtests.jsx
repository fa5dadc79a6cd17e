// Backtest launcher: choose the model, tickers, period, fees and sizing; launch (the server runs it
// in the background); watch its progress live; open the result — a read-only portfolio.
import { useState } from 'react';
import { useAssets, useBacktests, useLaunchBacktest, useMarkets, useModels } from '../api/queries.js';
import { FeeStructureSelect } from '../components/FeeStructureSelect.jsx';
import { EmptyState, QueryView } from '../components/QueryView.jsx';
import { DataTable } from '../components/DataTable.jsx';
import { ModelTag } from '../components/ModelTag.jsx';
import { Panel } from '../components/Stats.jsx';
import { formatMoney, formatNumber, formatShare, formatSignedShare, signClass } from '../../format.js';
import { backtestBody, EMPTY_BACKTEST } from './backtestForm.js';
import { MarginFields } from '../components/MarginFields.jsx';

function Progress({ b }) {
  return (
    <span className="pf-progress" data-testid={`backtest-progress-${b.id}`} data-status={b.status}>
      <span className="pf-progress-bar"><span style={{ width: `${(b.progress ?? 0) * 100}%` }} /></span>
      <span className={`pf-status pf-status-${b.status}`}>{b.status === 'running' ? formatShare(b.progress, 0) : b.status}</span>
    </span>
  );
}

const columns = [
  { key: 'id', label: '#', numeric: true },
  { key: 'model', label: 'Model', render: (b) => <ModelTag model={b.model} /> },
  { key: 'status', label: 'Progress', value: (b) => b.status, render: (b) => <Progress b={b} /> },
  { key: 'return', label: 'Return', numeric: true, value: (b) => b.summary?.performance?.total_return, format: (v) => formatSignedShare(v),
    className: (b) => signClass(b.summary?.performance?.total_return) },
  { key: 'benchmark', label: 'Benchmark', numeric: true, value: (b) => b.summary?.performance?.benchmark?.benchmark_total_return,
    format: (v) => formatSignedShare(v) },
  { key: 'excess', label: 'Excess', numeric: true, value: (b) => b.summary?.performance?.benchmark?.excess_return, format: (v) => formatSignedShare(v),
    className: (b) => signClass(b.summary?.performance?.benchmark?.excess_return) },
  { key: 'alpha', label: 'Alpha', numeric: true, value: (b) => b.summary?.performance?.benchmark?.alpha, format: (v) => formatSignedShare(v) },
  { key: 'beta', label: 'Beta', numeric: true, value: (b) => b.summary?.performance?.benchmark?.beta, format: formatNumber },
  { key: 'open', label: 'Portfolio', value: (b) => b.portfolio_id, render: (b) => (b.portfolio_id
    ? <a href={`#/portfolios/portfolio/${b.portfolio_id}`} data-testid={`backtest-open-${b.id}`}>Open</a>
    : b.error ? <span className="pf-inline-error" title={b.error.message}>{b.error.code}</span> : '—') },
  { key: 'name', label: 'Name', value: (b) => b.spec?.name ?? '' },
  { key: 'tickers', label: 'Tickers', numeric: true, value: (b) => b.spec?.tickers?.length },
  { key: 'period', label: 'Period', value: (b) => (b.spec ? `${b.spec.start} … ${b.spec.end}` : '') },
  { key: 'sharpe', label: 'Sharpe', numeric: true, value: (b) => b.summary?.performance?.sharpe, format: formatNumber },
  { key: 'risk_exits', label: 'Risk exits', numeric: true, value: (b) => b.summary?.risk_exits },
  { key: 'borrow_fees', label: 'Borrow fees', numeric: true, value: (b) => (b.spec?.allow_short ? b.summary?.borrow_fees_paid : undefined), format: formatMoney },
  { key: 'liquidations', label: 'Liquidations', numeric: true, value: (b) => (b.spec?.allow_short ? b.summary?.liquidations : undefined) },
  { key: 'win_rate', label: 'Win rate', numeric: true, value: (b) => b.summary?.trades?.win_rate, format: (v) => formatShare(v) },
  { key: 'windows', label: 'Windows beaten', value: (b) => windowsBeaten(b.summary?.windows) },
];

/** "7 of 12": the walk-forward windows in which the run beat its benchmark (docs/portfolio.md). */
export function windowsBeaten(windows) {
  if (!windows?.length) return '';
  return `${windows.filter((w) => w.excess_return > 0).length} of ${windows.length}`;
}

const windowColumns = [
  { key: 'start', label: 'From' },
  { key: 'end', label: 'To' },
  { key: 'total_return', label: 'Return', numeric: true, format: (v) => formatSignedShare(v), className: (w) => signClass(w.total_return) },
  { key: 'benchmark_return', label: 'Benchmark', numeric: true, format: (v) => formatSignedShare(v) },
  { key: 'excess_return', label: 'Excess', numeric: true, format: (v) => formatSignedShare(v), className: (w) => signClass(w.excess_return) },
  { key: 'hit_rate', label: 'Signals right', numeric: true, format: (v) => formatShare(v) },
  { key: 'signals', label: 'Signals', numeric: true },
  { key: 'fills', label: 'Fills', numeric: true },
];

/** One finished backtest's windows between refits, out of sample, against its benchmark. */
function Windows({ backtests }) {
  const done = backtests.filter((b) => b.status === 'done' && b.summary?.windows?.length);
  const [chosen, setChosen] = useState(null);
  const b = done.find((x) => x.id === chosen) ?? done[0];
  if (!b) return <EmptyState>No finished backtest yet.</EmptyState>;
  return (
    <>
      <div className="pf-inline">
        <select value={b.id} onChange={(e) => setChosen(Number(e.target.value))} data-testid="bt-windows-pick">
          {done.map((x) => <option key={x.id} value={x.id}>#{x.id} {x.model}{x.spec?.name ? ` · ${x.spec.name}` : ''}</option>)}
        </select>
        <span data-testid="bt-windows-beaten">beat its benchmark in {windowsBeaten(b.summary.windows)} windows</span>
      </div>
      <DataTable columns={windowColumns} rows={b.summary.windows} rowKey={(w) => w.start} csvName={`backtest-${b.id}-windows`} testid="bt-windows" />
    </>
  );
}

function TickerChips({ assets, chosen, onChange }) {
  const toggle = (t) => onChange(chosen.includes(t) ? chosen.filter((x) => x !== t) : [...chosen, t]);
  return (
    <div className="pf-chips pf-ticker-chips" data-testid="bt-tickers">
      <button type="button" className="link" onClick={() => onChange([])}>{chosen.length ? `clear (${chosen.length})` : 'all tickers'}</button>
      {assets.map((a) => (
        <label key={a.ticker} className={`pf-chip ${chosen.includes(a.ticker) ? 'on' : ''}`} title={`${a.asset_class}${a.sector ? ` · ${a.sector}` : ''}`}>
          <input type="checkbox" checked={chosen.includes(a.ticker)} onChange={() => toggle(a.ticker)} />{a.ticker}
        </label>
      ))}
    </div>
  );
}

function Launcher() {
  const models = useModels();
  const markets = useMarkets();
  const market = markets.data?.markets?.find((m) => m.default) ?? markets.data?.markets?.[0];
  const assets = useAssets(market?.id);
  const launch = useLaunchBacktest();
  const [form, setForm] = useState(EMPTY_BACKTEST);
  const set = (key) => (e) => setForm({ ...form, [key]: e.target.value });
  const choices = (models.data?.models ?? []).filter((m) => m.available || m.signals > 0);
  const chosenModel = choices.find((m) => m.name === form.model);
  const body = backtestBody(form, { marketId: market?.id, storedSignals: chosenModel && !chosenModel.built_in });
  return (
    <form className="pf-form pf-backtest-form" data-testid="backtest-form" onSubmit={(e) => { e.preventDefault(); if (body) launch.mutate(body); }}>
      <label>Model
        <select value={form.model} onChange={set('model')} data-testid="bt-model">
          {choices.map((m) => <option key={m.name} value={m.name}>{m.name}{m.built_in ? '' : ' (stored signals)'}</option>)}
        </select>
      </label>
      <label>Name<input value={form.name} onChange={set('name')} placeholder="optional" data-testid="bt-name" /></label>
      <label>From (blank: a year in)<input type="date" value={form.start} onChange={set('start')} min={market?.first_date} max={market?.current_date} data-testid="bt-start" /></label>
      <label>To (blank: today)<input type="date" value={form.end} onChange={set('end')} min={market?.first_date} max={market?.current_date} data-testid="bt-end" /></label>
      <label>Initial capital<input type="number" min="0" step="any" value={form.capital} onChange={set('capital')} data-testid="bt-capital" /></label>
      <label>Fee structure
        <FeeStructureSelect value={form.fee} onChange={(fee) => setForm({ ...form, fee })} testid="bt-fee" />
      </label>
      <label>Sizing
        <select value={form.sizing} onChange={set('sizing')} data-testid="bt-sizing">
          <option value="fixed_fraction">fixed fraction</option><option value="confidence_scaled">scaled by confidence</option><option value="kelly">Kelly</option>
        </select>
      </label>
      <label>{form.sizing === 'kelly' ? 'Kelly multiplier' : 'Fraction of NAV'}
        <input type="number" min="0" max="1" step="any" value={form.fraction} onChange={set('fraction')} data-testid="bt-fraction" />
      </label>
      <label>Stop-loss (% below entry)<input type="number" min="0" max="100" step="any" placeholder="none" value={form.stopLoss} onChange={set('stopLoss')} data-testid="bt-stop-loss" /></label>
      <label>Take-profit (% above entry)<input type="number" min="0" step="any" placeholder="none" value={form.takeProfit} onChange={set('takeProfit')} data-testid="bt-take-profit" /></label>
      <label title={market && !market.has_volumes ? `the ${market.name} market has no volumes` : undefined}>Max share of a bar's volume (%)
        <input type="number" min="0" max="100" step="any" placeholder={market && !market.has_volumes ? 'no volumes in this market' : 'no cap'}
          disabled={Boolean(market) && !market.has_volumes} value={form.participation} onChange={set('participation')} data-testid="bt-participation" />
      </label>
      <label>Trailing stop (% below best)<input type="number" min="0" max="100" step="any" placeholder="none" value={form.trailingStop} onChange={set('trailingStop')} data-testid="bt-trailing-stop" /></label>
      <MarginFields value={form.margin} onChange={(margin) => setForm({ ...form, margin })} prefix="bt" />
      <div className="full">
        <span className="muted small">Tickers {market ? `of the ${market.name} market (${market.first_date} … ${market.current_date})` : ''}</span>
        <QueryView query={assets}>{(d) => <TickerChips assets={d.assets} chosen={form.tickers} onChange={(tickers) => setForm({ ...form, tickers })} />}</QueryView>
      </div>
      <div className="full pf-form-actions">
        <button type="submit" className="primary" disabled={!body || launch.isPending} data-testid="bt-launch">{launch.isPending ? 'Launching…' : 'Launch backtest'}</button>
        {launch.isSuccess && <span className="muted small" data-testid="bt-launched">Backtest #{launch.data.id} queued.</span>}
        {launch.isError && <span className="pf-inline-error" role="alert" data-testid="bt-error">{launch.error.message}</span>}
      </div>
    </form>
  );
}

export function Backtests() {
  const backtests = useBacktests();
  return (
    <>
      <div className="pf-title"><h1>Backtests</h1></div>
      <div className="pf-grid">
        <Panel title="Launch a backtest" aside="walk-forward: the model only learns from earlier bars" className="wide"><Launcher /></Panel>
        <Panel title="Backtests" aside="progress updates live" className="wide">
          <QueryView query={backtests}>
            {(d) => <DataTable columns={columns} rows={d.backtests} csvName="backtests" testid="backtests" empty="No backtests yet." />}
          </QueryView>
        </Panel>
        <Panel title="Walk-forward windows" aside="each window between the model's refits, traded out of sample, against the benchmark" className="wide">
          <QueryView query={backtests}>{(d) => <Windows backtests={d.backtests} />}</QueryView>
        </Panel>
      </div>
    </>
  );
}
