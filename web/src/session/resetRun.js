// The resets the page's controls send: the current run replayed with one change. The settings menus,
// the what-if switches, the reset button and "watch the trained banks" all reset through replayConfig,
// so the parameters the page keeps (replayConfig.js) survive every one of them.
import { simulationStore } from '../store/simulationStore.js';
import { sendCommand } from './connect.js';
import { replayConfig } from './replayConfig.js';

/** Resets to the current run with `change` applied over it ({} replays the run as it is). */
export function resetRun(change = {}, store = simulationStore) {
  const { status, runParameters } = store.getState();
  sendCommand({ control: 'reset', config: { ...replayConfig(status, runParameters), ...change } });
}

/**
 * Sets kept parameter `name` (lender_of_last_resort) to `value` for this reset and the page's later
 * ones, and resets the run with it.
 */
export function resetWithParameter(name, value, store = simulationStore) {
  store.getState().setRunParameters({ ...store.getState().runParameters, [name]: value });
  resetRun({ [name]: value }, store);
}
