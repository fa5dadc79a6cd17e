import { describe, expect, it } from 'vitest';
import { createWorkerTransport } from './workerTransport.js';

class FakeWorker {
  constructor() { this.sent = []; this.terminated = false; }
  postMessage(m) { this.sent.push(m); }
  terminate() { this.terminated = true; }
}

function setup(options = {}) {
  const worker = new FakeWorker();
  const timers = [];
  const received = [];
  globalThis.Worker ??= FakeWorker;
  const transport = createWorkerTransport({
    createWorker: () => worker, setTimer: (f) => { timers.push(f); return timers.length; }, clearTimer: () => { timers.length = 0; }, ...options,
  });
  transport.start((t) => received.push(t));
  return { transport, worker, timers, received, json: () => received.map((t) => JSON.parse(t)) };
}

describe('WorkerTransport', () => {
  it('posts commands to the worker and delivers its texts unchanged', () => {
    const { transport, worker, received } = setup();
    transport.send({ control: 'reset', config: { seed: 1 } });
    expect(worker.sent).toEqual([{ control: 'reset', config: { seed: 1 } }]);
    worker.onmessage({ data: '{"type":"READY","payload":{}}' });
    worker.onmessage({ data: '{"type":"STATE_UPDATE","payload":{}}' });
    expect(received).toEqual(['{"type":"READY","payload":{}}', '{"type":"STATE_UPDATE","payload":{}}']);
  });

  it('turns a worker error into a fatal ERROR', () => {
    const { worker, json } = setup();
    worker.onerror({ message: 'SyntaxError in worker', preventDefault() {} });
    expect(json()[0]).toMatchObject({ type: 'ERROR', payload: { code: 'worker_failed', fatal: true } });
  });

  it('reports a load timeout when READY never comes', () => {
    const { timers, json } = setup();
    timers[0]();
    expect(json()[0].payload.code).toBe('load_timeout');
  });

  it('reports a worker that cannot be constructed', () => {
    const received = [];
    const t = createWorkerTransport({ createWorker: () => { throw new Error('blocked by CSP'); } });
    t.start((x) => received.push(JSON.parse(x)));
    expect(received[0].payload).toMatchObject({ code: 'worker_failed', fatal: true });
  });

  it('stops delivering and terminates the worker on stop', () => {
    const { transport, worker, received } = setup();
    transport.stop();
    expect(worker.terminated).toBe(true);
    worker.onmessage?.({ data: '{"type":"STATE_UPDATE"}' });
    expect(received).toEqual([]);
  });
});
