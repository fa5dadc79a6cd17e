// The differences the "Compare…" control offers for the run on screen (pure): the what-if switches
// flipped, another base policy, the lender of last resort flipped, and interventions in world B (a price
// shock; with a bank selected, its default, hoarding or a cash injection). Each is one difference
// (compare/compareSpec.js); an intervention's step is the reader's choice, filled in by withStep.
import { formatPolicyName, parsePolicyName, POLICY_MODIFIERS, withModifier } from '../policy/policyName.js';
import { runParameter } from '../session/runParameter.js';
import { formatDifference } from './compareSpec.js';
import { humanName } from '../format.js';

const LOLR = 'lender_of_last_resort';
export const PRICE_SHOCK_SHARE = 0.1;
export const INJECTION_AMOUNT = 50;

function option(group, label, difference) {
  return { id: formatDifference(difference.kind === 'intervention' ? { ...difference, step: 1 } : difference), group, label, difference };
}

/**
 * The choices for the run `status` shows: [{id, group, label, difference}] in the order shown. An
 * intervention's difference has step 1 as a placeholder (withStep sets the reader's step).
 */
export function pickerOptions({ status, catalogue, runParameters = {}, selectedBank = null }) {
  if (!status) return [];
  const out = [];
  const policy = parsePolicyName(status.policy);
  if (policy) {
    for (const m of POLICY_MODIFIERS) {
      const on = policy.modifiers.includes(m.name);
      const name = withModifier(status.policy, m.name, !on);
      const words = on ? m.label.replace(/^No /, 'With ') : m.label;
      out.push(option('What if…', `${words} (${name})`, { kind: 'policy', policy: name }));
    }
  }
  const lolr = runParameter(LOLR, { status, runParameters, catalogue }) === 1;
  out.push(option('What if…', lolr ? 'Without a lender of last resort' : 'With a lender of last resort',
    { kind: 'param', name: LOLR, value: lolr ? 0 : 1 }));
  for (const base of catalogue?.policies ?? []) {
    if (base === policy?.base) continue;
    const name = formatPolicyName(base, policy?.modifiers ?? []);
    out.push(option('Another policy', `${humanName(base)} (${name})`, { kind: 'policy', policy: name }));
  }
  out.push(option('An intervention in world B', `A ${PRICE_SHOCK_SHARE * 100} % price shock`,
    { kind: 'intervention', control: 'price_shock', share: PRICE_SHOCK_SHARE, step: 1 }));
  if (selectedBank !== null && selectedBank !== undefined) {
    const bank = Number(selectedBank);
    out.push(option('An intervention in world B', `Bank ${bank} forced to default`, { kind: 'intervention', control: 'force_default', bank, step: 1 }));
    out.push(option('An intervention in world B', `Bank ${bank} made to hoard`, { kind: 'intervention', control: 'force_action', bank, action: 'HOARD', step: 1 }));
    out.push(option('An intervention in world B', `${INJECTION_AMOUNT} of cash injected into Bank ${bank}`,
      { kind: 'intervention', control: 'inject_liquidity', bank, amount: INJECTION_AMOUNT, step: 1 }));
  }
  return out;
}

/** The difference with its intervention acting in `step` (a policy or parameter is returned as it is). */
export function withStep(difference, step) {
  return difference.kind === 'intervention' ? { ...difference, step } : difference;
}

/** The step an intervention is offered at by default: the next step, but not before the usual shock (10). */
export function defaultInterventionStep(timestep) {
  return Math.max(10, (timestep ?? 0) + 1);
}
