// Starts (in the browser) or joins (on a server) the run the page's address names: sends the controls
// of session/addressRun.js through the connection's transport, one after another's answer, and files
// in the store every notice about what it could not honour. A reset the engine refuses is said aloud;
// in the browser the page then starts the engine's default run, so it is never left without one.
import { planAddressRun, refusedNotice, sameRun } from './addressRun.js';
import { keptParameters } from './replayConfig.js';

/** The store's state once `predicate` holds of it (now, or at a later change). */
export function stateWhen(store, predicate) {
  const now = store.getState();
  if (predicate(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const stop = store.subscribe((state) => {
      if (!predicate(state)) return;
      stop();
      resolve(state);
    });
  });
}

function parseOwn(text) {
  if (!text.startsWith('{"type":"ERROR"') && !text.startsWith('{"type":"STATUS"')) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// The answer to a reset with body `config`: {error} when refused, {status} once a status reports that
// run at timestep 0 (a server's other STATUS messages, such as a viewer count, are not the answer).
function resetAnswer(listen, config) {
  return new Promise((resolve) => {
    const stop = listen((text) => {
      const message = parseOwn(text);
      const payload = message?.payload;
      if (message?.type === 'ERROR' && payload?.control === 'reset') {
        stop();
        resolve({ error: payload });
      } else if (message?.type === 'STATUS' && payload?.timestep === 0 && sameRun(payload, config)) {
        stop();
        resolve({ status: payload });
      }
    });
  });
}

/**
 * Applies the address `params` (url/urlState.js parseUrlState) to the connection: waits until the store
 * holds the engine's catalogue (and, on a server, the session's status), then sends the plan's controls
 * through `transport`, each after the previous one's answer. `listen(fn)` calls fn with every message
 * text the transport delivers and returns the function that stops it. Stops as soon as `isCurrent()` is
 * false (a newer connection replaced this one). Sets the parameters the page keeps across its resets.
 */
export async function applyAddress({ store, params, transport, listen, isCurrent = () => true }) {
  const mode = transport.kind;
  const known = await stateWhen(store, (s) => s.catalogue && (mode === 'worker' || s.status));
  if (!isCurrent()) return;
  const plan = planAddressRun({ params, catalogue: known.catalogue, mode, status: mode === 'server' ? known.status : null });
  store.getState().setRunParameters(keptParameters(null, plan.config));
  store.getState().addNotices(plan.notices);
  for (const command of plan.commands) {
    if (!isCurrent()) return;
    if (command.control !== 'reset') {
      await transport.send(command);
      continue;
    }
    const answer = resetAnswer(listen, command.config);
    await transport.send(command);
    const { error } = await answer;
    if (!error || !isCurrent()) continue;
    store.getState().addNotices([refusedNotice(error, mode)]);
    if (mode === 'server') return;  // the session goes on as it was: nothing else of the address applies
    store.getState().setRunParameters({});
    await transport.send({ control: 'reset', config: {} });
  }
}
