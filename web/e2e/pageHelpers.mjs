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
  // How graph/bankLayer.js draws each failed bank.
  return page.evaluate(() => window.__finsimCy.nodes('[?defaulted]').map((n) => {
    const look = window.__finsimBankLook(n.id());
    return { id: n.id(), opacity: look.opacity, colour: look.fill };
  }));
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

/** Moves the timeline's slider to `step` as a person dragging it would (an input event). */
export function scrubTo(page, step) {
  return page.evaluate((value) => {
    const input = document.querySelector('[data-testid=scrub-range]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, step);
}

/**
 * Scrubs the timeline to each of `steps` in turn and times each: from the slider's input event to the
 * first animation frame painted after it ({total, handled: the input handler's own share}, ms). Throws
 * in the page if a step is not the one drawn: by the one-world graph, or by every world of `worlds`
 * (Compare's 'a', 'b').
 */
export function timeScrubs(page, steps, worlds = null) {
  return page.evaluate(async ({ steps, worlds }) => {
    const input = document.querySelector('[data-testid=scrub-range]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const out = [];
    for (let i = 0; i < steps.length; i++) {
      await painted();
      performance.mark(`scrub-start-${i}`);
      setValue.call(input, String(steps[i]));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const handled = performance.now() - performance.getEntriesByName(`scrub-start-${i}`)[0].startTime;
      await painted();
      performance.mark(`scrub-painted-${i}`);
      const m = performance.measure(`scrub-${i}`, `scrub-start-${i}`, `scrub-painted-${i}`);
      performance.clearMarks();
      performance.clearMeasures();
      const drawn = worlds ? worlds.map((w) => window.__finsimWorlds[w].timestep) : [window.__finsimLastTimestep];
      if (drawn.some((s) => s !== steps[i])) throw new Error(`step ${steps[i]} not drawn (${drawn})`);
      out.push({ total: m.duration, handled });
    }
    return out;
  }, { steps, worlds });
}
