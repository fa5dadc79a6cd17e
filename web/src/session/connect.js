// Starts the page's simulation connection: chooses the transport (worker, or a finsim-server when
// the page is served by one or ?server= names one), batches its messages into the store, and keeps
// the current transport for the controls. Effects live here, not in components.
import { chooseTransport } from '../transport/serverDetect.js';
import { createWorkerTransport } from '../transport/workerTransport.js';
import { createWebSocketTransport } from '../transport/webSocketTransport.js';
import { createMessageBatcher } from '../store/messageBatcher.js';
import { resetConfigFromUrl } from '../url/urlState.js';
import { keptParameters } from './replayConfig.js';

let current = null;
let generation = 0;  // a connect() superseded while it probes must not start its transport

/** Sends a control through the current transport ({control:'play'}, {control:'reset', config}, …). */
export function sendCommand(command) {
  current?.transport.send(command);
}

export function currentTransportKind() {
  return current?.transport.kind ?? null;
}

function startTransport({ transport, store, onFirstReady }) {
  const batcher = createMessageBatcher((texts) => store.getState().receiveTexts(texts));
  let readySeen = false;
  transport.start((text) => {
    if (!readySeen && text.startsWith('{"type":"READY"')) {
      readySeen = true;
      batcher.push(text);
      onFirstReady?.(transport);
      return;
    }
    batcher.push(text);
  });
  return batcher;
}

// A server that publishes no catalogue still needs the scenario and policy menus: a short-lived
// worker supplies the engine's own catalogue (same engine, same names).
function catalogueFromWorker(store) {
  const worker = createWorkerTransport();
  worker.start((text) => {
    if (text.startsWith('{"type":"READY"')) {
      store.getState().receiveTexts([text]);
      worker.stop();
    }
  });
}

/**
 * Connects according to the URL parameters (`params` from parseUrlState). In worker mode the first
 * reset comes from the URL (scenario, seed, policy, banks, lender_of_last_resort), then speed and
 * autoplay; in server mode the page joins the shared session as it is.
 */
export async function connect({ store, params, pageUrl = location.href, fetchImpl }) {
  disconnect();
  const mine = generation;
  store.getState().resetModel();
  const choice = await chooseTransport({ params, pageUrl, fetchImpl });
  if (mine !== generation) return null;
  let transport;
  if (choice.kind === 'server') {
    transport = createWebSocketTransport({ baseUrl: choice.baseUrl, session: choice.session });
  } else {
    transport = createWorkerTransport();
  }
  store.getState().setTransportKind(choice.kind, choice.baseUrl);
  current = { transport };
  current.batcher = startTransport({
    transport,
    store,
    onFirstReady: (t) => {
      const config = resetConfigFromUrl(params);
      store.getState().setRunParameters(keptParameters(null, config));  // later resets keep what the URL set
      t.send({ control: 'reset', config });
      if (params.speed !== undefined) t.send({ control: 'speed', steps_per_second: params.speed });
      if (params.autoplay) t.send({ control: 'play' });
    },
  });
  if (choice.kind === 'server') {
    setTimeout(() => { if (!store.getState().catalogue) catalogueFromWorker(store); }, 1500);
  }
  return choice;
}

export function disconnect() {
  generation++;
  current?.transport.stop();
  current = null;
}
