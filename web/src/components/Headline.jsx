// The figures a person glances at over the graph: step, price, how many banks stand and fell.
import { useSimulation } from '../store/simulationStore.js';
import { formatPrice, humanName } from '../format.js';

export function Headline() {
  const state = useSimulation((s) => s.state);
  const metrics = useSimulation((s) => s.metrics);
  if (!state) return null;
  const defaulted = metrics?.defaulted_banks;
  return (
    <div className="headline" data-testid="headline">
      <div className="headline-step">
        <span className="label">Step</span> <b data-testid="timestep">{state.timestep}</b>
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
