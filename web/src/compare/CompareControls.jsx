// The one clock's controls: play / pause, one step, reset both worlds, and the speed. They act on the
// lockstep clock (compare/lockstep.js), never on one world alone.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { SPEEDS } from '../components/RunSettings.jsx';

export function CompareControls({ comparison, compact = false }) {
  const clock = useStore(comparison.control, (s) => s.clock);
  const ready = useStore(comparison.control, (s) => s.ready);
  const playing = clock.playing;
  const busy = clock.runningTo !== null;
  useEffect(() => {
    const onKey = (e) => {
      if (e.code !== 'Space' || /INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName) || !comparison.clock) return;
      e.preventDefault();
      if (comparison.clock.state().playing) comparison.clock.pause();
      else comparison.clock.play();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [comparison]);
  return (
    <div className={`playback ${compact ? 'compact' : ''}`} role="group" aria-label="Playback of both worlds">
      <button type="button" className="primary" data-testid="compare-play" disabled={!ready}
        onClick={() => (playing ? comparison.clock.pause() : comparison.clock.play())}
        title={playing ? 'Pause both worlds (space)' : 'Play both worlds in step (space)'}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" data-testid="compare-step" disabled={!ready || playing || busy}
        onClick={() => comparison.clock.step()} title="Advance both worlds one timestep">Step ›</button>
      {!compact && (
        <>
          <button type="button" data-testid="compare-reset" disabled={!ready}
            onClick={() => comparison.resetBoth()} title="Rebuild both worlds and start again">↺ Reset</button>
          <label className="compare-speed">
            <span>Speed</span>
            <select data-testid="compare-speed" value={clock.speed} disabled={!ready}
              onChange={(e) => comparison.clock.setSpeed(Number(e.target.value))}>
              {[...new Set([...SPEEDS, clock.speed])].sort((a, b) => a - b)
                .map((v) => <option key={v} value={v}>{v} steps/s</option>)}
            </select>
          </label>
        </>
      )}
      {busy && <span className="muted small" data-testid="compare-busy">Running both worlds to step {clock.runningTo}…</span>}
    </div>
  );
}
