// Every bank big enough to see and click (web/src/graph/visualEncoding.js, nodeSize): at 1,000 banks on
// a 1280 × 800 page the smallest bank is drawn at least 4.5 px across, no two banks' discs meet, and a
// tier-3 bank at the edge of the network can be clicked; the 100-bank network is drawn as before. The
// stage goes to build/e2e-artifacts/graph-1000.png (and graph-100.png), the sizes to the log.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';
import { clickNode, waitForGraph } from './pageHelpers.mjs';

const artifacts = fileURLToPath(new URL('../../build/e2e-artifacts/', import.meta.url));

/** In the page: each tier's drawn diameter (px, border included), the zoom, and the tightest gap between two banks' discs. */
function drawnSizes() {
  const cy = window.__finsimCy;
  const tiers = {};
  const discs = cy.nodes().map((n) => {
    const p = n.renderedPosition();
    const d = n.renderedOuterWidth();
    const tier = n.data('tier');
    tiers[tier] = Math.min(tiers[tier] ?? Infinity, d);
    return { x: p.x, y: p.y, r: d / 2 };
  });
  let tightest = Infinity;
  for (let i = 0; i < discs.length; i++) {
    for (let j = i + 1; j < discs.length; j++) {
      const a = discs[i];
      const b = discs[j];
      tightest = Math.min(tightest, Math.hypot(a.x - b.x, a.y - b.y) - a.r - b.r);
    }
  }
  return { zoom: cy.zoom(), tiers, tightest };
}

export function graphSizeTests(harness, { siteUrl }) {
  harness.test('graph size: every one of 1,000 banks is drawn at least 4.5 px across, apart, and clickable (1280 × 800)', async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    mkdirSync(artifacts, { recursive: true });

    await page.goto(`${siteUrl}?banks=100`);
    await waitForGraph(page, { nodes: 100 });
    await page.getByTestId('headline').waitFor();
    await page.waitForTimeout(300);  // the fit follows the boxes over the stage by a frame
    const small = await page.evaluate(drawnSizes);
    await page.locator('.stage').screenshot({ path: `${artifacts}graph-100.png` });

    await page.goto(`${siteUrl}?banks=1000`);
    await waitForGraph(page, { nodes: 1000 });
    await page.getByTestId('headline').waitFor();
    await page.waitForTimeout(300);
    const large = await page.evaluate(drawnSizes);
    await page.locator('.stage').screenshot({ path: `${artifacts}graph-1000.png` });
    const fmt = ({ zoom, tiers, tightest }) => `zoom ${zoom.toFixed(3)}, tiers ${Object.entries(tiers).map(([t, d]) => `${t}: ${d.toFixed(1)} px`).join(', ')}, tightest gap ${tightest.toFixed(2)} px`;
    console.log(`       100 banks: ${fmt(small)}\n       1,000 banks: ${fmt(large)}`);

    assert(Math.min(...Object.values(large.tiers)) >= 4.5, `every bank at least 4.5 px across: ${fmt(large)}`);
    assert(large.tightest > 0, `no two banks' discs meet: ${fmt(large)}`);
    assert(Math.min(...Object.values(small.tiers)) >= 7, `100 banks as before (the smallest about 8 px): ${fmt(small)}`);

    // The outermost bank of the periphery, clicked where it is drawn, is selected and inspected.
    const outer = await page.evaluate(() => {
      const cy = window.__finsimCy;
      return cy.nodes('[tier = 3]').max((n) => Math.hypot(n.position('x'), n.position('y'))).ele.id();
    });
    await clickNode(page, outer);
    await page.waitForFunction((id) => String(window.__finsimStore.getState().selectedBank) === id, outer, { timeout: 5000 });
  });
}
