// The comparison's timeline: one slider, ‹ ›, ← →, a replay at 0.25×–4× and Live, scrubbing both worlds
// together (compare/comparisonReplay.js) with the one-world page's own row (components/Scrubber.jsx,
// TimelineBar). Its ticks mark the steps in which banks failed (red) or the price dropped (amber) in
// either world.
import { useDeferredValue, useMemo } from 'react';
import { useStore } from 'zustand';
import { TimelineBar } from '../components/Scrubber.jsx';
import { newestStep } from '../history/replayView.js';
import { comparisonFirstStep, comparisonReplaying, goLiveComparison, showComparisonStep, stepComparisonBy } from './comparisonReplay.js';
import { mergedStepCounts } from './comparisonEvents.js';

/** The timeline's view of a comparison's `worlds`, re-read whenever either world's view changes. */
function useComparisonTimeline(worlds) {
  const [a, b] = worlds;
  const newestA = useStore(a.view.store, newestStep);
  const newestB = useStore(b.view.store, newestStep);
  const replayed = useStore(a.view.store, (s) => s.replay?.timestep ?? null);
  const countsA = useStore(a.view.store, (s) => s.stepCounts);
  const countsB = useStore(b.view.store, (s) => s.stepCounts);
  const stepCounts = useDeferredValue(useMemo(() => mergedStepCounts(countsA, countsB), [countsA, countsB]));
  const newest = newestA === null || newestB === null ? null : Math.min(newestA, newestB);
  const first = newest === null ? null : comparisonFirstStep(worlds);
  return { newest, first, shown: replayed ?? newest, replaying: replayed !== null, stepCounts };
}

export function CompareTimeline({ worlds }) {
  const { newest, first, shown, replaying, stepCounts } = useComparisonTimeline(worlds);
  const moves = useMemo(() => ({
    show: (step) => showComparisonStep(worlds, step),
    by: (direction) => stepComparisonBy(worlds, direction),
    first: () => showComparisonStep(worlds, comparisonFirstStep(worlds) ?? 0),
    live: () => goLiveComparison(worlds),
    replaying: () => comparisonReplaying(worlds),
  }), [worlds]);
  return (
    <TimelineBar ready={newest !== null && first !== null} first={first} newest={newest} shown={shown} replaying={replaying}
      stepCounts={stepCounts} moves={moves} label="Timeline of both worlds" className="compare-timeline" />
  );
}
