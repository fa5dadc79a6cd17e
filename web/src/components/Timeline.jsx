// The latest events, newest first, each in a few words; clicking one selects its bank. Scrubbed back
// (history/replayView.js), those of the last steps up to the one on screen (failures and price drops: all up to it).
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { useSimulation } from '../store/simulationStore.js';
import { narrateStep } from '../narration/narrate.js';
import { EventStrip } from './EventStrip.jsx';
import { TIMELINE_FILTERS, visibleEvents } from '../store/timelineFilter.js';

const ICONS = { LEND: '●', HOARD: '◎', FIRE_SALE: '◌', PRICE_DROP: '▼', DEFAULT: '✕' };
const SHOWN = 60;

const EventRow = memo(function EventRow({ event, onSelect }) {
  const text = narrateStep([event]).replace(/\.$/, '');
  return (
    <li className={`ev ev-${event.event_type}`}>
      <button type="button" onClick={() => event.from !== undefined && onSelect(String(event.from))}>
        <span className="ev-icon" aria-hidden="true">{ICONS[event.event_type] ?? '·'}</span>
        <span className="step-tag">t{event.timestamp}</span> {text}
      </button>
    </li>
  );
});

const EventList = memo(function EventList({ timeline, onSelect }) {
  return (
    <ul data-testid="timeline">
      {timeline.slice(0, SHOWN).map((e) => <EventRow key={e.event_id} event={e} onSelect={onSelect} />)}
    </ul>
  );
});

export function Timeline() {
  // Deferred: the list renders in an interruptible background pass, never in the frame that draws
  // the new state on the graph.
  const timeline = useDeferredValue(useSimulation((s) => s.timeline));
  const milestones = useDeferredValue(useSimulation((s) => s.milestones));
  const select = useSimulation((s) => s.selectBank);
  const replay = useSimulation((s) => s.replay);
  const [filter, setFilter] = useState('ALL');
  // Memoised so that the memo'd list re-renders only when its events change.
  const shown = useMemo(() => (replay === null ? visibleEvents({ timeline, milestones }, filter)
    : visibleEvents({ timeline: replay.recentEvents, milestones: milestones.filter((e) => e.timestamp <= replay.timestep) }, filter)),
  [timeline, milestones, filter, replay]);
  return (
    <section className="panel timeline">
      <h2>Events <small>{shown.length ? `latest ${Math.min(SHOWN, shown.length)}` : ''}</small>
        <select className="timeline-filter" data-testid="timeline-filter" aria-label="Show events of type"
          value={filter} onChange={(e) => setFilter(e.target.value)}>
          {TIMELINE_FILTERS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </h2>
      <EventStrip />
      <EventList timeline={shown} onSelect={select} />
    </section>
  );
}
