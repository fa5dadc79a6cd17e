// "Branch from here": at the past step on screen, change one choice and run on (history/branch.js).
// The engine rewinds to the step and applies the change; an engine that cannot rewind changes nothing,
// and the panel says so. When the Compare view has registered itself, the branch can open beside the
// original instead. What happened is told by `onOutcome({tone, text})`: the timeline keeps it on screen
// after the panel closes (a branch that runs on ends the replay, and with it the panel).
import { useState } from 'react';
import { useSimulation, useSimulationStore } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';
import { BRANCH_CHANGES, branchComparison, branchControl, branchFrom, branchOutcomeText, currentCompareOpener,
  describeChange, runRecipe } from '../history/branch.js';
import { formatPolicyName, parsePolicyName, POLICY_MODIFIERS } from '../policy/policyName.js';
import { FORCED_ACTIONS } from './ForceAction.jsx';
import { humanName } from '../format.js';

const SHOCKS = [0.05, 0.1, 0.2, 0.3];

/** The policies a branch may switch to: the catalogue's, and the current one with each modifier. */
function policyChoices(catalogue, current) {
  const parsed = parsePolicyName(current);
  const withModifiers = parsed ? POLICY_MODIFIERS.filter((m) => !parsed.modifiers.includes(m.name))
    .map((m) => ({ value: formatPolicyName(parsed.base, [...parsed.modifiers, m.name]), label: `${humanName(parsed.base)}, ${m.label.toLowerCase()}` })) : [];
  const bases = (catalogue?.policies ?? []).filter((p) => p !== current).map((p) => ({ value: p, label: humanName(p) }));
  return [...withModifiers, ...bases];
}

function ChangeFields({ form, set, policies }) {
  const field = (key) => ({ value: form[key] ?? '', onChange: (e) => set({ [key]: e.target.value }) });
  switch (form.control) {
    case 'policy':
      return (
        <select data-testid="branch-policy" aria-label="Policy from the next step" {...field('policy')}>
          {policies.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
        </select>
      );
    case 'price_shock':
      return (
        <select data-testid="branch-share" aria-label="Price shock size" {...field('share')}>
          {SHOCKS.map((v) => <option key={v} value={v}>−{Math.round(v * 100)} %</option>)}
        </select>
      );
    default:
      return (
        <>
          <label className="branch-bank">Bank <input data-testid="branch-bank" inputMode="numeric" {...field('bank')} /></label>
          {form.control === 'force_action' && (
            <select data-testid="branch-action" aria-label="Action" {...field('action')}>
              {FORCED_ACTIONS.map((a) => <option key={a.action} value={a.action}>{a.label}</option>)}
            </select>
          )}
          {form.control === 'inject_liquidity' && (
            <label className="branch-bank">Amount <input inputMode="decimal" {...field('amount')} /></label>
          )}
        </>
      );
  }
}

export function BranchPanel({ step, onClose, onOutcome, send = sendCommand }) {
  const store = useSimulationStore();
  const catalogue = useSimulation((s) => s.catalogue);
  const policy = useSimulation((s) => s.status?.current_policy ?? s.status?.policy);
  const selected = useSimulation((s) => s.selectedBank);
  const policies = policyChoices(catalogue, policy);
  const [form, setForm] = useState(() => ({ control: 'force_action', policy: policies[0]?.value ?? '',
    bank: selected ?? '', action: 'HOLD', amount: 50, share: 0.1 }));
  const [busy, setBusy] = useState(false);
  const set = (change) => setForm((f) => ({ ...f, ...change }));
  const change = branchControl(form);
  const opener = currentCompareOpener();

  const runOn = async () => {
    setBusy(true);
    onOutcome({ tone: 'muted', text: `Going back to step ${step}…` });
    const outcome = await branchFrom({ store, send, step, change });
    setBusy(false);
    onOutcome({ tone: outcome.ok ? 'good' : 'bad', text: branchOutcomeText(outcome, step, change) });
  };
  const openInCompare = () => {
    const { status, runParameters } = store.getState();
    opener(branchComparison(runRecipe(status, runParameters), step, change));
  };

  return (
    <div className="branch-panel" data-testid="branch-panel">
      <p className="branch-lead">
        <b>Branch from step {step}</b>: change one choice, and the run goes on from there{change ? ` — from step ${step + 1}, ${describeChange(change)}` : ''}.
        The steps after {step} are replaced by the branch's.
      </p>
      <div className="branch-form">
        <select data-testid="branch-change" aria-label="What to change" value={form.control} onChange={(e) => set({ control: e.target.value })}>
          {BRANCH_CHANGES.map((c) => <option key={c.control} value={c.control}>{c.label}</option>)}
        </select>
        <ChangeFields form={form} set={set} policies={policies} />
        <button type="button" className="primary" data-testid="branch-run" disabled={!change || busy} onClick={runOn}>
          Run on from step {step}
        </button>
        {opener && (
          <button type="button" data-testid="branch-compare" disabled={!change || busy} onClick={openInCompare}>
            Compare with the original
          </button>
        )}
        <button type="button" className="link" onClick={onClose}>Cancel</button>
      </div>
    </div>
  );
}
