// "Why did it fail?" for a failed bank: asks the engine (Session::why through the current transport,
// docs/why.md) and shows its answer as the engine wrote it: the sentences, and each cause with the
// verdicts the engine gave it. Nothing is computed here. The answer is about the run up to the step the
// engine names (its horizon); asking again after more steps may give another one. `ask` is the engine
// asked: the page's current transport by default, one world's in the Compare view.
import { useEffect, useRef, useState } from 'react';
import { ask as askPageEngine } from '../session/connect.js';
import { refusalText } from '../narration/whyRefusal.js';

function Verdicts({ cause }) {
  return (
    <span className="why-verdicts">
      {cause.necessary && <span className="why-tag necessary">necessary</span>}
      {cause.sufficient_alone && <span className="why-tag sufficient">sufficient alone</span>}
    </span>
  );
}

function Answer({ answer }) {
  return (
    <div className="why-answer" data-testid="why-answer">
      <ul className="why-sentences" data-testid="why-sentences">
        {answer.sentences.map((sentence, i) => <li key={i}>{sentence}</li>)}
      </ul>
      {answer.causes?.length > 0 && (
        <details className="why-causes">
          <summary>The causes and their verdicts (judged at step {answer.horizon})</summary>
          <ul>
            {answer.causes.map((cause, i) => <li key={i}>{cause.label} <Verdicts cause={cause} /></li>)}
          </ul>
        </details>
      )}
    </div>
  );
}

export function WhyFailed({ bank, ask = askPageEngine }) {
  const [reply, setReply] = useState(null);  // null | 'asking' | the engine's reply
  const live = useRef(true);
  useEffect(() => () => { live.current = false; }, []);
  const asking = reply === 'asking';
  async function askWhy() {
    setReply('asking');
    const answer = await ask({ ask: 'why', bank });
    if (live.current) setReply(answer);
  }
  const answered = reply && !asking;
  return (
    <div className="why" data-testid="why">
      <button type="button" data-testid="why-ask" disabled={asking} onClick={askWhy}>
        {asking ? 'Asking the engine…' : answered ? 'Ask again' : 'Why did it fail?'}
      </button>
      {answered && reply.error && (
        <p className="why-error" role="alert" data-testid="why-error" data-code={reply.error.code}>{refusalText(reply.error, 'The engine could not answer')}</p>
      )}
      {answered && !reply.error && <Answer answer={reply} />}
    </div>
  );
}
