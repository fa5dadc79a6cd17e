import { useSimulation } from '../store/simulationStore.js';
import { sendCommand } from '../session/connect.js';
import { resetRun } from '../session/resetRun.js';

/** Play / pause, step and reset (reset replays the same scenario, seed, policy, size and kept parameters). */
export function PlaybackControls({ compact = false }) {
  const status = useSimulation((s) => s.status);
  const running = !!status?.running;
  return (
    <div className={`playback ${compact ? 'compact' : ''}`} role="group" aria-label="Playback">
      <button type="button" className="primary" data-testid="play-pause"
        onClick={() => sendCommand({ control: running ? 'pause' : 'play' })} disabled={!status}
        title={running ? 'Pause (space)' : 'Play (space)'}>
        {running ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" data-testid="step" onClick={() => sendCommand({ control: 'step' })}
        disabled={!status || running} title="Advance one timestep">Step ›</button>
      {!compact && (
        <button type="button" data-testid="reset" onClick={() => resetRun()} disabled={!status}
          title="Rebuild the network and start again with the same seed">↺ Reset</button>
      )}
    </div>
  );
}
