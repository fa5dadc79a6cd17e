// The simulation host: what the Web Worker does, independent of the Worker API so that Node tests
// (scripts/determinism.mjs, Vitest) drive the same code with the real WASM module or a fake.
//
// It owns one engine Session (wasm/src/session_bindings.cpp), runs the step loop on a timer while the
// session is running (one timestep per 1/speed seconds, never blocking: each tick does one step and
// yields), and posts every contract message as the exact JSON text the engine wrote. Its own messages
// use the same envelope: STATUS (the session status after every control) and ERROR (a control
// refused, or a fatal failure with payload.fatal = true); the worker adds READY (docs/web.md).
//
// Commands mirror the REST controls: {control:"play"}, {control:"reset", config:{…}},
// {control:"speed", steps_per_second:5}, {control:"force_default", bank:3}, … The body sent to the
// engine is the command without `control` (for reset: `config`).
//
// Questions about the run ({ask:"why", id, bank}: Session::why, docs/why.md) are answered with one
// ANSWER {id, reply} text, reply being the engine's JSON or its {"error":{code,message}}. A question
// changes nothing: no STATUS, no stream message, the step loop keeps its cadence (ask()). The engine's
// `why` is held to the server's bounds on an explanation (wasm/src/session_bindings.cpp: the run at most
// 200,000 banks × steps, its replays at most 2,000,000 in all; beyond, analysis_too_large), so that one
// question on a 1,000-bank run holds this thread, and the run's next step, for at most about a second.

import { commandBody, ownText } from '../transport/transport.js';

/** The questions a session answers (its const methods taking a JSON body; wasm/src/session_bindings.cpp). */
export const QUESTIONS = new Set(['why']);

/** Splits the engine's NDJSON batch into message texts. */
export function splitMessages(ndjson) {
  return ndjson === '' ? [] : ndjson.split('\n');
}

/**
 * @param {object} deps
 * @param {object} deps.module   the instantiated WASM module (Session, catalogue, engineInfo)
 * @param {(text: string) => void} deps.post   posts one message text to the page
 * @param {(fn: Function, ms: number) => any} [deps.setTimer]
 * @param {(handle: any) => void} [deps.clearTimer]
 * @param {() => number} [deps.now]   milliseconds
 */
export function createSimulationHost({ module, post, setTimer = setTimeout, clearTimer = clearTimeout,
  now = () => performance.now() }) {
  let session = new module.Session();
  let timer = null;
  let nextDue = 0;
  let dead = false;

  const postBatch = (ndjson) => { for (const text of splitMessages(ndjson)) post(text); };
  const postStatus = () => post(`{"type":"STATUS","payload":${session.status()}}`);

  function fail(error) {
    dead = true;
    stopLoop();
    post(ownText('ERROR', { code: 'engine_failed', message: String(error?.message ?? error), fatal: true }));
  }

  function stopLoop() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function schedule() {
    stopLoop();
    if (!session.running()) return;
    const delay = Math.max(0, nextDue - now());
    timer = setTimer(tick, delay);
  }

  function tick() {
    timer = null;
    if (dead || !session.running()) return;
    try {
      postBatch(session.advance());
    } catch (error) {
      fail(error);
      return;
    }
    // Fixed cadence without drift; after a stall, resume from now instead of catching up in a burst.
    const interval = 1000 / session.speed();
    nextDue = Math.max(nextDue + interval, now() - interval);
    schedule();
  }

  function handle(command) {
    if (dead) return;
    if (!command || typeof command.control !== 'string') {
      post(ownText('ERROR', { code: 'bad_request', message: 'a command needs a "control" name' }));
      return;
    }
    let reply;
    try {
      reply = JSON.parse(session.control(command.control, JSON.stringify(commandBody(command))));
    } catch (error) {
      fail(error);
      return;
    }
    if (reply.error) {
      post(ownText('ERROR', { ...reply.error, control: command.control }));
      return;
    }
    for (const text of reply.messages) post(text);
    post(ownText('STATUS', reply.status));
    if (!session.running()) stopLoop();
    else if (command.control === 'play' && timer === null) startLoop(now());
    else if (command.control === 'speed') startLoop(now() + 1000 / session.speed());
  }

  /** Answers a question ({ask, id, …body}) with ANSWER {id, reply}; posts nothing else. */
  function ask(question) {
    const { ask: name, id, ...body } = question;
    const refusal = (code, message) => JSON.stringify({ error: { code, message } });
    let reply;
    try {
      reply = dead ? refusal('engine_failed', 'the engine failed earlier: reload the page')
        : QUESTIONS.has(name) ? session[name](JSON.stringify(body))
          : refusal('bad_request', `unknown question '${name}' (questions: ${[...QUESTIONS].join(', ')})`);
    } catch (error) {
      fail(error);
      return;
    }
    post(`{"type":"ANSWER","payload":{"id":${JSON.stringify(id ?? null)},"reply":${reply}}}`);
  }

  function startLoop(firstDue) {
    nextDue = firstDue;
    schedule();
  }

  return {
    handle,
    ask,
    catalogue: () => JSON.parse(module.catalogue()),
    engineInfo: () => JSON.parse(module.engineInfo()),
    postStatus,
    snapshot: () => postBatch(session.snapshot()),
    running: () => session.running(),
    dispose() { stopLoop(); session.delete?.(); session = null; dead = true; },
  };
}
