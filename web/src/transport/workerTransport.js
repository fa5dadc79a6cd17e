// The default transport: the engine in a module Web Worker (src/worker/simulation.worker.js).
// Questions ({ask, …}) go to the worker with an id; its ANSWER {id, reply} settles that question's
// promise and is not delivered to the stream.
import { errorReply, ownText } from './transport.js';

const ANSWER_PREFIX = '{"type":"ANSWER"';
const ERROR_PREFIX = '{"type":"ERROR"';

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
  let nextQuestion = 1;
  const questions = new Map();  // id → resolve

  function settleAll(reply) {
    for (const resolve of questions.values()) resolve(reply);
    questions.clear();
  }

  function fatal(code, message) {
    settleAll(errorReply(code, message));
    onText?.(ownText('ERROR', { code, message, fatal: true }));
  }

  // The engine failed (it aborted, or threw while answering): no ANSWER will come.
  function settleIfFatal(text) {
    const { payload } = JSON.parse(text);
    if (payload?.fatal) settleAll(errorReply(payload.code, payload.message));
  }

  function answer(text) {
    const { id, reply } = JSON.parse(text).payload;
    questions.get(id)?.(reply);
    questions.delete(id);
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
        if (typeof event.data === 'string' && event.data.startsWith(ANSWER_PREFIX)) {
          answer(event.data);
          return;
        }
        if (typeof event.data === 'string' && event.data.startsWith(ERROR_PREFIX)) settleIfFatal(event.data);
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
    ask(question) {
      if (!worker) return Promise.resolve(errorReply('not_connected', 'The simulation engine is not running.'));
      const id = nextQuestion++;
      return new Promise((resolve) => {
        questions.set(id, resolve);
        worker.postMessage({ ...question, id });
      });
    },
    stop() {
      settleAll(errorReply('stopped', 'The simulation engine was stopped before it answered.'));
      clearTimer(loadTimer);
      onText = null;
      worker?.terminate();
      worker = null;
    },
  };
}
