// The web side's benchmark (not a test): prints a Markdown report for docs/web.md.
//  - frames in headless Chromium for 20 s in a crisis at the brief's limits (100 banks, ~500 edges,
//    ~10 events/s) and at ten times them (1,000 banks, ~5,000 edges); plus a fire-sale stress run;
//  - the time from navigation to the first rendered STATE_UPDATE (median of 5 loads);
//  - the gzipped size of the WASM + JS;
//  - the WASM step time against the native `finsim bench` (and each exception model, if built by
//    wasm/build.sh into build/wasm-dist-<model>).
// Usage: npm run perf --workspace web [-- --seconds 20] [--engine-only | --browser-only]
// (needs web/dist and build/release/cli/finsim)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../e2e/staticServer.mjs';
import { launchBrowser } from '../e2e/browser.mjs';
import { measureFrames, quantile } from './frames.mjs';
import { nativeBench, wasmBench } from './engineBench.mjs';
import { repoRoot } from '../scripts/wasmNode.mjs';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 20) || 20;
const engineOnly = args.includes('--engine-only');
const browserOnly = args.includes('--browser-only');
const webRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = `${webRoot}dist`;
if (!existsSync(`${dist}/index.html`)) execFileSync('npx', ['vite', 'build'], { cwd: webRoot, stdio: 'inherit' });

const CASES = [
  { name: 'calm, 100 banks, 2 steps/s (the brief\'s event rate)', query: '?scenario=calm&banks=100&speed=2&autoplay=1' },
  { name: 'brief limits: liquidity freeze, 100 banks', query: '?scenario=liquidity_freeze&banks=100&speed=2&autoplay=1' },
  { name: '10× limits: liquidity freeze, 1,000 banks', query: '?scenario=liquidity_freeze&banks=1000&speed=2&autoplay=1' },
  { name: 'stress: fire-sale spiral, 100 banks, 5 steps/s', query: '?scenario=fire_sale_spiral&banks=100&speed=5&autoplay=1' },
];

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

async function firstRenderTimes(url, loads = 5) {
  const times = [];
  const browser = await launchBrowser();
  try {
    for (let i = 0; i < loads; i++) {
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__finsimFirstRenderMs !== undefined, null, { timeout: 30000 });
      times.push(await page.evaluate(() => window.__finsimFirstRenderMs));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

function sizes() {
  const rows = [];
  for (const f of readdirSync(`${dist}/assets`)) {
    if (!/\.(js|wasm|css)$/.test(f)) continue;
    const data = readFileSync(`${dist}/assets/${f}`);
    rows.push({ file: f, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length });
  }
  return rows;
}

const lines = [];
const say = (s = '') => { lines.push(s); console.log(s); };
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

async function browserReport() {
  const site = await serveStatic({ root: dist, prefix: '/finsim/' });
  try {
    say(`### Frames (${seconds} s each, headless Chromium ${process.env.FINSIM_CHROMIUM ?? '/usr/bin/chromium'}, 1440×900, software rendering)`);
    say('');
    say(`Load average (1 / 5 / 15 min) at the start: ${load()}.`);
    say('');
    say('| case | nodes / edges | steps | events/s | frames | median ms | p99 ms | max ms | frames > 25 ms | long tasks |');
    say('|---|---|---|---|---|---|---|---|---|---|');
    for (const c of CASES) {
      const r = await measureFrames({ url: `${site.url}${c.query}`, seconds });
      say(`| ${c.name} | ${r.graph.nodes} / ${r.graph.edges} | ${r.steps} | ${fmt(r.eventsPerSecond)} | ${r.frames} | ${fmt(r.medianMs)} | ${fmt(r.p99Ms)} | ${fmt(r.maxMs)} | ${r.over25} | ${r.longTasks} |`);
      if (r.errors.length) say(`  page errors: ${r.errors.join('; ')}`);
    }
    say('');
    const first = await firstRenderTimes(`${site.url}?scenario=liquidity_freeze`);
    say(`### Time from navigation to the first rendered STATE_UPDATE`);
    say('');
    say(`median ${fmt(quantile(first, 0.5), 0)} ms over ${first.length} loads (min ${fmt(Math.min(...first), 0)}, max ${fmt(Math.max(...first), 0)}), static server on loopback.`);
    say('');
    const s = sizes();
    const total = s.filter((r) => /\.(js|wasm)$/.test(r.file)).reduce((a, r) => ({ bytes: a.bytes + r.bytes, gzip: a.gzip + r.gzip }), { bytes: 0, gzip: 0 });
    say('### Download size (web/dist/assets, gzip -9)');
    say('');
    say('| file | bytes | gzipped |');
    say('|---|---|---|');
    for (const r of s) say(`| ${r.file.replace(/-[A-Za-z0-9_-]{8}\./, '.')} | ${r.bytes.toLocaleString('en')} | ${r.gzip.toLocaleString('en')} |`);
    say(`| **WASM + JS** | ${total.bytes.toLocaleString('en')} | **${total.gzip.toLocaleString('en')}** |`);
    say('');
  } finally {
    await site.close();
}
}

async function engineReport() {
  const variants = { 'wasm (default)': `${repoRoot}wasm/dist` };
  for (const m of ['wasm', 'js', 'none']) variants[`${m} exceptions`] = `${repoRoot}build/wasm-dist-${m}`;
  const wasm = await wasmBench({ variants });
  const native = nativeBench();
  say('### Engine step: WASM (Node 20, in-module timing) vs native (`finsim bench`), median µs per step');
  say('');
  const names = Object.keys(wasm);
  say(`| case | native | ${names.join(' | ')} |`);
  say(`|---|---|${names.map(() => '---').join('|')}|`);
  const cases = wasm[names[0]] ?? [];
  cases.forEach((c, i) => {
    const n = native?.find((x) => x.scenario === c.scenario && x.banks === c.banks);
    const cells = names.map((v) => {
      const w = wasm[v][i].step_us.median;
      return n ? `${fmt(w)} (${fmt(w / n.step_us.median, 2)}×)` : fmt(w);
    });
    say(`| ${c.scenario}, ${c.banks} banks | ${n ? fmt(n.step_us.median) : '—'} | ${cells.join(' | ')} |`);
  });
  say('');
  say(`STATE_UPDATE serialization, median µs: ${cases.map((c, i) => {
    const n = native?.find((x) => x.scenario === c.scenario && x.banks === c.banks);
    return `${c.banks} banks ${c.scenario}: WASM ${fmt(wasm[names[0]][i].state_update_us)} / native ${n ? fmt(n.state_update_us) : '—'}`;
  }).join('; ')}`);
}

if (!engineOnly) await browserReport();
if (!browserOnly) await engineReport();
