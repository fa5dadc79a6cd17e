// The figures a person glances at over the graph: step, price, how many banks stand and fell — of the
// step on screen (a replayed one says so). With `showPolicy` (the embed, which has no settings panel) it
// also names the policy the engine runs, as the engine's status reports it. After a policy switch (a
// `policy` control, a branch) it says, on every page, which policy the banks follow in the step on screen:
// the STATE_UPDATE's `current_policy`, which the engine sends only while it differs from the run's. The
// graph is fitted around it (graph/viewportFit.js), so it never hides a bank.
// The words are headlineFacts.js's, which a recorded clip's headline band shares.
import { useShallow } from 'zustand/react/shallow';
import { useSimulation } from '../store/simulationStore.js';
import { headlineFacts, headlineInputs } from './headlineFacts.js';

/** The test id of each fact's element, as the tests and the end-to-end tests know them. */
const TEST_IDS = { policy: 'headline-policy', 'current-policy': 'headline-current-policy', defaults: 'defaults' };

function Fact({ fact }) {
  if (fact.key === 'step') {
    return (
      <div className="headline-step" data-fact="step">
        <span className="label">{fact.label}</span> <b data-testid="timestep">{fact.value}</b>
        {fact.replay && <span className="replay-tag">replay</span>}
      </div>
    );
  }
  const value = fact.key === 'price' ? <b>{fact.value}</b> : fact.value;
  return (
    <div className={fact.tone} data-fact={fact.key} data-testid={TEST_IDS[fact.key]} data-policy={fact.policy}>
      {fact.label && <><span className="label">{fact.label}</span> </>}{value}
      {fact.detail && <span className="label"> · {fact.detail}</span>}
    </div>
  );
}

export function Headline({ showPolicy = false }) {
  const inputs = useSimulation(useShallow(headlineInputs));
  const facts = headlineFacts(inputs, { showPolicy });
  if (!facts) return null;
  return (
    <div className="headline" data-testid="headline">
      {facts.map((fact) => <Fact key={fact.key} fact={fact} />)}
    </div>
  );
}
