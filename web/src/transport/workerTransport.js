// The default transport: the engine in a module Web Worker (src/worker/simulation.worker.js).
import { ownText } from './transport.js';

export const WORKER_LOAD_TIMEOUT_MS = 20000;

function defaultWorkerFactory() {
  return new Worker(new URL('../worker/simulation.worker.js', import.meta.url), { type: 'module', name: 'finsim-engine' });
}

export function createWorkerTransport({ createWorker = defaultWorkerFactory, loadTimeoutMs = WORKER_LOAD_TIMEOUT_MS,
  setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  let worker = null;
  let onText = null;
  let loadTimer = null;
  let ready = false;

  function fatal(code, message) {
    onText?.(ownText('ERROR', { code, message, fatal: true }));
  }

  return {
    kind: 'worker',
    start(deliver) {
      onText = deliver;
      if (typeof WebAssembly !== 'object' || typeof Worker === 'undefined') {
        fatal('unsupported', 'This browser cannot run the simulation: it needs WebAssembly and Web Workers.');
        return;
      }
      try {
        worker = createWorker();
      } catch (error) {
        fatal('worker_failed', `The simulation worker could not start: ${error?.message ?? error}`);
        return;
      }
      worker.onmessage = (event) => {
        if (!onText) return;
        if (!ready && typeof event.data === 'string' && event.data.startsWith('{"type":"READY"')) {
          ready = true;
          clearTimer(loadTimer);
        }
        onText(event.data);
      };
      worker.onerror = (event) => {
        event?.preventDefault?.();
        fatal('worker_failed', `The simulation worker failed: ${event?.message || 'it could not be loaded'}`);
      };
      worker.onmessageerror = () => fatal('worker_failed', 'A message from the simulation worker could not be read.');
      loadTimer = setTimer(() => {
        if (!ready) fatal('load_timeout', 'The simulation engine did not start in time.');
      }, loadTimeoutMs);
    },
    send(command) {
      worker?.postMessage(command);
    },
    stop() {
      clearTimer(loadTimer);
      onText = null;
      worker?.terminate();
      worker = null;
    },
  };
}
