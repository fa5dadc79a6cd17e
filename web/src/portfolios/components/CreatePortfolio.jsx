// The form that opens a live portfolio: name, initial capital, fee structure, model tag. The server
// validates everything; its refusal is shown as it is.
import { useState } from 'react';
import { useCreatePortfolio } from '../api/queries.js';
import { FeeStructureSelect } from './FeeStructureSelect.jsx';
import { go } from '../PortfolioNav.jsx';

const MODELS = ['manual', 'linear', 'cnn', 'xgboost', 'llm', 'momentum'];

export function CreatePortfolio({ onDone }) {
  const create = useCreatePortfolio();
  const [form, setForm] = useState({ name: '', capital: '100000', fee: 'zero', model: 'manual' });
  const set = (key) => (e) => setForm({ ...form, [key]: e.target.value });
  const submit = (e) => {
    e.preventDefault();
    create.mutate({ name: form.name.trim(), initial_capital: Number(form.capital), fee_structure: form.fee, model: form.model }, {
      onSuccess: (portfolio) => { onDone?.(); go('portfolio', portfolio.id); },
    });
  };
  return (
    <form className="pf-form" onSubmit={submit} data-testid="create-portfolio">
      <label>Name<input required maxLength={100} value={form.name} onChange={set('name')} data-testid="cp-name" /></label>
      <label>Initial capital<input required type="number" min="0" step="any" value={form.capital} onChange={set('capital')} data-testid="cp-capital" /></label>
      <label>Fee structure
        <FeeStructureSelect value={form.fee} onChange={(fee) => setForm({ ...form, fee })} testid="cp-fee" />
      </label>
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
