// "How the failures began", in the narration panel: the engine's own explanation (Session::why,
// docs/why.md) of the run's first failure that nothing forced (firstFailure.js), asked once per run when
// that failure arrives, shown as the engine wrote it. It replaces a list of bank numbers with the causes
// the engine found by re-running without each one. Scrubbed back before that failure, it is hidden.
import { useEffect, useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { shownState } from '../history/replayView.js';
import { ask } from '../session/connect.js';
import { firstUnforcedFailure } from './firstFailure.js';

export function FirstFailure() {
  const milestones = useSimulation((s) => s.milestones);
  const runId = useSimulation((s) => s.runId);
  const shownStep = useSimulation((s) => shownState(s)?.timestep ?? -1);
  const target = firstUnforcedFailure(milestones);
  const key = target ? `${runId}:${target.bank}:${target.step}` : null;
  const [reply, setReply] = useState(null);  // {key, answer} once asked
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    setReply({ key, answer: null });
    ask({ ask: 'why', bank: target.bank }).then((answer) => { if (live) setReply({ key, answer }); });
    return () => { live = false; };
  }, [key]);  // eslint-disable-line react-hooks/exhaustive-deps -- one question per run and failure
  if (!target || shownStep < target.step || reply?.key !== key) return null;
  const answer = reply.answer;
  return (
    <div className="first-failure" data-testid="first-failure" data-bank={target.bank}>
      <h3>How the failures began</h3>
      {!answer && <p className="muted">Asking the engine why Bank {target.bank} failed…</p>}
      {answer?.error && <p className="muted" data-testid="first-failure-error">The engine could not say why Bank {target.bank} failed: {answer.error.message}</p>}
      {answer?.sentences && <p data-testid="first-failure-text">{answer.sentences.join(' ')}</p>}
    </div>
  );
}
