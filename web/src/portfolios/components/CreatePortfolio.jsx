// The form that opens a live portfolio: name, market, initial capital, fee structure, slippage model,
// the cap on a fill's share of a bar's volume (for a market with volumes), short selling on margin
// (initial and maintenance margin, borrow fee), model tag. The server
// validates everything; its refusal is shown as it is.
import { useState } from 'react';
import { useCreatePortfolio, useMarkets } from '../api/queries.js';
import { FeeStructureSelect } from './FeeStructureSelect.jsx';
import { go } from '../PortfolioNav.jsx';
import { EMPTY_SLIPPAGE, SLIPPAGE_KINDS, slippageBody } from './slippageModel.js';
import { EMPTY_MARGIN, marginBody } from './marginModel.js';
import { MarginFields } from './MarginFields.jsx';

const MODELS = ['manual', 'linear', 'cnn', 'xgboost', 'llm', 'momentum'];

/** The market and volume cap of a new portfolio's body: a cap only for a market with volumes (the server refuses it otherwise). */
export function portfolioMarket(form, market) {
  const out = {};
  if (market) out.market_id = market.id;
  if (market?.has_volumes && form.participation !== '') out.max_participation = Number(form.participation) / 100;
  return out;
}

export function CreatePortfolio({ onDone }) {
  const create = useCreatePortfolio();
  const [form, setForm] = useState({ name: '', capital: '100000', fee: 'zero', model: 'manual', market: '', participation: '' });
  const markets = useMarkets().data?.markets ?? [];
  const market = markets.find((m) => String(m.id) === form.market) ?? markets.find((m) => m.default) ?? markets[0];
  const [slippage, setSlippage] = useState(EMPTY_SLIPPAGE);
  const [margin, setMargin] = useState(EMPTY_MARGIN);
  const set = (key) => (e) => setForm({ ...form, [key]: e.target.value });
  const setSlip = (key) => (e) => setSlippage({ ...slippage, [key]: e.target.value });
  const param = SLIPPAGE_KINDS.find((m) => m.kind === slippage.kind)?.param;
  const submit = (e) => {
    e.preventDefault();
    create.mutate({ name: form.name.trim(), initial_capital: Number(form.capital), fee_structure: form.fee, model: form.model,
      slippage: slippageBody(slippage), ...portfolioMarket(form, market), ...marginBody(margin) }, {
      onSuccess: (portfolio) => { onDone?.(); go('portfolio', portfolio.id); },
    });
  };
  return (
    <form className="pf-form" onSubmit={submit} data-testid="create-portfolio">
      <label>Name<input required maxLength={100} value={form.name} onChange={set('name')} data-testid="cp-name" /></label>
      {markets.length > 1 && (
        <label>Market
          <select value={market ? String(market.id) : ''} onChange={set('market')} data-testid="cp-market">
            {markets.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
      )}
      <label>Initial capital<input required type="number" min="0.01" step="any" value={form.capital} onChange={set('capital')} data-testid="cp-capital" /></label>
      <label>Fee structure
        <FeeStructureSelect value={form.fee} onChange={(fee) => setForm({ ...form, fee })} testid="cp-fee" />
      </label>
      <label>Slippage
        <select value={slippage.kind} onChange={setSlip('kind')} data-testid="cp-slippage">
          {SLIPPAGE_KINDS.map((m) => <option key={m.kind} value={m.kind}>{m.label}</option>)}
        </select>
      </label>
      {param && (
        <label>{param.label}
          <input required type="number" min="0" step="any" value={slippage[param.key]} onChange={setSlip(param.key)} data-testid="cp-slippage-param" />
        </label>
      )}
      <label>Bid–ask spread (bps)
        <input type="number" min="0" step="any" value={slippage.spread} onChange={setSlip('spread')} data-testid="cp-spread" />
      </label>
      <label title={market && !market.has_volumes ? `the ${market.name} market has no volumes` : undefined}>
        Max share of a bar's volume (%)
        <input type="number" min="0" max="100" step="any" placeholder={market && !market.has_volumes ? 'no volumes in this market' : 'no cap'}
          disabled={Boolean(market) && !market.has_volumes} value={form.participation} onChange={set('participation')} data-testid="cp-participation" />
      </label>
      <MarginFields value={margin} onChange={setMargin} prefix="cp" />
      <label>Model
        <select value={form.model} onChange={set('model')} data-testid="cp-model">
          {MODELS.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </label>
      <div className="pf-form-actions">
        <button type="submit" className="primary" disabled={create.isPending || !form.name.trim()} data-testid="cp-submit">
          {create.isPending ? 'Creating…' : 'Create portfolio'}
        </button>
        {create.isError && <span className="pf-inline-error" role="alert">{create.error.message}</span>}
      </div>
    </form>
  );
}
