// Keeps the address in step with the run (scenario, seed, policy with its modifiers, speed, size, the
// lender of last resort when it differs from the scenario's, and the run's interventions: `at=`) so it can be shared and replayed; worker
// mode only (a server session belongs to whoever drives it). A policy trained in this tab exists only
// here, so the address leaves the policy out while it runs (a reload starts the default).
import { formatUrlState } from '../url/urlState.js';
import { parsePolicyName } from '../policy/policyName.js';
import { sharedParameters } from './runParameter.js';
import { TRAINED_POLICY } from '../worker/trainingHost.js';
import { statusControls } from '../url/runControls.js';

/** The simulation setting the address shows for the store's state (urlState.js SIM_KEYS). */
export function sharedSetting({ status, runParameters, catalogue }) {
  const { scenario, seed, policy, speed, banks } = status;
  const shared = parsePolicyName(policy)?.base === TRAINED_POLICY ? undefined : policy;
  const at = statusControls(status);
  return { scenario, seed, policy: shared, speed, banks, ...(at.length ? { at } : {}),
    ...sharedParameters({ status, runParameters, catalogue }) };
}

export function startUrlSync(store) {
  return store.subscribe((s, previous) => {
    if (s.status === previous.status || !s.status || s.transportKind !== 'worker') return;
    const search = formatUrlState(location.search, sharedSetting(s));
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  });
}
