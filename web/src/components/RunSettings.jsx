// Scenario, policy (its base; the modifiers are WhatIfSwitches), seed, network size and speed. A change
// resets the run with the other settings kept (the engine decides what they mean; the menus come from
// its catalogue).
import { useEffect, useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';
import { resetRun } from '../session/resetRun.js';
import { formatPolicyName, parsePolicyName } from '../policy/policyName.js';
import { humanName } from '../format.js';
import { WhatIfSwitches } from './WhatIfSwitches.jsx';

export const SPEEDS = [0.5, 1, 2, 5, 10, 20, 50];
export const NETWORK_SIZES = [20, 50, 100, 200, 500, 1000];
const MAX_SEED = 2 ** 53 - 1;

export function RunSettings() {
  const status = useSimulation((s) => s.status);
  const catalogue = useSimulation((s) => s.catalogue);
  const [seedDraft, setSeedDraft] = useState('');
  useEffect(() => { if (status) setSeedDraft(String(status.seed)); }, [status?.seed]);

  const scenarios = catalogue?.scenarios ?? [];
  const policies = catalogue?.policies ?? [];
  const policy = parsePolicyName(status?.policy) ?? { base: status?.policy ?? '', modifiers: [] };
  const disabled = !status;
  const applySeed = () => {
    const seed = Number(seedDraft);
    if (Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED && seed !== status?.seed) resetRun({ seed });
    else if (status) setSeedDraft(String(status.seed));
  };
  const speedIndex = Math.max(0, SPEEDS.findIndex((v) => v >= (status?.speed ?? 2)));

  return (
    <div className="settings">
      <label>
        <span>Scenario</span>
        <select data-testid="scenario" value={status?.scenario ?? ''} disabled={disabled}
          onChange={(e) => resetRun({ scenario: e.target.value })}>
          {scenarios.map((s) => <option key={s.name} value={s.name}>{humanName(s.name)}</option>)}
        </select>
      </label>
      <label>
        <span>Policy</span>
        <select data-testid="policy" value={policy.base} disabled={disabled}
          onChange={(e) => resetRun({ policy: formatPolicyName(e.target.value, policy.modifiers) })}>
          {policies.map((p) => <option key={p} value={p}>{humanName(p)}</option>)}
          {policy.base && !policies.includes(policy.base) && <option value={policy.base}>{humanName(policy.base)}</option>}
        </select>
      </label>
      <WhatIfSwitches />
      <label>
        <span>Seed</span>
        <span className="seed-row">
          <input data-testid="seed" inputMode="numeric" value={seedDraft} disabled={disabled}
            onChange={(e) => setSeedDraft(e.target.value.replace(/[^0-9]/g, ''))}
            onBlur={applySeed} onKeyDown={(e) => { if (e.key === 'Enter') applySeed(); }} />
          <button type="button" title="A new random seed" disabled={disabled} data-testid="random-seed"
            onClick={() => resetRun({ seed: Math.floor(Math.random() * 1e6) })}>Random</button>
        </span>
      </label>
      <label>
        <span>Banks</span>
        <select data-testid="banks" value={status?.banks ?? 100} disabled={disabled}
          onChange={(e) => resetRun({ banks: Number(e.target.value) })}>
          {[...new Set([...NETWORK_SIZES, status?.banks ?? 100])].sort((a, b) => a - b)
            .map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <label className="speed">
        <span>Speed <b data-testid="speed-value">{status ? `${status.speed} steps/s` : ''}</b></span>
        <input type="range" min="0" max={SPEEDS.length - 1} step="1" value={speedIndex} disabled={disabled}
          data-testid="speed" aria-label="Steps per second"
          onChange={(e) => sendCommand({ control: 'speed', steps_per_second: SPEEDS[Number(e.target.value)] })} />
      </label>
    </div>
  );
}
