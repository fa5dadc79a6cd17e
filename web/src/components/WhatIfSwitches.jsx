// What-if switches beside the policy: three modifiers that take one kind of voluntary action away from
// every bank (the policy name gains +no_hoard, +no_fire_sale, +no_lend), and the lender of last resort
// (the lender_of_last_resort parameter). Each change resets the run with everything else kept; the
// engine decides what they mean, the switches show what its status (or the page's last reset) says.
import { useSimulation } from '../store/simulationStore.js';
import { resetRun, resetWithParameter } from '../session/resetRun.js';
import { runParameter } from '../session/runParameter.js';
import { POLICY_MODIFIERS, parsePolicyName, withModifier } from '../policy/policyName.js';

const LOLR = 'lender_of_last_resort';
const LOLR_HINT = 'The central bank lends to a solvent bank short of cash, against collateral, instead of letting it fail (Bagehot 1873).';

export function WhatIfSwitches() {
  const status = useSimulation((s) => s.status);
  const runParameters = useSimulation((s) => s.runParameters);
  const catalogue = useSimulation((s) => s.catalogue);
  const policy = parsePolicyName(status?.policy);
  const lolr = runParameter(LOLR, { status, runParameters, catalogue }) === 1;
  return (
    <fieldset className="what-if" data-testid="what-if">
      <legend>What if…</legend>
      {POLICY_MODIFIERS.map((m) => (
        <label key={m.name} title={m.hint}>
          <input type="checkbox" data-testid={`policy-${m.name}`} disabled={!policy}
            checked={policy?.modifiers.includes(m.name) ?? false}
            onChange={(e) => resetRun({ policy: withModifier(status.policy, m.name, e.target.checked) })} />
          {m.label}
        </label>
      ))}
      <label title={LOLR_HINT}>
        <input type="checkbox" data-testid="lender-of-last-resort" disabled={!status} checked={lolr}
          onChange={(e) => resetWithParameter(LOLR, e.target.checked ? 1 : 0)} />
        Lender of last resort
      </label>
      <p className="what-if-note">
        “No …” stops banks choosing that action (sales forced by payments still happen). The lender of last
        resort lends to solvent banks short of cash, against collateral.
      </p>
    </fieldset>
  );
}
