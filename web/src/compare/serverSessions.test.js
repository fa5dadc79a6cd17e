import { describe, expect, it } from 'vitest';
import { closeSession, comparisonIds, createSession } from './serverSessions.js';
import { unknownDifference } from './compareSession.js';

function fakeFetch(answer) {
  const calls = [];
  const impl = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body, keepalive: init.keepalive });
    return answer;
  };
  return { impl, calls };
}

describe('the comparison\'s sessions on a server', () => {
  it('are named compare-<tag>-a and -b', () => {
    expect(comparisonIds(() => 0.5)).toEqual({ a: 'compare-7fffffff-a', b: 'compare-7fffffff-b' });
  });

  it('are created with POST /sessions beside the page and closed with DELETE', async () => {
    const ok = fakeFetch({ ok: true, status: 201, json: async () => ({}) });
    expect(await createSession({ baseUrl: 'http://host:8080/finsim/', id: 'compare-1-a', fetchImpl: ok.impl })).toEqual({ ok: true });
    await closeSession({ baseUrl: 'http://host:8080/finsim/', id: 'compare-1-a', fetchImpl: ok.impl, keepalive: true });
    expect(ok.calls).toEqual([
      { url: 'http://host:8080/finsim/sessions', method: 'POST', body: '{"id":"compare-1-a"}', keepalive: undefined },
      { url: 'http://host:8080/finsim/sessions/compare-1-a', method: 'DELETE', body: undefined, keepalive: true },
    ]);
  });

  it('report the server\'s refusal as its error', async () => {
    const refused = fakeFetch({ ok: false, status: 401, json: async () => ({ error: { code: 'unauthorized', message: 'a control token is required' } }) });
    expect(await createSession({ baseUrl: 'http://h/', id: 'x', fetchImpl: refused.impl }))
      .toEqual({ error: { code: 'unauthorized', message: 'a control token is required' } });
    const down = { impl: async () => { throw new Error('refused'); } };
    expect((await createSession({ baseUrl: 'http://h/', id: 'x', fetchImpl: down.impl })).error.code).toBe('network');
  });
});

describe('world B against the engine\'s catalogue', () => {
  const catalogue = { policies: ['heuristic', 'all_lend'], parameters: [{ name: 'lender_of_last_resort' }] };
  it('names a policy or parameter the engine lacks, and accepts the rest', () => {
    expect(unknownDifference({ kind: 'policy', policy: 'nobody+no_hoard' }, catalogue)).toBe('this engine has no policy “nobody” (it has heuristic, all_lend)');
    expect(unknownDifference({ kind: 'param', name: 'magic', value: 1 }, catalogue)).toBe('this engine has no parameter “magic”');
    expect(unknownDifference({ kind: 'policy', policy: 'all_lend+no_hoard' }, catalogue)).toBeNull();
    expect(unknownDifference({ kind: 'intervention', control: 'price_shock', share: 0.1, step: 3 }, catalogue)).toBeNull();
  });
});
