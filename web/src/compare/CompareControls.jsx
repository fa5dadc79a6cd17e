// The one clock's controls: play / pause, one step, reset both worlds, and the speed (not in the embed's
// compact bar). They act on the lockstep clock (compare/lockstep.js), never on one world alone.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { SPEEDS } from '../components/RunSettings.jsx';
import { comparisonReplaying, goLiveComparison } from './comparisonReplay.js';

/**
 * Play (the button, space) pauses a playing clock; otherwise it plays both worlds, and when they show a
 * replayed step it first goes back to live in both, as the replay badge's "Back to live" does: what
 * plays is what is on screen, never two runs advancing under frozen graphs.
 */
export function playOrPause(comparison) {
  const clock = comparison.clock;
  if (!clock) return;
  if (clock.state().playing) {
    clock.pause();
    return;
  }
  if (comparisonReplaying(comparison.worlds)) goLiveComparison(comparison.worlds);
  clock.play();
}

/** Step advances both worlds one step; from a replayed step it first goes back to live in both, as Play does. */
export function stepBoth(comparison) {
  if (!comparison.clock) return;
  if (comparisonReplaying(comparison.worlds)) goLiveComparison(comparison.worlds);
  comparison.clock.step();
}

export function CompareControls({ comparison, compact = false }) {
  const clock = useStore(comparison.control, (s) => s.clock);
  const ready = useStore(comparison.control, (s) => s.ready);
  const playing = clock.playing;
  const busy = clock.runningTo !== null;
  useEffect(() => {
    const onKey = (e) => {
      if (e.code !== 'Space' || /INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName) || !comparison.clock) return;
      e.preventDefault();
      playOrPause(comparison);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [comparison]);
  return (
    <div className={`playback ${compact ? 'compact' : ''}`} role="group" aria-label="Playback of both worlds">
      <button type="button" className="primary" data-testid="compare-play" disabled={!ready}
        onClick={() => playOrPause(comparison)}
        title={playing ? 'Pause both worlds (space)' : 'Play both worlds in step (space)'}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" data-testid="compare-step" disabled={!ready || playing || busy}
        onClick={() => stepBoth(comparison)} title="Advance both worlds one timestep">Step ›</button>
      <button type="button" data-testid="compare-reset" disabled={!ready}
        onClick={() => comparison.resetBoth()} title="Rebuild both worlds and start again">↺ Reset</button>
      {!compact && (
        <label className="compare-speed">
          <span>Speed</span>
          <select data-testid="compare-speed" value={clock.speed} disabled={!ready}
            onChange={(e) => comparison.clock.setSpeed(Number(e.target.value))}>
            {[...new Set([...SPEEDS, clock.speed])].sort((a, b) => a - b)
              .map((v) => <option key={v} value={v}>{v} steps/s</option>)}
          </select>
        </label>
      )}
      {busy && <span className="muted small" data-testid="compare-busy">Running both worlds to step {clock.runningTo}…</span>}
    </div>
  );
}
