// The figures a person glances at over the graph: step, price, how many banks stand and fell — of the
// step on screen (a replayed one says so).
import { useSimulation } from '../store/simulationStore.js';
import { formatPrice, humanName } from '../format.js';
import { isReplaying, shownMetrics, shownState } from '../history/replayView.js';

export function Headline() {
  const state = useSimulation(shownState);
  const metrics = useSimulation(shownMetrics);
  const replaying = useSimulation(isReplaying);
  if (!state) return null;
  const defaulted = metrics?.defaulted_banks;
  return (
    <div className="headline" data-testid="headline">
      <div className="headline-step">
        <span className="label">Step</span> <b data-testid="timestep">{state.timestep}</b>
        {replaying && <span className="replay-tag">replay</span>}
      </div>
      <div><span className="label">Scenario</span> {humanName(state.scenario)}</div>
      <div><span className="label">Asset price</span> <b>{formatPrice(state.asset_price)}</b></div>
      {defaulted !== undefined && (
        <div className={defaulted > 0 ? 'bad' : 'good'} data-testid="defaults">
          {defaulted === 0 ? 'No bank has failed' : `${defaulted} ${defaulted === 1 ? 'bank has' : 'banks have'} failed`}
          {metrics?.active_banks !== undefined && <span className="label"> · {metrics.active_banks} standing</span>}
        </div>
      )}
    </div>
  );
}
