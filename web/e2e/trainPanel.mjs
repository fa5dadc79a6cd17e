// The Train panel (worker mode): a very short training in the worker with a growing learning curve while
// the simulation keeps stepping and the page stays responsive, then the trained banks run.
import { assert } from './harness.mjs';
import { timestep, waitForGraph, waitForTimestep } from './pageHelpers.mjs';

const curvePoints = (page) => page.evaluate(() => Number(document.querySelector('[data-testid=train-curve]')?.dataset.points ?? 0));

// Records the gaps between 10 ms timer callbacks on the page's main thread until stopped: the longest,
// and how many exceeded 200 ms. Training on the main thread would stall it once per iteration (≥ 0.25 s
// each, ten iterations); one long frame on a loaded machine must not fail the test.
const startLagProbe = (page) => page.evaluate(() => {
  window.__finsimLag = { max: 0, long: 0, last: performance.now(), on: true };
  const tick = () => {
    const now = performance.now();
    const gap = now - window.__finsimLag.last;
    window.__finsimLag.max = Math.max(window.__finsimLag.max, gap);
    if (gap > 200) window.__finsimLag.long += 1;
    window.__finsimLag.last = now;
    if (window.__finsimLag.on) setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
});
const stopLagProbe = (page) => page.evaluate(() => { window.__finsimLag.on = false; return window.__finsimLag; });

export function trainPanelTests(harness, { siteUrl }) {
  harness.test('train panel: a short training draws its curve, then the trained banks run', async (page) => {
    await page.goto(`${siteUrl}?speed=20`);
    await waitForGraph(page, { nodes: 100 });
    await page.getByTestId('train-scenario').selectOption('core_default');
    await page.getByTestId('train-budget').selectOption('1000');
    await page.getByTestId('play-pause').click();  // the simulation keeps stepping while the worker trains
    await startLagProbe(page);
    const stepAtStart = await timestep(page);
    await page.getByTestId('train-start').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=train-curve]')?.dataset.points ?? 0) >= 2,
      null, { timeout: 30000 });
    const early = await curvePoints(page);
    await page.waitForFunction(() => document.querySelector('[data-testid=train-panel]').dataset.state === 'done', null, { timeout: 30000 });
    const lag = await stopLagProbe(page);
    const points = await curvePoints(page);
    assert(points === 10 && points > early, `the curve grew to one point per iteration (${early} → ${points})`);
    assert(await timestep(page) > stepAtStart + 5, 'the simulation advanced while training');
    assert(lag.long <= 2, `the main thread stayed responsive (${lag.long} timer gaps over 200 ms, longest ${lag.max.toFixed(0)} ms)`);
    assert(/agent-steps\/s/i.test(await page.getByTestId('train-speed').textContent()), 'throughput shown');
    assert((await page.getByTestId('train-status').textContent()).includes('trained'), 'status names the policy');

    const beforeWatch = await timestep(page);
    await page.getByTestId('train-watch').click();
    await page.waitForFunction((t) => (window.__finsimLastTimestep ?? -1) < t, beforeWatch);  // the reset landed
    await page.waitForFunction(() => document.querySelector('[data-testid=policy]').value === 'trained');
    assert(!new URLSearchParams(await page.evaluate(() => location.search)).has('policy'), 'a tab-local policy stays out of the address');
    assert(await page.getByTestId('scenario').inputValue() === 'core_default', 'on the scenario it trained on');
    await waitForTimestep(page, 5);
    assert(await page.getByTestId('error-toast').count() === 0, 'no control was refused');
  });
}
