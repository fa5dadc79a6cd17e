// The Compare view: two worlds side by side (stacked on a phone), one clock, their series overlaid and
// the difference in words. The address holds the whole comparison (compare/compareSpec.js), so the
// view is a page of its own; ?embed=1 keeps the two graphs (each headline naming its policy), the
// controls (play, step, reset), a lesson's title and one line of difference. One
// timeline scrubs both worlds back together (CompareTimeline), a list of both worlds' failures leads to a
// bank and its step (CompareEvents), the legend says how to read both graphs (beside them, not over
// them), Record clip records both graphs side by side and Export CSV saves both worlds' series in one file.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { SimulationStoreContext } from '../store/simulationStore.js';
import { ModeBadge } from '../components/Connection.jsx';
import { comparedValue, worldLabels } from './compareSpec.js';
import { connectComparison, createComparison } from './compareSession.js';
import { LESSON_START_STEP } from './lessons.js';
import { singleWorldSearch } from './compareAddress.js';
import { WorldPane } from './WorldPane.jsx';
import { CompareControls } from './CompareControls.jsx';
import { CompareChart } from './CompareChart.jsx';
import { DifferenceCaption, DifferencePanel } from './DifferencePanel.jsx';
import { LessonsPanel } from './LessonsPanel.jsx';
import { CompareInspector } from './CompareInspector.jsx';
import { linkSelection } from './sharedSelection.js';
import { CompareTimeline } from './CompareTimeline.jsx';
import { goLiveComparison } from './comparisonReplay.js';
import { CompareEvents } from './CompareEvents.jsx';
import { RecordClip } from '../export/RecordClip.jsx';
import { Legend } from '../components/Legend.jsx';
import { ExportComparison } from './ExportComparison.jsx';
import './compare.css';

function prefersReducedMotion() {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

function ComparisonNotices({ control }) {
  const notices = useStore(control, (s) => s.notices);
  if (!notices.length) return null;
  return <div className="compare-notices" role="alert" data-testid="compare-notices">{notices.map((n) => <p key={n}>{n}</p>)}</div>;
}

function useLabels(comparison, difference, lesson) {
  const status = useStore(comparison.worlds[0].view.store, (s) => s.status);
  const catalogue = useStore(comparison.worlds[0].view.store, (s) => s.catalogue);
  const valueA = comparedValue(difference, status, catalogue);
  return useMemo(() => lesson?.labels ?? worldLabels(difference, valueA), [lesson, difference, valueA]);
}

export function CompareApp({ params, difference, lesson = null, startStep = null }) {
  const [comparison] = useState(createComparison);
  useEffect(() => connectComparison(comparison, { params, difference, startStep: lesson ? LESSON_START_STEP : startStep }),
    [comparison, params, difference, lesson, startStep]);
  useEffect(() => linkSelection(comparison.worlds.map((w) => w.store)), [comparison]);
  const labels = useLabels(comparison, difference, lesson);
  const actsAt = difference.kind === 'intervention' ? difference.step : null;
  const effects = params.effects && !prefersReducedMotion();
  const [a, b] = comparison.worlds;
  const goLive = useCallback(() => goLiveComparison(comparison.worlds), [comparison]);
  const worlds = (
    <div className="compare-worlds">
      <WorldPane world={a} label={labels.a} effects={effects} onLive={goLive} showPolicy={params.embed} />
      <WorldPane world={b} label={labels.b} effects={effects} onLive={goLive} showPolicy={params.embed} />
    </div>
  );

  if (params.embed) {
    return (
      <div className="app embed compare-app" data-testid="app" data-embed="1" data-compare="1">
        {worlds}
        <ComparisonNotices control={comparison.control} />
        <div className="embed-bar"><CompareControls comparison={comparison} compact />
          {lesson && <b className="embed-lesson" data-testid="compare-embed-lesson">Lesson {lesson.n}: {lesson.title}</b>}
          <DifferenceCaption worlds={comparison.worlds} labels={labels} actsAt={actsAt} /></div>
      </div>
    );
  }

  const back = `${location.pathname}${singleWorldSearch(location.search, lesson)}${location.hash}`;
  return (
    <div className="app compare-app" data-testid="app" data-compare="1">
      <header className="topbar">
        <div className="brand"><span className="logo" aria-hidden="true">◉</span> FinSim <small>two worlds, one difference</small></div>
        <div className="compare-title" data-testid="compare-title">{lesson ? `Lesson ${lesson.n}: ${lesson.title}` : `Compare: ${labels.a} / ${labels.b}`}</div>
        <div className="topbar-right">
          <SimulationStoreContext.Provider value={a.view.store}><ModeBadge /></SimulationStoreContext.Provider>
          <a className="link" href={back} data-testid="compare-exit">One world</a>
        </div>
      </header>
      <main className="compare-layout">
        <div className="compare-bar"><CompareControls comparison={comparison} />
          <ExportComparison worlds={comparison.worlds} labels={labels} difference={difference} lesson={lesson} />
          <RecordClip panes={[{ graphTestId: 'graph-a', title: `A: ${labels.a}`, store: a.view.store },
            { graphTestId: 'graph-b', title: `B: ${labels.b}`, store: b.view.store }]} /></div>
        <ComparisonNotices control={comparison.control} />
        {lesson && <p className="lesson-watch" data-testid="lesson-watch">{lesson.watch}</p>}
        {worlds}
        <div className="compare-legend"><Legend /></div>
        <CompareTimeline worlds={comparison.worlds} />
        <CompareInspector worlds={comparison.worlds} labels={labels} />
        <div className="compare-bottom">
          <DifferencePanel worlds={comparison.worlds} labels={labels} actsAt={actsAt} lesson={lesson} />
          <CompareChart worlds={comparison.worlds} labels={labels} />
          <div className="compare-side">
            <CompareEvents worlds={comparison.worlds} />
            <LessonsPanel current={lesson} />
          </div>
        </div>
      </main>
    </div>
  );
}
