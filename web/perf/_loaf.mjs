import { fileURLToPath } from 'node:url';
import { serveStatic } from '../e2e/staticServer.mjs';
import { launchBrowser } from '../e2e/browser.mjs';
const q = process.argv[2] ?? '?scenario=calm&banks=100&speed=2&autoplay=1&compare=policy:all_hoard';
const seconds = Number(process.argv[3] ?? 20);
const site = await serveStatic({ root: fileURLToPath(new URL('../dist', import.meta.url)), prefix: '/finsim/' });
const browser = await launchBrowser();
const page = await browser.context.newPage();
await page.goto(`${site.url}${q}`);
await page.waitForFunction(() => window.__finsimCy && window.__finsimCy.nodes().length > 0, null, { timeout: 60000 });
const out = await page.evaluate((ms) => new Promise((done) => {
  const loafs = []; const t0 = performance.now();
  const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) loafs.push({ at: ((e.startTime - t0) / 1000).toFixed(2), dur: Math.round(e.duration), block: Math.round(e.blockingDuration),
    render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0), style: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0),
    step: window.__finsimLastTimestep,
    scripts: e.scripts.map((s) => `${s.invokerType}:${s.invoker}@${(s.sourceFunctionName||'')}:${s.sourceCharPosition} ${Math.round(s.duration)}ms fl${Math.round(s.forcedStyleAndLayoutDuration)}`) }); });
  obs.observe({ type: 'long-animation-frame', buffered: false });
  const deltas = []; let last = performance.now();
  const cys = () => [...document.querySelectorAll('div')].filter((d) => d._cyreg?.cy).map((d) => d._cyreg.cy.nodes().length + '/' + d._cyreg.cy.edges().length).join(',');
  const info = [];
  const f = (now) => { if (now - last > 25 || now - t0 < 1500) info.push(`${Math.round(now - last)}@${((now - t0) / 1000).toFixed(2)}[${cys()} s${window.__finsimLastTimestep}]`); deltas.push([now - last, (now - t0) / 1000]); last = now; if (now - t0 < ms) requestAnimationFrame(f); else { obs.disconnect(); done({ info, loafs, long: deltas.filter(([d]) => d > 25).map(([d, at]) => `${Math.round(d)}@${at.toFixed(2)}`) }); } };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(f); });
}), seconds * 1000);
console.log('long frames:', out.long.join(' '));
console.log(out.info.filter((x) => !x.startsWith('17@') && !x.startsWith('16@')).join(' '));
for (const l of out.loafs.filter((l) => l.dur > 30)) console.log(JSON.stringify(l));
await browser.close(); await site.close();
