// Both worlds' turning points in one list — each bank's failure and each price drop, with its world and
// step, as the engines sent them — up to the step on screen. Clicking a failure selects that bank in both
// worlds (compare/sharedSelection.js) and moves the timeline to its step (compare/comparisonReplay.js).
import { memo, useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { narrateStep } from '../narration/narrate.js';
import { comparisonShownStep, showComparisonStep } from './comparisonReplay.js';
import { comparisonEvents, EVENTS_SHOWN, failedBank } from './comparisonEvents.js';

const ICONS = { PRICE_DROP: '▼', DEFAULT: '✕' };

const EventLine = memo(function EventLine({ world, event, onFailure }) {
  const bank = failedBank(event);
  const text = narrateStep([event]).replace(/\.$/, '');
  const body = (
    <>
      <b className={`world-${world}-text`}>{world.toUpperCase()}</b>{' '}
      <span className="ev-icon" aria-hidden="true">{ICONS[event.event_type] ?? '·'}</span>
      <span className="step-tag">t{event.timestamp}</span> {text}
    </>
  );
  return (
    <li className={`ev ev-${event.event_type}`} data-testid="compare-event" data-world={world} data-type={event.event_type}
      data-step={event.timestamp} data-bank={bank ?? undefined}>
      {bank === null ? <span>{body}</span> : (
        <button type="button" title={`Show bank ${bank} in both worlds at step ${event.timestamp}`}
          onClick={() => onFailure(bank, event.timestamp)}>{body}</button>
      )}
    </li>
  );
});

export function CompareEvents({ worlds }) {
  const [a, b] = worlds;
  const milestonesA = useDeferredValue(useStore(a.view.store, (s) => s.milestones));
  const milestonesB = useDeferredValue(useStore(b.view.store, (s) => s.milestones));
  // Re-read the step on screen whenever either view changes (a replayed frame, a new step).
  useStore(a.view.store, (s) => s.replay);
  useStore(a.view.store, (s) => s.state);
  useStore(b.view.store, (s) => s.state);
  const upTo = comparisonShownStep(worlds);
  const lines = useMemo(() => (upTo === null ? [] : comparisonEvents({ a: milestonesA, b: milestonesB }, upTo)),
    [milestonesA, milestonesB, upTo]);
  const onFailure = useMemo(() => (bank, step) => {
    a.store.getState().selectBank(bank);  // sharedSelection selects it in world B too
    showComparisonStep(worlds, step);
  }, [a, worlds]);
  return (
    <section className="panel timeline compare-events" data-testid="compare-events">
      <h2>Failures and price drops <small>both worlds, up to step {upTo ?? '–'}</small></h2>
      {lines.length === 0 && <p className="muted small">No bank has failed and the price has not dropped in either world yet.</p>}
      {lines.length >= EVENTS_SHOWN && (
        <p className="muted small" data-testid="compare-events-capped">
          The latest {EVENTS_SHOWN}: scrub the timeline back to see the earlier ones.
        </p>
      )}
      <ul data-testid="compare-event-list">
        {lines.map((l) => <EventLine key={l.key} world={l.world} event={l.event} onFailure={onFailure} />)}
      </ul>
    </section>
  );
}
