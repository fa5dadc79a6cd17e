// Server mode: the page is served by a server and joins its shared session (detected automatically),
// shows that it is live and how many watch, and drives the session through the REST controls.
// Runs against the real build/release/server/finsim-server (build it first: scripts/build.sh).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';
import { waitForGraph, waitForTimestep } from './pageHelpers.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const realServer = `${repoRoot}build/release/server/finsim-server`;

/** Starts build/release/server/finsim-server on a fresh database in a temp folder, serving `dist`. */
export async function startRealServer(dist, extraArgs = []) {
  const port = 18000 + Math.floor(Math.random() * 2000);
  const dataDir = mkdtempSync(join(tmpdir(), 'finsim-e2e-'));
  const child = spawn(realServer, ['--host', '127.0.0.1', '--port', String(port), '--web', dist, '--db', join(dataDir, 'finsim.db'), ...extraArgs], { stdio: 'ignore' });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}control/status`)).ok) return { url, close: stop };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('finsim-server did not start');
}

export function ensureServerBuilt() {
  if (!existsSync(realServer)) throw new Error(`${realServer} is missing: run scripts/build.sh first`);
}

export async function serverModeTests(harness, { dist }) {
  let server = null;
  const ensureServer = async () => {
    ensureServerBuilt();
    server ??= await startRealServer(dist);
    return server;
  };

  harness.test('server mode: detected when served by a server, live with a viewer count, driven by REST', async (page) => {
    const s = await ensureServer();
    try {
      await page.goto(s.url);
      await waitForGraph(page, { nodes: 100 });
      await page.waitForFunction(() => document.querySelector('[data-testid=mode-badge]').textContent.includes('LIVE'));
      await page.waitForFunction(() => document.querySelector('[data-testid=viewers]')?.textContent === '1');
      await page.getByTestId('scenario').selectOption('liquidity_freeze');
      await page.waitForFunction(() => document.querySelector('[data-testid=scenario]').value === 'liquidity_freeze');
      await page.getByTestId('step').click();
      await waitForTimestep(page, 1);
      await page.getByTestId('play-pause').click();
      await waitForTimestep(page, 3);
      // A second viewer joining late sees the same session at once.
      const second = await page.context().newPage();
      await second.goto(s.url);
      await waitForGraph(second, { nodes: 100 });
      await second.waitForFunction(() => (window.__finsimLastTimestep ?? 0) >= 3);
      await page.getByTestId('play-pause').click();
      await second.close();
      assert(!(await page.evaluate(() => new URLSearchParams(location.search).has('scenario'))), 'server mode leaves the URL alone');
    } finally {
      await s.close();
      server = null;
    }
  });

  harness.test('server mode: the address names the run to watch; a session already running it is joined, not reset', async (page) => {
    const s = await ensureServer();
    const status = async () => (await fetch(`${s.url}control/status`)).json();
    try {
      await page.goto(`${s.url}?scenario=core_default&seed=3&policy=mappo-cooperative&speed=5`);
      await waitForGraph(page, { nodes: 100 });
      await page.waitForFunction(() => document.querySelector('[data-testid=policy]').value === 'mappo-cooperative');
      assert(await page.getByTestId('scenario').inputValue() === 'core_default', 'scenario from the address');
      let session = await status();
      assert(session.scenario === 'core_default' && session.seed === 3 && session.policy === 'mappo-cooperative' && session.speed === 5,
        `the session runs the address's run: ${JSON.stringify(session)}`);
      await page.getByTestId('step').click();
      await waitForTimestep(page, 1);
      // The same link opened again joins the run in progress instead of restarting it for everyone.
      const second = await page.context().newPage();
      await second.goto(`${s.url}?scenario=core_default&seed=3&policy=mappo-cooperative`);
      await waitForGraph(second, { nodes: 100 });
      await second.waitForFunction(() => (window.__finsimLastTimestep ?? 0) >= 1);
      await second.waitForTimeout(300);
      assert((await status()).timestep === 1, 'not reset by a viewer whose address names the same run');
      // What the address cannot name is said, and the session keeps its own.
      await second.goto(`${s.url}?policy=nobody`);
      await waitForGraph(second, { nodes: 100 });
      await second.getByTestId('notices').waitFor();
      assert((await second.getByTestId('notices').textContent()).includes('policy “nobody”'), 'unknown policy said');
      // A run the server refuses (more banks than --max-banks without the token) is said too.
      await second.goto(`${s.url}?banks=5000`);
      await second.waitForFunction(() => /The server refused the run the address names/.test(
        document.querySelector('[data-testid=notices]')?.textContent ?? ''));
      await second.close();
      session = await status();
      assert(session.policy === 'mappo-cooperative' && session.banks === 100 && session.timestep === 1, JSON.stringify(session));
    } finally {
      await s.close();
      server = null;
    }
  }, { allowConsole: [/status of 403/] });
}
