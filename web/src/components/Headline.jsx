// The figures a person glances at over the graph: step, price, how many banks stand and fell — of the
// step on screen (a replayed one says so). With `showPolicy` (the embed, which has no settings panel) it
// also names the policy the engine runs, as the engine's status reports it. After a policy switch (a
// `policy` control, a branch) it says, on every page, which policy the banks follow in the step on screen:
// the STATE_UPDATE's `current_policy`, which the engine sends only while it differs from the run's. The
// graph is fitted around it (graph/viewportFit.js), so it never hides a bank.
import { useSimulation } from '../store/simulationStore.js';
import { formatPrice, humanName } from '../format.js';
import { isReplaying, shownMetrics, shownState } from '../history/replayView.js';
import { policyWords } from '../compare/compareSpec.js';

export function Headline({ showPolicy = false }) {
  const state = useSimulation(shownState);
  const policy = useSimulation((s) => s.status?.policy);
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
      {showPolicy && policy && (
        <div data-testid="headline-policy" data-policy={policy}><span className="label">Policy</span> {policyWords(policy)}</div>
      )}
      {state.current_policy && (
        <div data-testid="headline-current-policy" data-policy={state.current_policy}>
          <span className="label">Banks now follow</span> {policyWords(state.current_policy)}
        </div>
      )}
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
