// Server mode: a native finsim-server. The stream comes over a WebSocket (server → client only; we
// never send on it); controls are REST calls whose answers (status or {"error":…}) are turned into
// STATUS / ERROR messages, so the store handles both transports identically. The socket reconnects
// with backoff; the server sends the current state and metrics to every (re)joining viewer. Questions
// ({ask:'why', bank}) are REST reads, GET /control/why?bank=B[&session=ID], answered in the reply only.
import { errorReply, commandBody, ownText } from './transport.js';

/** http(s)://host[:port][/prefix] → the WebSocket and REST addresses. `session` selects a named session. */
export function serverEndpoints(baseUrl, session = null) {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const query = session ? `?session=${encodeURIComponent(session)}` : '';
  const wsProtocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    socket: `${wsProtocol}//${base.host}${prefix}/ws/simulation${query}`,
    control: (name) => `${base.protocol}//${base.host}${prefix}/control/${name}${query}`,
    status: `${base.protocol}//${base.host}${prefix}/control/status${query}`,
    catalogue: `${base.protocol}//${base.host}${prefix}/api/scenarios`,
    /** A question's read: /control/<name>?<params>[&session=ID]. */
    question: (name, params) => {
      const search = new URLSearchParams(params);
      if (session) search.set('session', session);
      return `${base.protocol}//${base.host}${prefix}/control/${name}?${search}`;
    },
  };
}

/** The answer's JSON body, or null when it has none. */
async function jsonOrNull(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export const RECONNECT_DELAYS_MS = [500, 1000, 2000, 5000, 10000];

export function createWebSocketTransport({ baseUrl, session = null, token = null,
  WebSocketImpl = globalThis.WebSocket, fetchImpl = globalThis.fetch?.bind(globalThis),
  setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  const endpoints = serverEndpoints(baseUrl, session);
  let socket = null;
  let onText = null;
  let attempts = 0;
  let reconnectTimer = null;
  let stopped = false;
  let lastStatus = null;

  const emit = (type, payload) => onText?.(ownText(type, payload));
  const headers = () => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });

  function connection(state) {
    emit('CONNECTION', { mode: 'server', state, url: baseUrl, viewers: lastStatus?.viewers ?? null });
  }

  async function refreshStatus() {
    try {
      const response = await fetchImpl(endpoints.status, { headers: headers() });
      if (!response.ok) return;
      lastStatus = await response.json();
      emit('STATUS', lastStatus);
    } catch {
      // the socket's state tells the user; a failed status read changes nothing
    }
  }

  function open() {
    if (stopped) return;
    connection(attempts === 0 ? 'connecting' : 'reconnecting');
    try {
      socket = new WebSocketImpl(endpoints.socket);
    } catch (error) {
      emit('ERROR', { code: 'connect_failed', message: `Cannot open ${endpoints.socket}: ${error?.message ?? error}` });
      scheduleReconnect();
      return;
    }
    socket.onopen = () => {
      attempts = 0;
      connection('live');
      refreshStatus().then(() => connection('live'));
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') onText?.(event.data);
    };
    socket.onclose = () => {
      socket = null;
      if (!stopped) scheduleReconnect();
    };
    socket.onerror = () => {};  // onclose follows and reconnects
  }

  function scheduleReconnect() {
    connection('reconnecting');
    const delay = RECONNECT_DELAYS_MS[Math.min(attempts, RECONNECT_DELAYS_MS.length - 1)];
    attempts++;
    reconnectTimer = setTimer(open, delay);
  }

  async function loadCatalogue() {
    try {
      const response = await fetchImpl(endpoints.catalogue);
      if (response.ok) emit('CATALOGUE', { catalogue: await response.json() });
    } catch {
      // the server may not publish a catalogue: the page keeps its bundled one
    }
  }

  return {
    kind: 'server',
    endpoints,
    start(deliver) {
      onText = deliver;
      stopped = false;
      open();
      loadCatalogue();
    },
    async send(command) {
      let response;
      try {
        response = await fetchImpl(endpoints.control(command.control), {
          method: 'POST', headers: headers(), body: JSON.stringify(commandBody(command)),
        });
      } catch (error) {
        emit('ERROR', { code: 'network', message: `The server did not answer: ${error?.message ?? error}`, control: command.control });
        return;
      }
      const body = await jsonOrNull(response);
      if (!response.ok || body?.error) {
        const error = body?.error ?? { code: `http_${response.status}`, message: `The server refused ${command.control} (HTTP ${response.status})` };
        emit('ERROR', { ...error, control: command.control });
        return;
      }
      if (body && typeof body === 'object') {
        lastStatus = { ...lastStatus, ...body };
        emit('STATUS', lastStatus);
      }
    },
    async ask({ ask: name, ...params }) {
      let response;
      try {
        response = await fetchImpl(endpoints.question(name, params), { headers: headers() });
      } catch (error) {
        return errorReply('network', `The server did not answer: ${error?.message ?? error}`);
      }
      const body = await jsonOrNull(response);
      if (body?.error) return body;
      if (!response.ok || !body || typeof body !== 'object') return errorReply(`http_${response.status}`, `The server could not answer (HTTP ${response.status})`);
      return body;
    },
    refreshStatus,
    stop() {
      stopped = true;
      clearTimer(reconnectTimer);
      const s = socket;
      socket = null;
      if (s) {
        s.onclose = null;
        s.close();
      }
      onText = null;
    },
  };
}
