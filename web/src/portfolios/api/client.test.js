import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, queryString } from './client.js';

function fakeFetch(answer) {
  const calls = [];
  const impl = async (url, init) => {
    calls.push({ url, init });
    if (answer instanceof Error) throw answer;
    return { ok: answer.status < 400, status: answer.status, json: async () => (typeof answer.body === 'string' ? JSON.parse(answer.body) : answer.body) };
  };
  return { impl, calls };
}

describe('portfolio API client', () => {
  it('resolves paths against the page folder and leaves empty query values out', async () => {
    const { impl, calls } = fakeFetch({ status: 200, body: { ok: true } });
    const api = createApiClient({ baseUrl: 'http://h:1/app', fetchImpl: impl });
    expect(await api.get('api/signals', { ticker: 'TEC1', latest: true, model: undefined, tickers: ['A', 'B'] })).toEqual({ ok: true });
    expect(calls[0].url).toBe('http://h:1/app/api/signals?ticker=TEC1&latest=true&tickers=A%2CB');
    expect(calls[0].init.method).toBe('GET');
  });

  it('sends JSON bodies', async () => {
    const { impl, calls } = fakeFetch({ status: 201, body: { id: 1 } });
    const api = createApiClient({ baseUrl: 'http://h:1/', fetchImpl: impl });
    await api.post('/api/portfolios', { name: 'A' });
    expect(calls[0].url).toBe('http://h:1/api/portfolios');
    expect(calls[0].init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[0].init.body)).toEqual({ name: 'A' });
  });

  it("throws the server's error code and message with the status", async () => {
    const { impl } = fakeFetch({ status: 422, body: { error: { code: 'insufficient_cash', message: 'not enough cash' } } });
    const api = createApiClient({ baseUrl: 'http://h:1/', fetchImpl: impl });
    const error = await api.post('api/portfolios/1/orders', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message]).toEqual([422, 'insufficient_cash', 'not enough cash']);
  });

  it('reports an unreachable server as status 0, code network', async () => {
    const { impl } = fakeFetch(new TypeError('Failed to fetch'));
    const error = await createApiClient({ baseUrl: 'http://h:1/', fetchImpl: impl }).get('api/overview').catch((e) => e);
    expect([error.status, error.code]).toEqual([0, 'network']);
  });

  it('builds query strings only from present values', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ a: 0, b: null, c: '' })).toBe('?a=0');
  });
});
