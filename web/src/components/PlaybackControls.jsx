import { useEffect } from 'react';
import { useSimulation, useSimulationStore } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';
import { resetRun } from '../session/resetRun.js';
import { goLive, isReplaying } from '../history/replayView.js';

/**
 * Play (the button, space) pauses a running engine; otherwise it plays, and when the timeline shows a
 * replayed step it first goes back to live, as the replay badge's "Back to live" does: what plays is
 * what is on screen, never a run advancing under a frozen graph. Pause leaves the step on screen alone.
 * `store` is the page's store (its `status` and `replay`); `send` sends a control to the engine.
 */
export function playOrPause(store, send = sendCommand) {
  const s = store.getState();
  if (s.status?.running) {
    send({ control: 'pause' });
    return;
  }
  if (isReplaying(s)) goLive(store);
  send({ control: 'play' });
}

/**
 * Step advances the engine one step; when the timeline shows a replayed step it first goes back to live,
 * as Play does, so the step the engine takes is the one the graph then shows.
 */
export function stepOnce(store, send = sendCommand) {
  if (isReplaying(store.getState())) goLive(store);
  send({ control: 'step' });
}

/** Space plays or pauses the page's run (playOrPause) while mounted, except where a control takes the key. */
export function useSpaceToPlay(store) {
  useEffect(() => {
    const onKey = (e) => {
      if (e.code !== 'Space' || /INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName)) return;
      e.preventDefault();
      playOrPause(store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

/** Play / pause, step and reset (reset replays the same scenario, seed, policy, size and kept parameters). */
export function PlaybackControls({ compact = false }) {
  const store = useSimulationStore();
  const status = useSimulation((s) => s.status);
  const running = !!status?.running;
  return (
    <div className={`playback ${compact ? 'compact' : ''}`} role="group" aria-label="Playback">
      <button type="button" className="primary" data-testid="play-pause"
        onClick={() => playOrPause(store)} disabled={!status}
        title={running ? 'Pause (space)' : 'Play (space)'}>
        {running ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" data-testid="step" onClick={() => stepOnce(store)}
        disabled={!status || running} title="Advance one timestep">Step ›</button>
      {!compact && (
        <button type="button" data-testid="reset" onClick={() => resetRun()} disabled={!status}
          title="Rebuild the network and start again with the same seed">↺ Reset</button>
      )}
    </div>
  );
}
