// Where the long frames go: a Chrome trace (CDP Tracing) of the page playing for `seconds`, and for every
// main-thread task longer than `--over` ms, its time split by the trace's event names (self time: an
// event's duration less its children's). Not a test; a tool to find what makes frames long, beside
// profileSteps.mjs (JavaScript only) — this one also sees style, layout, paint and canvas work.
// Usage: node perf/traceFrames.mjs [--seconds 10] [--over 16] [--quiet] [--top 15] [QUERY]   (needs web/dist;
//   build it unminified, `npx vite build --minify false`, to read Cytoscape's function names)
import { commandLine, withPlayingPage } from './playingPage.mjs';

const { option, flag, query } = commandLine();
const seconds = option('--seconds', 10);
const over = option('--over', 16);
const quiet = flag('--quiet');
const top = option('--top', 15);

await withPlayingPage(query, async (page) => {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const finished = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'toplevel', 'disabled-by-default-v8.cpu_profiler'] },
  });
  await page.waitForTimeout(seconds * 1000);
  await cdp.send('Tracing.end');
  await finished;

  // The renderer's main thread: the thread that ran the page's animation frames.
  const frameThread = events.find((e) => e.name === 'FireAnimationFrame');
  const onMain = events.filter((e) => e.ph === 'X' && frameThread && e.pid === frameThread.pid && e.tid === frameThread.tid)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // The outermost tasks only (a task's name differs between Chromium versions; nested ones are parts).
  const named = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const tasks = named.filter((t) => !named.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && (o.ts < t.ts || o.dur > t.dur || named.indexOf(o) < named.indexOf(t))));
  const long = tasks.filter((t) => t.dur / 1000 > over);
  const total = new Map();
  for (const task of long) {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const self = new Map();
    for (const e of inside) {
      const children = inside.filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur <= e.ts + e.dur
        && !inside.some((m) => m !== e && m !== c && m.ts >= e.ts && m.ts + m.dur <= e.ts + e.dur && c.ts >= m.ts && c.ts + c.dur <= m.ts + m.dur));
      const ms = (e.dur - children.reduce((s, c) => s + c.dur, 0)) / 1000;
      self.set(e.name, (self.get(e.name) ?? 0) + ms);
    }
    const parts = [...self].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
    if (!quiet) console.log(`task ${(task.dur / 1000).toFixed(1)} ms: ${parts.join(', ')}`);
    for (const [n, ms] of self) total.set(n, (total.get(n) ?? 0) + ms);
  }
  const busy = tasks.reduce((s, t) => s + t.dur / 1000, 0);
  console.log(`\n${tasks.length} main-thread tasks in ${seconds} s, ${busy.toFixed(0)} ms busy; ${long.length} over ${over} ms. Their time by event (self ms):`);
  // The JavaScript sampled inside the long tasks (the trace's ProfileChunk events), by function and by
  // the outermost function of the page's bundle on the stack (what started the work).
  const nodes = new Map();
  const samples = [];
  const clocks = new Map();  // one per profile (per thread)
  const mainThread = (e) => frameThread && e.pid === frameThread.pid && e.tid === frameThread.tid;
  for (const e of events.filter((x) => x.name === 'Profile' && mainThread(x))) clocks.set(e.id, e.args.data.startTime);
  // A profile's chunks come from the profiler's thread, named by the profile's id.
  for (const e of events.filter((x) => x.name === 'ProfileChunk' && clocks.has(x.id)).sort((a, b) => a.ts - b.ts)) {
    let clock = clocks.get(e.id);
    const d = e.args.data.cpuProfile ?? {};
    for (const n of d.nodes ?? []) nodes.set(`${e.id}:${n.id}`, n);
    const deltas = e.args.data.timeDeltas ?? [];
    (d.samples ?? []).forEach((id, i) => { clock += deltas[i] ?? 0; samples.push({ key: `${e.id}:${id}`, ts: clock }); });
    clocks.set(e.id, clock);
  }
  const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame?.url ? n.callFrame.url.split('/').pop() : ''}:${n.callFrame.lineNumber + 1}`;
  const inLong = samples.filter((x) => long.some((t) => x.ts >= t.ts && x.ts <= t.ts + t.dur));
  const leaf = new Map();
  const root = new Map();
  const inclusive = new Map();
  for (const x of inLong) {
    let n = nodes.get(x.key);
    if (!n) continue;
    leaf.set(name(n), (leaf.get(name(n)) ?? 0) + 1);
    let outer = null;
    const prefix = x.key.split(':')[0];
    const seen = new Set();
    for (let m = n; m; m = m.parent !== undefined ? nodes.get(`${prefix}:${m.parent}`) : null) {
      if ((m.callFrame.url ?? '').includes('/assets/')) outer = m;
      seen.add(name(m));
    }
    for (const f of seen) inclusive.set(f, (inclusive.get(f) ?? 0) + 1);
    const o = outer ? name(outer) : '(outside the page\'s code)';
    root.set(o, (root.get(o) ?? 0) + 1);
  }
  const show = (title, map) => {
    console.log(`\n${title} (${inLong.length} samples inside the long tasks):`);
    for (const [n, c] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(c).padStart(6)}  ${n}`);
  };
  if (samples.length) { show('JavaScript samples by function', leaf); show('by the outermost function of the page', root); show('by function, with what it calls', inclusive); }
  const bins = [4, 8, 12, 16, 25, 33, 50, Infinity];
  const histogram = bins.map((b, i) => `${i ? bins[i - 1] : 0}–${b} ms: ${tasks.filter((t) => t.dur / 1000 > (i ? bins[i - 1] : 0) && t.dur / 1000 <= b).length}`);
  console.log(`tasks by length: ${histogram.join(', ')}`);
  for (const [n, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)}  ${n}`);
});
