// Takes docs/screenshot.png: the app mid-crisis (liquidity freeze, a few steps after the shock), with a
// bank selected in the inspector and the step's animations on the graph.
// Usage: npm run screenshot --workspace web   (needs web/dist)
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../e2e/staticServer.mjs';
import { launchBrowser } from '../e2e/browser.mjs';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const target = process.argv[2] ?? `${webRoot}../docs/screenshot.png`;
const site = await serveStatic({ root: `${webRoot}dist`, prefix: '/finsim/' });
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(`${site.url}?scenario=liquidity_freeze&seed=42&speed=2&autoplay=1`);
  await page.waitForFunction(() => (window.__finsimLastTimestep ?? 0) >= 12, null, { timeout: 60000 });
  await page.getByTestId('play-pause').click();
  const id = await page.evaluate(() => {
    const cy = window.__finsimCy;
    const stressed = cy.nodes('[!defaulted]').filter((n) => n.data('glow') >= 2 && n.data('tier') <= 2);
    return (stressed.nonempty() ? stressed : cy.nodes('[!defaulted]'))[0].id();
  });
  await page.evaluate((nodeId) => window.__finsimStore.getState().selectBank(nodeId), id);
  await page.getByTestId('step').click();
  await page.waitForTimeout(450);
  await page.screenshot({ path: target });
  console.log(`screenshot: ${target} (bank ${id} selected)`);
} finally {
  await browser.close();
  await site.close();
}
