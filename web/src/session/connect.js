// Starts the page's simulation connection: chooses the transport (worker, or a finsim-server when
// the page is served by one or ?server= names one), batches its messages into the store, and keeps
// the current transport for the controls. Effects live here, not in components.
import { chooseTransport } from '../transport/serverDetect.js';
import { createWorkerTransport } from '../transport/workerTransport.js';
import { createWebSocketTransport } from '../transport/webSocketTransport.js';
import { createMessageBatcher } from '../store/messageBatcher.js';
import { applyAddress } from './applyAddress.js';
import { errorReply } from '../transport/transport.js';

let current = null;
let generation = 0;  // a connect() superseded while it probes must not start its transport

/** Sends a control through the current transport ({control:'play'}, {control:'reset', config}, …). */
export function sendCommand(command) {
  current?.transport.send(command);
}

/**
 * Asks the current transport a question about the run ({ask:'why', bank}): a Promise of the engine's
 * reply, its answer or {error:{code,message}}; never rejects.
 */
export function ask(question) {
  if (!current) return Promise.resolve(errorReply('not_connected', 'No simulation is connected.'));
  return current.transport.ask(question);
}

export function currentTransportKind() {
  return current?.transport.kind ?? null;
}

// Delivers the transport's message texts to the store (batched) and, as they arrive, to `listeners`.
function startTransport({ transport, store, listeners }) {
  const batcher = createMessageBatcher((texts) => store.getState().receiveTexts(texts));
  transport.start((text) => {
    for (const listener of [...listeners]) listener(text);
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
 * Connects according to the URL parameters (`params` from parseUrlState), then applies the run the
 * address names (session/applyAddress.js): in worker mode the first reset comes from the URL (scenario,
 * seed, policy, banks, lender_of_last_resort), then speed and autoplay; in server mode the page joins the
 * shared session, resetting it first only when it runs another run than the address names. What the
 * page cannot honour becomes a notice in the store.
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
  const listeners = new Set();
  current = { transport };
  current.batcher = startTransport({ transport, store, listeners });
  const listen = (fn) => { listeners.add(fn); return () => listeners.delete(fn); };
  applyAddress({ store, params, transport, listen, isCurrent: () => mine === generation });
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
