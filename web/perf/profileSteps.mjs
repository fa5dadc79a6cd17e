// Where a step's time goes while a page plays: the main thread's JavaScript CPU profile (Chrome's
// sampling profiler over CDP) for `seconds`, summed by function (self time), the top entries printed.
// Not a test; a tool to find what makes frames long. Native canvas drawing shows as the self time of
// the JavaScript function that called it (Cytoscape's renderer).
// Usage: node perf/profileSteps.mjs [--seconds 15] [--top 30] [QUERY]   (needs web/dist)
//   QUERY default: two 100-bank worlds, liquidity_freeze, 2 steps/s (the Compare view's case)
import { commandLine, withPlayingPage } from './playingPage.mjs';

const { option, query } = commandLine();
const seconds = option('--seconds', 15);
const top = option('--top', 30);

await withPlayingPage(query, async (page) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(seconds * 1000);
  const { profile } = await cdp.send('Profiler.stop');
  // Self time per node = its hit count × the sampling interval; summed by function name and file.
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * interval;
    total += ms;
    const f = node.callFrame;
    const file = f.url ? f.url.split('/').pop() : '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`${seconds} s profiled, ${profile.samples.length} samples, ${(total).toFixed(0)} ms in all`);
  for (const [key, ms] of rows) console.log(`${ms.toFixed(0).padStart(7)} ms  ${(100 * ms / total).toFixed(1).padStart(5)} %  ${key}`);
});
