// What the tests read from the page: the graph (window.__finsimCy) and the rendered counters.
import { assert } from './harness.mjs';

export async function waitForGraph(page, { nodes } = {}) {
  await page.waitForFunction((n) => {
    const cy = window.__finsimCy;
    return cy && cy.nodes().length > 0 && (n === undefined || cy.nodes().length === n);
  }, nodes, { timeout: 20000 });
}

export const timestep = (page) => page.evaluate(() => window.__finsimLastTimestep ?? -1);

export async function waitForTimestep(page, atLeast, timeout = 20000) {
  await page.waitForFunction((t) => (window.__finsimLastTimestep ?? -1) >= t, atLeast, { timeout });
}

export const searchParams = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));

export async function defaultedNodes(page) {
  return page.evaluate(() => window.__finsimCy.nodes('[?defaulted]').map((n) => ({
    id: n.id(), opacity: Number(n.style('opacity')), colour: n.style('background-color'),
  })));
}

export async function clickNode(page, id) {
  const point = await page.evaluate((nodeId) => {
    const cy = window.__finsimCy;
    const p = cy.getElementById(nodeId).renderedPosition();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

export async function statusText(page, testid) {
  const text = await page.getByTestId(testid).textContent();
  assert(text !== null, `${testid} is on the page`);
  return text;
}
