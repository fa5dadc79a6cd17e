import { describe, expect, it } from 'vitest';
import { createWebSocketTransport, serverEndpoints } from './webSocketTransport.js';

class FakeSocket {
  static instances = [];
  constructor(url) { this.url = url; this.sent = []; FakeSocket.instances.push(this); }
  send(m) { this.sent.push(m); }
  close() { this.closed = true; }
}

function fakeFetch(routes) {
  const calls = [];
  const impl = async (url, init = {}) => {
    calls.push({ url, init });
    const route = routes(url, init);
    return { ok: route.status < 400, status: route.status, json: async () => route.body };
  };
  return { impl, calls };
}

function setup(routes = () => ({ status: 200, body: { timestep: 4, running: false, viewers: 3 } })) {
  FakeSocket.instances = [];
  const fetch = fakeFetch(routes);
  const timers = [];
  const received = [];
  const transport = createWebSocketTransport({ baseUrl: 'http://127.0.0.1:8080/', WebSocketImpl: FakeSocket, fetchImpl: fetch.impl,
    setTimer: (f, ms) => { timers.push({ f, ms }); return timers.length; }, clearTimer: () => {} });
  transport.start((t) => received.push(JSON.parse(t)));
  return { transport, fetch, timers, received, socket: () => FakeSocket.instances[FakeSocket.instances.length - 1] };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('WebSocketTransport', () => {
  it('derives the socket and REST addresses, with an optional session', () => {
    const e = serverEndpoints('https://example.org/finsim/', 'room 1');
    expect(e.socket).toBe('wss://example.org/finsim/ws/simulation?session=room%201');
    expect(e.control('play')).toBe('https://example.org/finsim/control/play?session=room%201');
    expect(serverEndpoints('http://127.0.0.1:8080').status).toBe('http://127.0.0.1:8080/control/status');
  });

  it('delivers socket texts unchanged and never sends on the socket', async () => {
    const { socket, received } = setup();
    socket().onopen();
    socket().onmessage({ data: '{"type":"STATE_UPDATE","payload":{"timestep":1}}' });
    await tick();
    expect(received.some((m) => m.type === 'STATE_UPDATE')).toBe(true);
    expect(received.find((m) => m.type === 'CONNECTION' && m.payload.state === 'live')).toBeTruthy();
    expect(received.find((m) => m.type === 'STATUS').payload.viewers).toBe(3);
    expect(socket().sent).toEqual([]);
  });

  it('sends controls as REST POSTs with the worker command body and reports the status', async () => {
    const { transport, fetch, received } = setup((url) => ({ status: 200, body: url.endsWith('/control/speed') ? { running: true, speed: 5 } : {} }));
    await transport.send({ control: 'speed', steps_per_second: 5 });
    const call = fetch.calls.find((c) => c.url.endsWith('/control/speed'));
    expect(call.init.method).toBe('POST');
    expect(JSON.parse(call.init.body)).toEqual({ steps_per_second: 5 });
    expect(received.filter((m) => m.type === 'STATUS').pop().payload.speed).toBe(5);
    await transport.send({ control: 'reset', config: { scenario: 'calm' } });
    expect(JSON.parse(fetch.calls.find((c) => c.url.endsWith('/control/reset')).init.body)).toEqual({ scenario: 'calm' });
  });

  it('posts force_action to /control/force_action with the bank and the action', async () => {
    const { transport, fetch } = setup();
    await transport.send({ control: 'force_action', bank: 3, action: 'HOARD' });
    const call = fetch.calls.find((c) => c.url === 'http://127.0.0.1:8080/control/force_action');
    expect(call.init.method).toBe('POST');
    expect(JSON.parse(call.init.body)).toEqual({ bank: 3, action: 'HOARD' });
  });

  it('turns a 4xx {"error"} answer into an ERROR message', async () => {
    const { transport, received } = setup((url) => (url.includes('/control/force_default')
      ? { status: 404, body: { error: { code: 'unknown_bank', message: 'no bank 999' } } } : { status: 200, body: {} }));
    await transport.send({ control: 'force_default', bank: 999 });
    expect(received.filter((m) => m.type === 'ERROR').pop().payload).toEqual({ code: 'unknown_bank', message: 'no bank 999', control: 'force_default' });
  });

  it('reconnects with backoff after the socket closes, and stops cleanly', () => {
    const { transport, socket, timers, received } = setup();
    socket().onclose();
    expect(received.filter((m) => m.type === 'CONNECTION').pop().payload.state).toBe('reconnecting');
    expect(timers[0].ms).toBe(500);
    timers[0].f();
    expect(FakeSocket.instances).toHaveLength(2);
    transport.stop();
    expect(socket().closed).toBe(true);
  });

  it('asks a question as a REST read of the session and returns the server\'s reply', async () => {
    const answer = { bank: 79, sentences: ['Bank 79 failed.'] };
    const { fetch, received } = setup((url) => (url.includes('bank=79') ? { status: 200, body: answer }
      : url.includes('bank=1') ? { status: 422, body: { error: { code: 'bank_not_failed', message: 'no' } } }
        : { status: 502, body: null }));
    const transport = createWebSocketTransport({ baseUrl: 'http://127.0.0.1:8080/finsim/', session: 'room 1', WebSocketImpl: FakeSocket,
      fetchImpl: fetch.impl });
    const before = received.length;
    expect(await transport.ask({ ask: 'why', bank: 79 })).toEqual(answer);
    expect(fetch.calls.pop().url).toBe('http://127.0.0.1:8080/finsim/control/why?bank=79&session=room+1');
    expect(await transport.ask({ ask: 'why', bank: 1 })).toEqual({ error: { code: 'bank_not_failed', message: 'no' } });
    expect((await transport.ask({ ask: 'why', bank: 2 })).error.code).toBe('http_502');
    expect(received.length).toBe(before);
  });

  it('answers a question the server cannot be reached for with a network error', async () => {
    const transport = createWebSocketTransport({ baseUrl: 'http://127.0.0.1:8080/', WebSocketImpl: FakeSocket,
      fetchImpl: async () => { throw new Error('refused'); } });
    expect((await transport.ask({ ask: 'why', bank: 2 })).error).toMatchObject({ code: 'network' });
  });
});
