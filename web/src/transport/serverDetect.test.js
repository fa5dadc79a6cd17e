import { describe, expect, it } from 'vitest';
import { chooseTransport, headersNameServer, probeServedByServer } from './serverDetect.js';

const headers = (h) => new Headers(h);

function fetchFor({ head = {}, status = { status: 200, body: { running: false, timestep: 3 } } }) {
  const calls = [];
  return {
    calls,
    impl: async (url, init = {}) => {
      calls.push({ url, method: init.method ?? 'GET' });
      if (init.method === 'HEAD') return { ok: true, status: 200, headers: headers(head) };
      return { ok: status.status < 400, status: status.status, json: async () => status.body, headers: headers({}) };
    },
  };
}

describe('server detection', () => {
  it('recognises a finsim-server by its headers', () => {
    expect(headersNameServer(headers({ 'x-finsim-server': '1' }))).toBe(true);
    expect(headersNameServer(headers({ server: 'Boost.Beast/347' }))).toBe(true);
    expect(headersNameServer(headers({ server: 'GitHub.com' }))).toBe(false);
  });

  it('a static host costs one HEAD of the page and no failing request', async () => {
    const f = fetchFor({ head: { server: 'nginx' } });
    expect(await probeServedByServer({ pageUrl: 'http://h/finsim/index.html?seed=1', fetchImpl: f.impl })).toBe(null);
    expect(f.calls).toEqual([{ url: 'http://h/finsim/', method: 'HEAD' }]);
  });

  it('confirms with GET control/status beside the page', async () => {
    const f = fetchFor({ head: { 'x-finsim-server': '0.1' } });
    expect(await probeServedByServer({ pageUrl: 'http://h:8080/', fetchImpl: f.impl })).toBe('http://h:8080/');
    expect(f.calls[1]).toEqual({ url: 'http://h:8080/control/status', method: 'GET' });
    const html = fetchFor({ head: { 'x-finsim-server': '1' }, status: { status: 200, body: '<html>' } });
    expect(await probeServedByServer({ pageUrl: 'http://h/', fetchImpl: html.impl })).toBe(null);
  });

  it('chooses by URL first, then the probe, else the worker', async () => {
    const never = { impl: async () => { throw new Error('no fetch expected'); } };
    expect(await chooseTransport({ params: { server: 'http://s:1' }, pageUrl: 'http://h/', fetchImpl: never.impl })).toMatchObject({ kind: 'server', baseUrl: 'http://s:1' });
    expect(await chooseTransport({ params: { worker: true }, pageUrl: 'http://h/', fetchImpl: never.impl })).toEqual({ kind: 'worker' });
    expect(await chooseTransport({ params: {}, pageUrl: 'file:///x/index.html', fetchImpl: never.impl })).toEqual({ kind: 'worker' });
    const f = fetchFor({ head: { server: 'Boost.Beast' } });
    expect((await chooseTransport({ params: {}, pageUrl: 'http://h/', fetchImpl: f.impl })).kind).toBe('server');
  });
});
