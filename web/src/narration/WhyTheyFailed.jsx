// Why the banks failed, in the narration panel: for the step where the failures began and for the latest
// step with failures up to the one on screen (stepFailures.js), each failure nothing forced is explained
// by the engine's own sentences (Session::why, docs/why.md), trigger first — a bank whose failure the
// engine names among another's causes is told before it — and banks the engine gave the same causes and
// verdicts are told together. What the engine says alike of every bank explained at a step (a sentence
// word for word, the step they were judged at) is said once above them. Forced failures are told as
// forced. At most QUESTIONS_PER_STEP questions a step unless the reader asks for the step's other failures
// too; asked one at a time and kept per (run, bank, horizon) by whyAsker.js; each answer says the step it
// was judged at.
import { Fragment, useEffect, useState, useSyncExternalStore } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { newestStep, shownStep } from '../history/replayView.js';
import { ask } from '../session/connect.js';
import { bankName, forcerName, nameList } from './narrate.js';
import { causalOrder, failuresOfStep, QUESTIONS_PER_STEP, sameVerdicts, sharedTelling, toldSteps } from './stepFailures.js';
import { createWhyAsker } from './whyAsker.js';
import { refusalText } from './whyRefusal.js';

const pageAsker = createWhyAsker({ ask });
/**
 * While the run plays, a step's failures are explained once the run is this many steps past it, and an
 * answer is shown only if judged that late: judged at the failure's own step, "it would still be standing
 * at step t" says little, and it would stay on screen as the run goes on. Paused, at once, at the step reached
 * (the inspector's horizon).
 */
export const SETTLE_STEPS = 3;
/** The engine's first sentences shown at once (the failure, then its first causes); the rest on demand. */
const LEAD_SENTENCES = 3;

const NOTHING_SHARED = { shared: [], horizon: null };

/** `told`: what the step says once above its explanations (sharedTelling), left out here. */
function Explained({ group, answer, asking, told = NOTHING_SHARED }) {
  const [bank, ...alike] = group;
  if (!answer) {
    return <li className="muted" data-testid="why-pending" data-bank={bank}>{asking ? 'Asking' : 'Waiting to ask'} the engine why {bankName(bank)} failed…</li>;
  }
  if (answer.error) {
    return <li className="why-error" data-testid="why-refused" data-bank={bank} data-code={answer.error.code}>{refusalText(answer.error, `The engine could not say why ${bankName(bank)} failed`)}</li>;
  }
  const said = new Set(told.shared);
  const own = answer.sentences.filter((s, i) => i === 0 || !said.has(s));
  return (
    <li data-testid="why-explained" data-bank={bank} data-banks={group.join(' ')} data-horizon={answer.horizon}>
      <span data-testid="why-explained-text">{own.slice(0, LEAD_SENTENCES).join(' ')}</span>
      {own.length > LEAD_SENTENCES && (
        <details className="why-more">
          <summary>{own.length - LEAD_SENTENCES} more from the engine</summary>
          <span data-testid="why-explained-more">{own.slice(LEAD_SENTENCES).join(' ')}</span>
        </details>
      )}
      {alike.length > 0 && <span className="why-alike"> The engine found the same causes and verdicts for {nameList(alike)}.</span>}
      {told.horizon === null && <span className="why-horizon"> (Judged at step {answer.horizon}, the step the run had reached when asked.)</span>}
    </li>
  );
}

function StepFailures({ failures, began, answers, asker, onAskAll }) {
  // Those the narration asked about first keep their places when the reader asks about the rest, which
  // are told after them (each part trigger first), so that no explanation being read moves away.
  const first = failures.asked.slice(0, QUESTIONS_PER_STEP);
  const ordered = [...causalOrder(first, answers), ...causalOrder(failures.asked.slice(QUESTIONS_PER_STEP), answers)];
  const { forced, unasked, step } = failures;
  const groups = sameVerdicts(ordered, answers);
  const shown = groups.map((group) => answers.get(group[0]));
  // Said once only when every answer is in: an answer still to come could differ.
  const told = shown.every(Boolean) ? sharedTelling(shown.filter((a) => !a.error)) : NOTHING_SHARED;
  return (
    <div className="why-step" data-testid="why-step" data-step={step}>
      <h3>{began ? `How the failures began, at step ${step}` : `Why banks failed at step ${step}`}</h3>
      {(told.shared.length > 0 || told.horizon !== null) && (
        <p className="why-shared" data-testid="why-shared" data-horizon={told.horizon ?? ''}>
          {told.shared.length > 0 && (
            <>Of each bank explained below, the engine says: <span data-testid="why-shared-text">{told.shared.map((sentence, i) => (
              <Fragment key={i}>{i > 0 && ' '}<span data-testid="why-shared-sentence">{sentence}</span></Fragment>
            ))}</span>{' '}</>
          )}
          {told.horizon !== null && <span className="why-horizon">Judged at step {told.horizon}, the step the run had reached when asked.</span>}
        </p>
      )}
      <ol>
        {forced.map(({ by, banks }) => (
          <li key={by ?? 'either'} data-testid="why-forced" data-banks={banks.join(' ')} data-by={by ?? ''}>
            {nameList(banks)} {banks.length === 1 ? 'was' : 'were'} forced into default by {forcerName(by)}: a forced
            failure is not explained, it was imposed.
          </li>
        ))}
        {groups.map((group) => (
          <Explained key={group[0]} group={group} answer={answers.get(group[0])} asking={asker.asking(group[0])} told={told} />
        ))}
      </ol>
      {unasked.length > 0 && (
        <p className="muted" data-testid="why-unasked">
          {nameList(unasked)} also failed at this step; the narration asks the engine about {QUESTIONS_PER_STEP} failures
          a step unless asked for more.{' '}
          <button type="button" className="link" data-testid="why-ask-all" onClick={onAskAll}>
            Explain {unasked.length === 1 ? bankName(unasked[0]) : `these ${unasked.length}`} too
          </button>
        </p>
      )}
    </div>
  );
}

/** `asker`: the page's (whyAsker.js over the current transport) unless a test gives another. */
export function WhyTheyFailed({ asker = pageAsker }) {
  const milestones = useSimulation((s) => s.milestones);
  const runId = useSimulation((s) => s.runId);
  const shown = useSimulation((s) => shownStep(s) ?? -1);
  const newest = useSimulation((s) => newestStep(s) ?? -1);
  const paused = useSimulation((s) => s.status?.running === false);
  useSyncExternalStore(asker.subscribe, asker.version);
  // The steps whose every failure the reader asked about, as `${runId}:${step}` (a new run asks anew).
  const [askAll, setAskAll] = useState(() => new Set());
  const limitOf = (t) => (askAll.has(`${runId}:${t}`) ? Infinity : QUESTIONS_PER_STEP);
  const told = toldSteps(milestones, paused ? shown : shown - SETTLE_STEPS).map((t) => failuresOfStep(milestones, t, limitOf(t)));
  // Paused, the answers are judged at the newest step, as the inspector's; playing, at the step reached,
  // at least SETTLE_STEPS past the failure.
  const horizon = paused ? newest : null;
  // The step on screen first, then where the failures began.
  const questions = [...told].reverse().flatMap((f) => f.asked.map((bank) => ({ bank, horizon })));
  const wish = JSON.stringify(questions);
  useEffect(() => { asker.want(runId, newest, questions); }, [asker, runId, newest, wish]);  // eslint-disable-line react-hooks/exhaustive-deps -- `wish` is `questions`
  if (!told.length) return null;
  const firstUnforced = told.find((f) => f.asked.length > 0)?.step;
  const answerOf = (bank, step) => {
    const exact = paused ? asker.answerFor(bank, newest) : null;
    if (exact) return exact;
    const latest = asker.answerFor(bank);
    return latest && (latest.error || latest.horizon >= step + SETTLE_STEPS) ? latest : null;
  };
  return (
    <div className="why-they-failed" data-testid="why-they-failed">
      {told.map((failures) => (
        <StepFailures key={failures.step} failures={failures} began={failures.step === firstUnforced} asker={asker}
          answers={new Map(failures.asked.map((bank) => [bank, answerOf(bank, failures.step)]))}
          onAskAll={() => setAskAll((was) => new Set(was).add(`${runId}:${failures.step}`))} />
      ))}
    </div>
  );
}
