// Keeps the address in step with the run (scenario, seed, policy, speed, size) so it can be shared
// and replayed; worker mode only (a server session belongs to whoever drives it). A policy trained in this
// tab exists only here, so the address leaves the policy out while it runs (a reload starts the default).
import { formatUrlState } from '../url/urlState.js';
import { TRAINED_POLICY } from '../worker/trainingHost.js';

export function startUrlSync(store) {
  return store.subscribe((s, previous) => {
    if (s.status === previous.status || !s.status || s.transportKind !== 'worker') return;
    const { scenario, seed, policy, speed, banks } = s.status;
    const shared = policy === TRAINED_POLICY ? undefined : policy;
    const search = formatUrlState(location.search, { scenario, seed, policy: shared, speed, banks });
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  });
}
