// What the headline says, as data: the figures of the step on screen in the page's words, shared by the
// headline over the graph (Headline.jsx) and the headline band of a recorded clip
// (export/frameOverlays.js), so the two cannot say different things. Pure: a store's state in, facts out.
import { formatPrice, humanName } from '../format.js';
import { shownMetrics, shownState } from '../history/replayView.js';
import { policyWords } from '../policy/policyName.js';

/**
 * @typedef {{key: string, label?: string, value: string, replay?: boolean, policy?: string,
 *   detail?: string, tone?: 'good'|'bad'}} HeadlineFact
 * `label` is the small caption before the value ("Step"); `replay` marks a replayed step; `policy` is the
 * engine's policy name behind the words; `detail` follows the value ("97 standing"); `tone` colours it.
 */

/**
 * What the headline reads from a simulation store's state: the step on screen and the run's status. A
 * store without a replay (a Compare world's) is live: `replay` absent counts as null.
 */
export function headlineInputs(s) {
  return { state: shownState(s), metrics: shownMetrics(s), policy: s.status?.policy, replaying: Boolean(s.replay) };
}

/**
 * The headline's facts, in order, for the STATE_UPDATE `state` on screen and its `metrics`; null before
 * the first snapshot. The run's `policy` (the status's) is named only with `showPolicy`; the policy the
 * banks follow after a switch (`state.current_policy`, sent only while it differs) always is. Only
 * fields the engine sent are told: no failures line without `defaulted_banks`.
 */
export function headlineFacts({ state, metrics, policy, replaying = false }, { showPolicy = false } = {}) {
  if (!state) return null;
  const facts = [
    { key: 'step', label: 'Step', value: String(state.timestep), replay: Boolean(replaying) },
    { key: 'scenario', label: 'Scenario', value: humanName(state.scenario) },
  ];
  if (showPolicy && policy) facts.push({ key: 'policy', label: 'Policy', value: policyWords(policy), policy });
  if (state.current_policy) {
    facts.push({ key: 'current-policy', label: 'Banks now follow', value: policyWords(state.current_policy), policy: state.current_policy });
  }
  facts.push({ key: 'price', label: 'Asset price', value: formatPrice(state.asset_price) });
  const defaulted = metrics?.defaulted_banks;
  if (defaulted !== undefined) {
    const failed = defaulted === 0 ? 'No bank has failed' : `${defaulted} ${defaulted === 1 ? 'bank has' : 'banks have'} failed`;
    const fact = { key: 'defaults', value: failed, tone: defaulted > 0 ? 'bad' : 'good' };
    if (metrics.active_banks !== undefined) fact.detail = `${metrics.active_banks} standing`;
    facts.push(fact);
  }
  return facts;
}
