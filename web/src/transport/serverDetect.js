// Decides which transport to use when the page starts:
//  1. ?server=<http(s) URL> in the address → that server; ?worker=1 → the worker, no probe;
//  2. otherwise, if the page itself is served by a finsim-server → that server;
//  3. otherwise the in-browser worker.
// Detection costs one HEAD request for the page itself (200 on every host, so static hosts log no
// error): a response header `X-FinSim-Server`, or a `Server` header naming Beast or FinSim, marks a
// finsim-server, which is then confirmed by GET control/status answering with a status object. The
// requests are relative to the page, so this works at any sub-path.

export const PROBE_TIMEOUT_MS = 1500;

export function looksLikeStatus(body) {
  return !!body && typeof body === 'object' && typeof body.running === 'boolean' && typeof body.timestep === 'number';
}

export function headersNameServer(headers) {
  if (headers.get('x-finsim-server') !== null) return true;
  return /beast|finsim/i.test(headers.get('server') ?? '');
}

async function fetchWithTimeout(fetchImpl, url, init, timeoutMs) {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = setTimeout(() => controller?.abort(), timeoutMs);
  try {
    return await fetchImpl(url, { ...init, signal: controller?.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** The server base URL serving this page, or null. */
export async function probeServedByServer({ pageUrl, fetchImpl = globalThis.fetch?.bind(globalThis),
  timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  if (!fetchImpl || !/^https?:$/.test(new URL(pageUrl).protocol)) return null;
  const base = new URL('.', pageUrl).href;
  try {
    const head = await fetchWithTimeout(fetchImpl, base, { method: 'HEAD', cache: 'no-store' }, timeoutMs);
    if (!headersNameServer(head.headers)) return null;
    const response = await fetchWithTimeout(fetchImpl, new URL('control/status', base).href,
      { headers: { accept: 'application/json' } }, timeoutMs);
    if (!response.ok) return null;
    return looksLikeStatus(await response.json()) ? base : null;
  } catch {
    return null;
  }
}

/** {kind:'server', baseUrl} or {kind:'worker'}, from the URL parameters and the probe. */
export async function chooseTransport({ params, pageUrl, fetchImpl } = {}) {
  if (params.server) return { kind: 'server', baseUrl: params.server, session: params.session };
  if (params.worker) return { kind: 'worker' };
  const baseUrl = await probeServedByServer({ pageUrl, fetchImpl });
  return baseUrl ? { kind: 'server', baseUrl, session: params.session } : { kind: 'worker' };
}
