// Frame-time measurement in the page: a requestAnimationFrame loop records the interval between
// frames (what a person perceives as smoothness) and long tasks, for `seconds` after the first state.
import { launchBrowser } from '../e2e/browser.mjs';

export function quantile(values, q) {
  if (!values.length) return NaN;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.round(q * (v.length - 1)))];
}

export async function measureFrames({ url, seconds = 20, viewport }) {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => window.__finsimCy && window.__finsimCy.nodes().length > 0, null, { timeout: 60000 });
    const firstRenderMs = await page.evaluate(() => window.__finsimFirstRenderMs);
    const graph = await page.evaluate(() => ({ nodes: window.__finsimCy.nodes().length, edges: window.__finsimCy.edges().length }));
    const counters = () => page.evaluate(() => ({ step: window.__finsimLastTimestep, events: window.__finsimStore.getState().eventsReceived }));
    const start = await counters();
    const result = await page.evaluate((ms) => new Promise((done) => {
      const deltas = [];
      const longTasks = [];
      let observer = null;
      try {
        observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
        observer.observe({ entryTypes: ['longtask'] });
      } catch { /* not supported */ }
      let last = performance.now();
      const end = last + ms;
      const frame = (now) => {
        deltas.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(frame);
        else {
          observer?.disconnect();
          done({ deltas, longTasks });
        }
      };
      requestAnimationFrame((now) => { last = now; requestAnimationFrame(frame); });
    }), seconds * 1000);
    const end = await counters();
    await page.close();
    const d = result.deltas;
    return {
      graph,
      firstRenderMs,
      steps: end.step - start.step,
      eventsPerSecond: (end.events - start.events) / seconds,
      frames: d.length,
      medianMs: quantile(d, 0.5),
      p99Ms: quantile(d, 0.99),
      maxMs: Math.max(...d),
      over25: d.filter((x) => x > 25).length,
      over25At: d.map((x, i) => [x, d.slice(0, i).reduce((a, b) => a + b, 0)]).filter(([x]) => x > 25).map(([x, at]) => `${Math.round(x)}ms@${(at / 1000).toFixed(1)}s`),
      longTasks: result.longTasks.length,
      errors,
    };
  } finally {
    await browser.close();
  }
}
