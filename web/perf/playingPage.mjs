// The page playing a run, for the profiling tools (profileSteps.mjs, traceFrames.mjs): the built site
// (web/dist) served on loopback, Debian's Chromium at 1440 × 900, the address's graph drawn. Also the
// tools' command-line reading: `--name N` options and one address (`?…`).
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/browser.mjs';
import { serveStatic } from '../e2e/staticServer.mjs';

/** Two 100-bank worlds in the liquidity freeze at 2 steps/s: the Compare view's case. */
export const COMPARE_CASE = '?scenario=liquidity_freeze&banks=100&speed=2&autoplay=1&compare=policy:heuristic%2Bno_hoard';

export function commandLine(args = process.argv.slice(2)) {
  return {
    option: (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback),
    flag: (name) => args.includes(name),
    query: args.find((a) => a.startsWith('?')) ?? COMPARE_CASE,
  };
}

/** Calls `work(page)` once the address's graph is drawn; closes the browser and the server after. */
export async function withPlayingPage(query, work) {
  const site = await serveStatic({ root: fileURLToPath(new URL('../dist', import.meta.url)), prefix: '/finsim/' });
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${site.url}${query}`);
    await page.waitForFunction(() => window.__finsimCy && window.__finsimCy.nodes().length > 0, null, { timeout: 60000 });
    return await work(page);
  } finally {
    await browser.close();
    await site.close();
  }
}
