// What the page could not do as asked (a policy the engine does not have, a run the server refused…),
// shown over the network until the reader dismisses it: never a silent fallback. The sentences come from
// session/addressRun.js through the store.
import { useSimulation } from '../store/simulationStore.js';

export function Notices() {
  const notices = useSimulation((s) => s.notices);
  const dismiss = useSimulation((s) => s.dismissNotices);
  if (!notices.length) return null;
  return (
    <div className="notices" role="alert" data-testid="notices">
      <ul>{notices.map((text) => <li key={text}>{text}</li>)}</ul>
      <button type="button" className="link" data-testid="dismiss-notices" onClick={dismiss}>Dismiss</button>
    </div>
  );
}
