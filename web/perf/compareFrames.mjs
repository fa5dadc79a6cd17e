// Frames with two worlds playing side by side (the Compare view, docs/web.md "Compare"), against one
// world on the same machine at the same moment. Not a test: prints a Markdown table, then when each
// frame over 25 ms came (a crisis's steps, or the first second's warm-up).
// Usage: node perf/compareFrames.mjs [--seconds 20]   (needs web/dist)
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../e2e/staticServer.mjs';
import { measureFrames } from './frames.mjs';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 20) || 20;
const dist = fileURLToPath(new URL('../dist', import.meta.url));

const CASES = [
  { name: 'two worlds: calm, heuristic / all_hoard, 100 banks each, 2 steps/s (the brief\'s event rate)',
    query: '?scenario=calm&banks=100&speed=2&autoplay=1&compare=policy:all_hoard' },
  { name: 'one world: liquidity freeze, 100 banks, 2 steps/s', query: '?scenario=liquidity_freeze&banks=100&speed=2&autoplay=1' },
  { name: 'two worlds: liquidity freeze, heuristic / heuristic+no_hoard, 100 banks each, 2 steps/s',
    query: '?scenario=liquidity_freeze&banks=100&speed=2&autoplay=1&compare=policy:heuristic%2Bno_hoard' },
  { name: 'two worlds: fire-sale spiral, heuristic / all_hold, 100 banks each, 5 steps/s',
    query: '?scenario=fire_sale_spiral&banks=100&speed=5&autoplay=1&compare=policy:all_hold' },
];

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const site = await serveStatic({ root: dist, prefix: '/finsim/' });
try {
  console.log(`Load average (1 / 5 / 15 min) at the start: ${loadavg().map((x) => x.toFixed(1)).join(' / ')}.\n`);
  console.log('| case | steps (world A) | frames | median ms | p99 ms | max ms | frames > 25 ms | share > 25 ms | long tasks |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const when = [];
  for (const c of CASES) {
    const r = await measureFrames({ url: `${site.url}${c.query}`, seconds });
    when.push(`- ${c.name}: ${r.over25At.length ? r.over25At.join(', ') : 'none'}`);
    console.log(`| ${c.name} | ${r.steps} | ${r.frames} | ${fmt(r.medianMs)} | ${fmt(r.p99Ms)} | ${fmt(r.maxMs)} | ${r.over25} | `
      + `${fmt((100 * r.over25) / r.frames, 2)} % | ${r.longTasks} |`);
    if (r.errors.length) console.log(`  page errors: ${r.errors.join('; ')}`);
  }
  console.log(`\nFrames over 25 ms, each as its length @ seconds after the first state:\n${when.join('\n')}`);
} finally {
  await site.close();
}
