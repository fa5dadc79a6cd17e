// The two named sessions a comparison uses on a finsim-server (docs/http-api.md, "Sessions"): created
// with POST /sessions, closed with DELETE /sessions/ID when the page leaves. Like every write the page
// makes, these carry no control token: a server started with --control-token refuses them (401), and
// the page says so instead of comparing.

/** A fresh session id for world `world` ('a' or 'b') of one comparison: compare-<8 hex>-<world>. */
export function comparisonIds(random = Math.random) {
  const tag = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
  return { a: `compare-${tag}-a`, b: `compare-${tag}-b` };
}

function sessionsUrl(baseUrl, id = null) {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.protocol}//${base.host}${prefix}/sessions${id ? `/${encodeURIComponent(id)}` : ''}`;
}

/** Creates session `id` (paused, the engine's default run). Resolves to {ok:true} or {error:{code,message}}. */
export async function createSession({ baseUrl, id, fetchImpl = globalThis.fetch?.bind(globalThis) }) {
  let response;
  try {
    response = await fetchImpl(sessionsUrl(baseUrl), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }),
    });
  } catch (error) {
    return { error: { code: 'network', message: `The server did not answer: ${error?.message ?? error}` } };
  }
  if (response.ok) return { ok: true };
  let body = null;
  try {
    body = await response.json();
  } catch {
    // no body: the status says enough
  }
  return { error: body?.error ?? { code: `http_${response.status}`, message: `HTTP ${response.status}` } };
}

/** Closes session `id`; `keepalive` lets the request outlive the page (pagehide). Never throws. */
export function closeSession({ baseUrl, id, fetchImpl = globalThis.fetch?.bind(globalThis), keepalive = false }) {
  try {
    return fetchImpl(sessionsUrl(baseUrl, id), { method: 'DELETE', keepalive }).catch(() => null);
  } catch {
    return Promise.resolve(null);
  }
}
