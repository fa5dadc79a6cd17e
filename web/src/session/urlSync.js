// Keeps the address in step with the run (scenario, seed, policy, speed, size) so it can be shared
// and replayed; worker mode only (a server session belongs to whoever drives it).
import { formatUrlState } from '../url/urlState.js';

export function startUrlSync(store) {
  return store.subscribe((s, previous) => {
    if (s.status === previous.status || !s.status || s.transportKind !== 'worker') return;
    const { scenario, seed, policy, speed, banks } = s.status;
    const search = formatUrlState(location.search, { scenario, seed, policy, speed, banks });
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  });
}
