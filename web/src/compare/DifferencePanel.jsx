// The difference in words, at the step both worlds show — the replayed one when scrubbed back
// (compare/differenceNarration.js), under the lesson's title. A lesson's paragraph on what to watch is
// above the graphs (CompareApp.jsx): read before Play, in view at 1440 × 900.
import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { narrateDifference } from './differenceNarration.js';
import { shownStep } from '../history/replayView.js';

/**
 * The sentences for the step both worlds' views show, or, while that step's metrics are still on their
 * way (a step's METRICS_UPDATE lands after its STATE_UPDATE, and the series are deferred), for the latest
 * step both series hold: the words never blink to "Starting…" between two steps, and the embed's bar
 * keeps its height (its graphs are fitted above it).
 */
export function useDifferenceSentences({ worlds, labels, actsAt }) {
  const seriesA = useDeferredValue(useStore(worlds[0].view.store, (s) => s.series));
  const seriesB = useDeferredValue(useStore(worlds[1].view.store, (s) => s.series));
  const stepA = useStore(worlds[0].view.store, shownStep);
  const stepB = useStore(worlds[1].view.store, shownStep);
  const held = [stepA, stepB, seriesA.at(-1)?.timestep ?? null, seriesB.at(-1)?.timestep ?? null];
  const step = held.some((s) => s === null) ? null : Math.min(...held);
  return useMemo(() => narrateDifference({ seriesA, seriesB, step, labels, actsAt }),
    [seriesA, seriesB, step, labels, actsAt]);
}

export function DifferencePanel({ worlds, labels, actsAt, lesson }) {
  const sentences = useDifferenceSentences({ worlds, labels, actsAt });
  return (
    <section className="panel difference" aria-live="polite">
      <h2>{lesson ? `Lesson ${lesson.n}: ${lesson.title}` : 'The difference'}</h2>
      {sentences.length === 0 && <p className="muted">Starting both worlds…</p>}
      <ul className="difference-text" data-testid="difference">
        {sentences.map((s) => <li key={s.key}>{s.text}</li>)}
      </ul>
    </section>
  );
}

/** One line for the embed view: the failures sentence. */
export function DifferenceCaption({ worlds, labels, actsAt }) {
  const sentences = useDifferenceSentences({ worlds, labels, actsAt });
  return <div className="caption" data-testid="difference">{sentences[0]?.text ?? 'Starting both worlds…'}</div>;
}
