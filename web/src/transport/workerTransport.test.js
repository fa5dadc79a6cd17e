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

  it('settles a question with the worker\'s ANSWER and keeps the ANSWER out of the stream', async () => {
    const { transport, worker, received } = setup();
    const first = transport.ask({ ask: 'why', bank: 79 });
    const second = transport.ask({ ask: 'why', bank: 1 });
    expect(worker.sent).toEqual([{ ask: 'why', bank: 79, id: 1 }, { ask: 'why', bank: 1, id: 2 }]);
    worker.onmessage({ data: '{"type":"ANSWER","payload":{"id":2,"reply":{"error":{"code":"bank_not_failed","message":"no"}}}}' });
    worker.onmessage({ data: '{"type":"ANSWER","payload":{"id":1,"reply":{"bank":79,"sentences":["Bank 79 failed."]}}}' });
    expect(await first).toEqual({ bank: 79, sentences: ['Bank 79 failed.'] });
    expect(await second).toEqual({ error: { code: 'bank_not_failed', message: 'no' } });
    expect(received).toEqual([]);
  });

  it('answers a question still open when the worker fails or stops with an error', async () => {
    const { transport, worker } = setup();
    const open = transport.ask({ ask: 'why', bank: 2 });
    worker.onerror({ message: 'boom', preventDefault() {} });
    expect((await open).error.code).toBe('worker_failed');
    const late = transport.ask({ ask: 'why', bank: 2 });
    transport.stop();
    expect((await late).error.code).toBe('stopped');
    expect((await transport.ask({ ask: 'why', bank: 2 })).error.code).toBe('not_connected');
  });

  it('answers an open question with the engine\'s fatal ERROR, which still reaches the store', async () => {
    const { transport, worker, received } = setup();
    const open = transport.ask({ ask: 'why', bank: 2 });
    worker.onmessage({ data: '{"type":"ERROR","payload":{"code":"bad_request","message":"refused","control":"speed"}}' });
    worker.onmessage({ data: '{"type":"ERROR","payload":{"code":"engine_failed","message":"RuntimeError: unreachable","fatal":true}}' });
    expect(await open).toEqual({ error: { code: 'engine_failed', message: 'RuntimeError: unreachable' } });
    expect(received).toHaveLength(2);
  });
});
