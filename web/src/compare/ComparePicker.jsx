// "Compare…": choose the one difference world B gets, and open the comparison of the run on screen
// (world A) with it. The comparison is an address (compare/compareAddress.js), so it opens as a new page.
import { useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { sharedSetting } from '../session/urlSync.js';
import { comparisonSearch } from './compareAddress.js';
import { defaultInterventionStep, pickerOptions, withStep } from './comparePicker.js';

export function ComparePicker() {
  const status = useSimulation((s) => s.status);
  const catalogue = useSimulation((s) => s.catalogue);
  const runParameters = useSimulation((s) => s.runParameters);
  const selectedBank = useSimulation((s) => s.selectedBank);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [step, setStep] = useState('');
  const options = pickerOptions({ status, catalogue, runParameters, selectedBank });
  const picked = options.find((o) => o.id === choice) ?? options[0];
  const intervention = picked?.difference.kind === 'intervention';
  const stepValue = step === '' ? defaultInterventionStep(status?.timestep) : Number(step);

  if (!open) {
    return (
      <button type="button" className="compare-open" data-testid="compare-open" disabled={!status} onClick={() => setOpen(true)}
        title="Run this simulation twice, side by side, differing in one choice">Compare…</button>
    );
  }
  const groups = [...new Set(options.map((o) => o.group))];
  const go = () => {
    if (!picked || !(stepValue >= 1)) return;
    const search = comparisonSearch(location.search, sharedSetting({ status, runParameters, catalogue }), withStep(picked.difference, stepValue));
    location.assign(`${location.pathname}${search}${location.hash}`);
  };
  return (
    <form className="compare-picker" data-testid="compare-picker" onSubmit={(e) => { e.preventDefault(); go(); }}>
      <label>
        <span>World B: this run, but…</span>
        <select data-testid="compare-choice" value={picked?.id ?? ''} onChange={(e) => setChoice(e.target.value)}>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {options.filter((o) => o.group === g).map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      {intervention && (
        <label>
          <span>in step</span>
          <input data-testid="compare-step-input" inputMode="numeric" value={step === '' ? String(stepValue) : step}
            onChange={(e) => setStep(e.target.value.replace(/[^0-9]/g, ''))} />
        </label>
      )}
      <p className="muted small">Both worlds start from the same seed, network and shock, and play in step.
        {selectedBank === null ? ' Select a bank to offer interventions on it.' : ''}</p>
      <div className="compare-picker-actions">
        <button type="submit" className="primary" data-testid="compare-go" disabled={!picked}>Compare side by side</button>
        <button type="button" className="link" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
