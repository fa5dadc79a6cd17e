// The form that creates a fee structure (until now only the API could): a name, a description and
// components of the engine's four kinds, each for buys, sells or both; what it would charge on a sample
// trade is the server's own preview of the schedule as typed. The server validates everything; its
// refusal is shown as it is.
import { useState } from 'react';
import { useCreateFeeStructure, useFeePreview } from '../api/queries.js';
import { useDebounced } from './useDebounced.js';
import { COMPONENT_TYPES, EMPTY_FEE_STRUCTURE, emptyComponent, emptyTier, feeStructureBody, feeStructureProblem } from './feeStructureForm.js';
import { formatMoney, formatShare } from '../../format.js';

function Tiers({ tiers, onChange }) {
  const set = (i, key) => (e) => onChange(tiers.map((t, k) => (k === i ? { ...t, [key]: e.target.value } : t)));
  return (
    <div className="pf-tiers">
      {tiers.map((t, i) => (
        <div key={i} className="pf-tier">
          <label>Up to<input type="number" min="0" step="any" placeholder="no limit" value={t.up_to} onChange={set(i, 'up_to')} /></label>
          <label>Rate (%)<input type="number" min="0" step="any" value={t.rate} onChange={set(i, 'rate')} /></label>
          <label>Flat<input type="number" min="0" step="any" value={t.flat} onChange={set(i, 'flat')} /></label>
          {tiers.length > 1 && <button type="button" className="link" onClick={() => onChange(tiers.filter((_, k) => k !== i))}>remove</button>}
        </div>
      ))}
      <button type="button" className="link" onClick={() => onChange([...tiers, emptyTier()])}>+ tier</button>
    </div>
  );
}

function Component({ c, index, onChange, onRemove }) {
  const set = (key) => (e) => onChange({ ...c, [key]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  return (
    <fieldset className="pf-fee-component-form" data-testid={`fs-component-${index}`}>
      <legend>Component {index + 1}</legend>
      <label>Kind
        <select value={c.type} onChange={set('type')} data-testid={`fs-type-${index}`}>
          {Object.entries(COMPONENT_TYPES).map(([type, t]) => <option key={type} value={type}>{t.label}</option>)}
        </select>
      </label>
      <label>Applies to
        <select value={c.applies_to} onChange={set('applies_to')}>
          <option value="both">buys and sells</option><option value="buy">buys</option><option value="sell">sells</option>
        </select>
      </label>
      <label>Label<input value={c.label} maxLength={60} onChange={set('label')} placeholder="commission" /></label>
      {COMPONENT_TYPES[c.type].fields.map(([key, label]) => (
        <label key={key}>{label}<input type="number" min="0" step="any" value={c[key]} onChange={set(key)} data-testid={`fs-${key}-${index}`} /></label>
      ))}
      {c.type === 'tiered' && (
        <>
          <label className="pf-check"><input type="checkbox" checked={c.marginal} onChange={set('marginal')} /> marginal (each tier's rate on its part of the value)</label>
          <Tiers tiers={c.tiers} onChange={(tiers) => onChange({ ...c, tiers })} />
        </>
      )}
      {onRemove && <button type="button" className="link" onClick={onRemove}>remove component</button>}
    </fieldset>
  );
}

/** The server's fee on a sample $10,000 buy under the schedule as typed (nothing is stored). */
function SamplePreview({ body }) {
  const settled = useDebounced(body);
  const preview = useFeePreview(settled ? { schedule: settled, side: 'buy', quantity: 100, price: 100 } : null);
  if (!body) return null;
  if (preview.isError) return <p className="pf-inline-error" data-testid="fs-preview-error">{preview.error.message}</p>;
  if (!preview.data) return null;
  return (
    <p className="muted small" data-testid="fs-preview">
      On a 100 × 100.00 buy: fee <b>{formatMoney(preview.data.fee)}</b> ({formatShare(preview.data.effective_rate, 3)} of the value)
    </p>
  );
}

export function CreateFeeStructure({ onDone }) {
  const create = useCreateFeeStructure();
  const [form, setForm] = useState(EMPTY_FEE_STRUCTURE);
  const problem = feeStructureProblem(form);
  const body = problem ? null : feeStructureBody(form);
  const setComponent = (i) => (c) => setForm({ ...form, components: form.components.map((x, k) => (k === i ? c : x)) });
  const submit = (e) => {
    e.preventDefault();
    if (!body) return;
    create.mutate(body, { onSuccess: (made) => { setForm(EMPTY_FEE_STRUCTURE); onDone?.(made); } });
  };
  return (
    <form className="pf-form pf-fee-structure-form" onSubmit={submit} data-testid="create-fee-structure">
      <label>Name<input required maxLength={100} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="fs-name" /></label>
      <label>Description<input maxLength={200} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} /></label>
      {form.components.map((c, i) => (
        <Component key={i} c={c} index={i} onChange={setComponent(i)}
          onRemove={form.components.length > 1 ? () => setForm({ ...form, components: form.components.filter((_, k) => k !== i) }) : null} />
      ))}
      <button type="button" className="link" onClick={() => setForm({ ...form, components: [...form.components, emptyComponent()] })} data-testid="fs-add">+ component</button>
      {problem && form.name && <p className="pf-inline-error" role="alert" data-testid="fs-problem">{problem}</p>}
      <SamplePreview body={body} />
      <div className="pf-form-actions">
        <button type="submit" className="primary" disabled={!body || create.isPending} data-testid="fs-submit">
          {create.isPending ? 'Creating…' : 'Create fee structure'}
        </button>
        {create.isError && <span className="pf-inline-error" role="alert" data-testid="fs-error">{create.error.message}</span>}
        {create.isSuccess && <span className="muted small" data-testid="fs-created">Created “{create.data.name}”: choose it for a portfolio, an order or the comparison.</span>}
      </div>
    </form>
  );
}
