// Test support: renders portfolio views against a fake API (a table of answers by path) with a fresh
// query cache, no retries. `routes`: {'GET api/overview': body | (query, body) => body | ApiError}.
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiProvider } from '../api/queries.js';
import { ApiError } from '../api/client.js';

export function fakeApi(routes) {
  const calls = [];
  const answer = async (method, path, query, body) => {
    calls.push({ method, path, query, body });
    const route = routes[`${method} ${path}`];
    if (route === undefined) throw new ApiError(404, 'not_found', `no fake for ${method} ${path}`);
    const value = typeof route === 'function' ? route(query, body) : route;
    if (value instanceof ApiError) throw value;
    return structuredClone(value);
  };
  return {
    calls,
    get: (path, query) => answer('GET', path, query),
    post: (path, body, query) => answer('POST', path, query, body),
    patch: (path, body) => answer('PATCH', path, undefined, body),
    delete: (path) => answer('DELETE', path),
  };
}

/** render() inside the providers; its `rerender(ui)` keeps them (and so the rendered state). */
export function renderWithApi(ui, api) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const wrapped = (node) => <QueryClientProvider client={client}><ApiProvider api={api}>{node}</ApiProvider></QueryClientProvider>;
  const result = render(wrapped(ui));
  return { ...result, rerender: (node) => result.rerender(wrapped(node)) };
}
