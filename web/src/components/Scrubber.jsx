// The timeline under the graph: scrub back to any kept step of the run and watch it again, in the page
// (history/replayView.js: no engine call). Back / forward a frame (also ← and →: replayKeys.js), play the
// replay at 0.25× … 4× (history/replayClock.js), Live to return to the newest step, and at a past step
// "Branch from here…" (BranchPanel). Red ticks on the track mark steps in which banks failed, amber ones price drops.
// The row itself (TimelineBar) serves the Compare view's timeline too (compare/CompareTimeline.jsx).
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useSimulation, useSimulationStore } from '../store/simulationStore.js';
import { goLive, isReplaying, newestStep, shownStep, showStep, stepBy } from '../history/replayView.js';
import { REPLAY_RATES, createReplayClock } from '../history/replayClock.js';
import { BranchPanel } from './BranchPanel.jsx';
import { useReplayKeys } from './replayKeys.js';
import './Scrubber.css';

/** Ticks for the steps with failures (red) and price drops (amber), placed along [first, last]. */
const CrisisMarks = memo(function CrisisMarks({ stepCounts, first, last }) {
  const span = Math.max(1, last - first);
  const marks = stepCounts.filter((c) => c.timestep >= first && c.timestep <= last && (c.DEFAULT || c.PRICE_DROP));
  return (
    <div className="scrub-marks" aria-hidden="true">
      {marks.map((c) => (
        <i key={c.timestep} className={c.DEFAULT ? 'mark-default' : 'mark-price'}
          style={{ left: `${((c.timestep - first) / span) * 100}%` }} title={`step ${c.timestep}`} />
      ))}
    </div>
  );
});

/** The replay clock over `moves` (read at each tick), with React state saying whether it plays. */
function useReplayClock(movesRef) {
  const [playing, setPlaying] = useState(false);
  const clockRef = useRef(null);
  useEffect(() => {
    const clock = createReplayClock({
      onTick: () => {
        movesRef.current.by(+1);
        const more = movesRef.current.replaying();
        if (!more) setPlaying(false);
        return more;
      },
    });
    clockRef.current = clock;
    return () => { clock.stop(); clockRef.current = null; };
  }, [movesRef]);
  const pause = useCallback(() => { clockRef.current?.stop(); setPlaying(false); }, []);
  const play = useCallback(() => { clockRef.current?.start(); setPlaying(true); }, []);
  const setRate = useCallback((rate) => clockRef.current?.setRate(rate), []);
  return { playing, play, pause, setRate };
}

/**
 * A timeline's row, whatever it scrubs: one world's run (Scrubber, below) or both worlds of a comparison
 * (compare/CompareTimeline.jsx). It shows steps `first`…`newest`, `shown` on screen (`replaying` when that
 * is a past one), crisis ticks from `stepCounts` ([{timestep, DEFAULT, PRICE_DROP}]); `moves` act on what
 * it scrubs: {show(step), by(±1), first(), live(), replaying() → boolean}. `extra(pause)` renders controls
 * after Live; `children` go below the row. `label` names the section for assistive technology.
 */
export function TimelineBar({ ready, first, newest, shown, replaying, stepCounts, moves, label = 'Timeline of the run',
  className = '', testid = 'scrubber', extra = null, children = null }) {
  const movesRef = useRef(moves);
  movesRef.current = moves;
  const [rate, setRateState] = useState(1);
  const clock = useReplayClock(movesRef);
  useReplayKeys(movesRef, clock.pause);
  // A new run, or going live, ends a replay that was playing.
  useEffect(() => { if (!replaying && clock.playing) clock.pause(); }, [replaying, clock]);
  const onPlay = () => {
    if (clock.playing) { clock.pause(); return; }
    if (!replaying) moves.show(first);
    clock.play();
  };
  const onRate = (value) => { setRateState(value); clock.setRate(value); };
  return (
    <section className={`panel scrubber ${replaying ? 'replaying' : ''} ${className}`} data-testid={testid} aria-label={label}>
      <div className="scrub-row">
        <button type="button" data-testid="scrub-back" title="Back one step (←)" disabled={!ready || shown <= first}
          onClick={() => { clock.pause(); moves.by(-1); }}>‹</button>
        <button type="button" data-testid="replay-play" className={clock.playing ? 'active' : ''} disabled={!ready}
          title={replaying ? 'Play the replay from here' : 'Watch the run again from its first kept step'} onClick={onPlay}>
          {clock.playing ? '❚❚' : '▶'} <span className="scrub-label">Replay</span>
        </button>
        <button type="button" data-testid="scrub-forward" title="Forward one step (→)" disabled={!replaying}
          onClick={() => { clock.pause(); moves.by(+1); }}>›</button>
        <div className="scrub-track">
          {ready && <CrisisMarks stepCounts={stepCounts} first={first} last={newest} />}
          <input type="range" data-testid="scrub-range" aria-label="Step shown" min={first ?? 0} max={newest ?? 0} step="1"
            value={shown ?? newest ?? 0} disabled={!ready} onChange={(e) => { clock.pause(); moves.show(Number(e.target.value)); }} />
        </div>
        <span className="scrub-step" data-testid="scrub-step">
          {replaying ? <>Step <b>{shown}</b> of {newest}</> : <>Step <b>{newest ?? '–'}</b></>}
        </span>
        <select data-testid="replay-rate" aria-label="Replay speed" value={rate} onChange={(e) => onRate(Number(e.target.value))}>
          {REPLAY_RATES.map((r) => <option key={r} value={r}>{r}×{r < 1 ? ' slow' : ''}</option>)}
        </select>
        <button type="button" data-testid="go-live" className={replaying ? 'live-button' : 'live-button on'}
          disabled={!replaying} title="Back to the newest step (End)" onClick={() => { clock.pause(); moves.live(); }}>
          {replaying ? 'Live ⇥' : '● Live'}
        </button>
        {extra?.(clock.pause)}
      </div>
      {children}
    </section>
  );
}

/** The one-world page's timeline: TimelineBar over the page's store, with "Branch from here…". */
export function Scrubber() {
  const store = useSimulationStore();
  const newest = useSimulation(newestStep);
  const first = useSimulation((s) => (s.state ? s.frames.firstStep() : null));
  const shown = useSimulation(shownStep);
  const replaying = useSimulation(isReplaying);
  const stepCounts = useDeferredValue(useSimulation((s) => s.stepCounts));
  const connected = useSimulation((s) => s.status !== null);
  const [branching, setBranching] = useState(false);
  const [branchNote, setBranchNote] = useState(null);  // {tone, text}: what the last branch did
  useEffect(() => { if (!replaying) setBranching(false); }, [replaying]);
  const runId = useSimulation((s) => s.runId);
  useEffect(() => setBranchNote(null), [runId]);
  const moves = useMemo(() => ({
    show: (step) => showStep(store, step),
    by: (direction) => stepBy(store, direction),
    first: () => showStep(store, store.getState().frames.firstStep() ?? 0),
    live: () => goLive(store),
    replaying: () => isReplaying(store.getState()),
  }), [store]);

  // Rendered before the first snapshot too (disabled), so the graph's stage keeps its size when it arrives.
  const ready = newest !== null && first !== null;
  const branchButton = (pause) => (
    <button type="button" data-testid="branch-open" disabled={!replaying || !connected}
      title="Change one choice at this step and run on from it" onClick={() => { pause(); setBranching((b) => !b); }}>
      Branch from here…
    </button>
  );
  return (
    <TimelineBar ready={ready} first={first} newest={newest} shown={shown} replaying={replaying} stepCounts={stepCounts}
      moves={moves} extra={branchButton}>
      {(branchNote || (branching && replaying)) && (
        <div className="branch-float">
          {branching && replaying && <BranchPanel step={shown} onClose={() => setBranching(false)} onOutcome={setBranchNote} />}
          {branchNote && (
            <p className={`branch-message ${branchNote.tone}`} role="status" data-testid="branch-message">
              {branchNote.text}
              <button type="button" className="link" aria-label="Dismiss" onClick={() => setBranchNote(null)}>×</button>
            </p>
          )}
        </div>
      )}
    </TimelineBar>
  );
}

/** The replay's amber frame alone, for a stage that places its badge itself (ReplayBadge framed={false}). */
export function ReplayFrame() {
  const replaying = useSimulation(isReplaying);
  return replaying ? <div className="replay-frame" aria-hidden="true" /> : null;
}

/**
 * Over the graph while scrubbed back: an amber frame and a badge, so a replay is never taken for live.
 * `onLive`, when given, is what "Back to live" does (a comparison's world goes live with its partner:
 * compare/comparisonReplay.js); by default the store of the context goes live. `framed={false}`: the
 * badge alone (the stage draws ReplayFrame where the frame must go, the badge in a group of its own).
 */
export function ReplayBadge({ onLive = null, framed = true }) {
  const store = useSimulationStore();
  const replaying = useSimulation(isReplaying);
  const shown = useSimulation(shownStep);
  const newest = useSimulation(newestStep);
  if (!replaying) return null;
  return (
    <>
      {framed && <div className="replay-frame" aria-hidden="true" />}
      <div className="replay-badge" data-testid="replay-badge" role="status">
        <span className="replay-word">Replay</span> step {shown} · live is at {newest}
        <button type="button" onClick={() => (onLive ? onLive() : goLive(store))}>Back to live</button>
      </div>
    </>
  );
}
