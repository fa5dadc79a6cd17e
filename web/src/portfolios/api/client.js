// The portfolio API client: JSON over fetch against the server that serves the page (or ?server=).
// Errors are values of one shape, thrown as ApiError so TanStack Query can hold them:
//   {status, code, message} — the server's {"error":{code,message}} with its HTTP status, or
//   status 0 / code 'network' when the server could not be reached, 'bad_response' when the answer
//   was not JSON. Paths are relative to the base URL (the page's folder), like control/status.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** `query` values that are undefined, null or '' are left out; arrays are joined with commas. */
export function queryString(query = {}) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    q.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export function createApiClient({ baseUrl, fetchImpl = globalThis.fetch?.bind(globalThis) }) {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;

  async function request(method, path, { query, body } = {}) {
    const url = new URL(`${path.replace(/^\//, '')}${queryString(query)}`, base).href;
    const init = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetchImpl(url, init);
    } catch (error) {
      throw new ApiError(0, 'network', `The server did not answer (${error?.message ?? error}).`);
    }
    let json;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status, 'bad_response', `The server answered ${response.status} without JSON.`);
    }
    if (!response.ok) {
      const error = json?.error ?? {};
      throw new ApiError(response.status, error.code ?? 'error', error.message ?? `HTTP ${response.status}`);
    }
    return json;
  }

  return {
    baseUrl: base,
    get: (path, query) => request('GET', path, { query }),
    post: (path, body, query) => request('POST', path, { body, query }),
    patch: (path, body) => request('PATCH', path, { body }),
    delete: (path) => request('DELETE', path),
  };
}
