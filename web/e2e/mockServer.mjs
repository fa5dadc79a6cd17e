// A stand-in for finsim-server for the server-mode end-to-end test, built from the same pieces the
// worker uses: the WASM engine (Node build) driven by the simulation host. It serves web/dist, the
// WebSocket /ws/simulation (server → client only; a late joiner gets the snapshot at once), REST
// /control/<name> (answers: status JSON or {"error"} with 400) and GET /control/status with a viewer
// count, GET /api/scenarios (the engine's catalogue), and marks its responses with X-FinSim-Server so the page detects it. When the real server
// is built (build/release/server/finsim-server), e2e/run.mjs uses that instead.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { createSimulationHost } from '../src/worker/simulationHost.js';
import { loadWasmEngine } from '../scripts/wasmNode.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

export async function startMockServer({ root }) {
  const module = await loadWasmEngine();
  const viewers = new Set();
  let lastStatus = null;
  let lastError = null;
  const host = createSimulationHost({
    module,
    post: (text) => {
      if (text.startsWith('{"type":"STATUS"')) { lastStatus = JSON.parse(text).payload; return; }
      if (text.startsWith('{"type":"ERROR"')) { lastError = JSON.parse(text).payload; return; }
      for (const ws of viewers) ws.send(text);
    },
  });
  host.handle({ control: 'reset', config: { scenario: 'calm' } });
  const base = resolve(root);

  const status = () => ({ ...lastStatus, viewers: viewers.size });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = { 'x-finsim-server': 'mock' };
    if (url.pathname === '/api/scenarios') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(module.catalogue());
      return;
    }
    if (url.pathname === '/control/status') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(status()));
      return;
    }
    if (url.pathname.startsWith('/control/')) {
      if (req.method !== 'POST') { res.writeHead(405, headers).end(); return; }
      let body = '';
      for await (const chunk of req) body += chunk;
      let command;
      try {
        command = body.trim() ? JSON.parse(body) : {};
      } catch {
        res.writeHead(400, { ...headers, 'content-type': 'application/json' }).end('{"error":{"code":"bad_json","message":"bad JSON"}}');
        return;
      }
      const name = url.pathname.slice('/control/'.length);
      lastError = null;
      host.handle(name === 'reset' ? { control: 'reset', config: command } : { ...command, control: name });
      if (lastError) {
        res.writeHead(400, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: lastError.code, message: lastError.message } }));
      } else {
        res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(status()));
      }
      return;
    }
    let file = normalize(join(base, url.pathname));
    if (!file.startsWith(base)) { res.writeHead(403, headers).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const data = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(req.method === 'HEAD' ? undefined : data);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url.startsWith('/ws/simulation')) { socket.destroy(); return; }
    wss.handleUpgrade(req, socket, head, (ws) => {
      viewers.add(ws);
      host.snapshot();  // posts the current state and metrics to every viewer, the new one included
      ws.on('message', () => ws.close(1003, 'the simulation socket is server → client only'));
      ws.on('close', () => viewers.delete(ws));
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    viewers: () => viewers.size,
    async close() {
      host.dispose();
      for (const ws of viewers) ws.terminate();
      wss.close();
      await new Promise((done) => server.close(done));
    },
  };
}
