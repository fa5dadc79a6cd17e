// Lessons you can see (issue 12): the page's layout. Nothing drawn over a graph covers a bank — on the
// one-world page, with 1,000 banks, with a notice, scrubbed back, and on a lesson's two graphs — at
// 1280 × 800 and on a 390 × 844 phone; the page works on phones (390 × 844, 360 × 740: a graph you can
// see, metrics you can read, controls you can reach, nothing scrolling sideways); the embed names its
// policy (also after a reload), resets to step 0 and refits its graph when its frame is resized; a lesson's
// embed names the lesson and both worlds' policies, resets both to the lesson's start, refits both graphs
// and keeps its bar under them.
// Screenshots: build/e2e-artifacts/layout-*.png (not committed; look at them).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';
import { waitForGraph, waitForTimestep } from './pageHelpers.mjs';

const artifacts = fileURLToPath(new URL('../../build/e2e-artifacts/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONES = [{ width: 390, height: 844 }, { width: 360, height: 740 }];

async function shoot(target, name, fullPage = true) {
  mkdirSync(artifacts, { recursive: true });
  await target.screenshot({ path: `${artifacts}layout-${name}.png`, fullPage });
}

/**
 * In the page: for every graph shown (the page's, or a comparison's two), the banks whose rendered box
 * meets a box drawn over the graph, and the banks outside the graph's frame. A box is any element in
 * the graph's stage, outside the graph, that paints a background or a border (headline, notices,
 * legend, badges, tags, the embed's bar), except the replay frame (a border along the stage's edge).
 * Returns {graphs, problems: [text]}.
 */
function coveredBanks() {
  const graphs = window.__finsimWorldCy ? Object.values(window.__finsimWorldCy) : [window.__finsimCy];
  const paints = (e) => {
    const s = getComputedStyle(e);
    const background = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
    return background || s.backgroundImage !== 'none' || parseFloat(s.borderTopWidth) > 0 || parseFloat(s.borderLeftWidth) > 0;
  };
  const problems = [];
  for (const cy of graphs) {
    const container = cy.container();
    const stage = container.closest('.stage');
    const graph = container.closest('.graph');
    const frame = container.getBoundingClientRect();
    const boxes = [...stage.querySelectorAll('*')]
      .filter((e) => !graph.contains(e) && !e.matches('.replay-frame') && paints(e))
      .map((e) => ({ name: `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    cy.nodes().forEach((n) => {
      const b = n.renderedBoundingBox();
      const r = { left: frame.left + b.x1, top: frame.top + b.y1, right: frame.left + b.x2, bottom: frame.top + b.y2 };
      if (r.left < frame.left - 0.5 || r.top < frame.top - 0.5 || r.right > frame.right + 0.5 || r.bottom > frame.bottom + 0.5) {
        problems.push(`bank ${n.id()} outside its graph's frame`);
      }
      for (const { name, r: o } of boxes) {
        if (r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom) problems.push(`bank ${n.id()} under ${name}`);
      }
    });
  }
  return { graphs: graphs.length, problems };
}

/** Waits until no bank is covered (the fit follows the boxes within a frame or two); fails with the first ones. */
async function assertNoBankCovered(target, what) {
  try {
    await target.waitForFunction(`(${coveredBanks})().problems.length === 0`, null, { timeout: 5000 });
  } catch {
    const { problems } = await target.evaluate(`(${coveredBanks})()`);
    throw new Error(`${what}: ${problems.length} banks covered or cut off, e.g. ${problems.slice(0, 4).join('; ')}`);
  }
}

async function waitForWorldGraphs(page, nodes = 100) {
  await page.waitForFunction((n) => ['a', 'b'].every((w) => window.__finsimWorldCy?.[w]?.nodes().length === n), nodes, { timeout: 30000 });
}

/** The rendered box of all the banks of the page's graph, and its frame (px). */
const graphExtent = (target) => target.evaluate(() => {
  const cy = window.__finsimCy;
  const b = cy.nodes().renderedBoundingBox();
  return { w: b.w, h: b.h, frameW: cy.width(), frameH: cy.height(), zoom: cy.zoom() };
});

export function layoutTests(harness, { siteUrl }) {
  const sizes = [['desktop', DESKTOP], ['phone', PHONES[0]]];

  harness.test('layout: no box over the graph covers a bank (page, 1,000 banks, notice, replay; desktop and phone)', async (page) => {
    for (const [label, size] of sizes) {
      await page.setViewportSize(size);
      await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42`);
      await waitForGraph(page, { nodes: 100 });
      await page.getByTestId('headline').waitFor();
      await assertNoBankCovered(page, `${label}, the default page`);
      await shoot(page, `${label}-page`, false);

      await page.getByTestId('step').click();
      await waitForTimestep(page, 1);
      await page.getByTestId('step').click();
      await waitForTimestep(page, 2);
      await page.getByTestId('scrub-back').click();
      await page.getByTestId('replay-badge').waitFor();
      await assertNoBankCovered(page, `${label}, scrubbed back (the replay badge)`);

      await page.goto(`${siteUrl}?scenario=core_default&policy=mappo_cooperative`);
      await waitForGraph(page, { nodes: 100 });
      await page.getByTestId('notices').waitFor();
      await assertNoBankCovered(page, `${label}, with a notice`);
      await shoot(page, `${label}-notice`, false);

      await page.goto(`${siteUrl}?banks=1000`);
      await waitForGraph(page, { nodes: 1000 });
      await page.getByTestId('headline').waitFor();
      await assertNoBankCovered(page, `${label}, 1,000 banks`);
      await shoot(page, `${label}-1000-banks`, false);
    }
  });

  harness.test('layout: no box over a lesson\'s two graphs covers a bank (desktop and phone)', async (page) => {
    for (const [label, size] of sizes) {
      await page.setViewportSize(size);
      await page.goto(`${siteUrl}?lesson=3`);
      await waitForWorldGraphs(page);
      await page.getByTestId('world-b-label').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=headline]').length === 2);
      await assertNoBankCovered(page, `${label}, lesson 3`);
      await shoot(page, `${label}-lesson`);
    }
  });

  harness.test('layout: on a phone the graph, the controls and the metrics are usable (390 × 844, 360 × 740)', async (page) => {
    for (const size of PHONES) {
      const name = `${size.width}x${size.height}`;
      await page.setViewportSize(size);
      await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&speed=20`);
      await waitForGraph(page, { nodes: 100 });
      const m = await page.evaluate(() => {
        const box = (sel) => document.querySelector(sel)?.getBoundingClientRect();
        const stage = box('.layout > .stage');
        return {
          scrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
          stage: { w: stage.width, h: stage.height, bottom: stage.bottom },
          metricsTop: box('[data-testid=metrics]').top,
          charts: [...document.querySelectorAll('[data-testid=metrics] .spark')].map((f) => ({
            figure: f.getBoundingClientRect().height, chart: f.querySelector('svg').getBoundingClientRect().height,
            width: f.querySelector('svg').getBoundingClientRect().width,
          })),
        };
      });
      await assertNoBankCovered(page, `${name}, the default page`);
      const extent = await graphExtent(page);
      assert(!m.scrollsSideways, `${name}: the page does not scroll sideways`);
      assert(m.stage.w >= size.width - 24 && m.stage.h >= 0.55 * size.height, `${name}: the graph's stage is large (${JSON.stringify(m.stage)})`);
      assert(Math.max(extent.w, extent.h) >= 0.8 * Math.min(extent.frameW, extent.frameH),
        `${name}: the banks fill the stage (${JSON.stringify(extent)})`);
      assert(m.metricsTop >= m.stage.bottom, `${name}: the metrics are under the graph`);
      assert(m.charts.length === 4 && m.charts.every((c) => c.chart >= 120 && c.width >= 280),
        `${name}: every metric chart is at least 120 px tall and 280 px wide (${JSON.stringify(m.charts)})`);

      // Every control is reachable: play from the panel under the graph, watch the metrics move, pause.
      await page.getByTestId('play-pause').scrollIntoViewIfNeeded();
      await page.getByTestId('play-pause').click();
      await waitForTimestep(page, 12);
      await page.getByTestId('play-pause').click();
      await page.getByTestId('scenario').scrollIntoViewIfNeeded();
      assert(await page.getByTestId('scenario').isVisible(), `${name}: the settings are reachable`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, `phone-${name}`);
      await page.getByTestId('metrics').scrollIntoViewIfNeeded();
      await shoot(page, `phone-${name}-metrics`, false);
    }
  });

  harness.test('layout: the embed names its policy (after a reload too), resets to step 0 and refits when resized', async (page) => {
    await page.setViewportSize(DESKTOP);
    const src = `${siteUrl}?embed=1&scenario=core_default&seed=3&policy=mappo-cooperative&speed=20`;
    await page.setContent(`<body style="margin:0;background:#fff"><iframe id="embed" src="${src}" width="800" height="520"
      style="border:0;display:block" title="FinSim"></iframe></body>`);
    const frame = page.frameLocator('#embed');
    const inner = () => page.frame({ url: /embed=1/ });
    await frame.getByTestId('headline-policy').waitFor({ timeout: 20000 });
    await waitForGraph(inner(), { nodes: 100 });
    const policyShown = async () => ({
      policy: await frame.getByTestId('headline-policy').getAttribute('data-policy'),
      text: await frame.getByTestId('headline-policy').textContent(),
    });
    let shown = await policyShown();
    assert(shown.policy === 'mappo-cooperative' && shown.text.includes('Mappo-cooperative'), `the embed names its policy: ${JSON.stringify(shown)}`);
    assert(await frame.getByTestId('reset').isVisible(), 'the embed has a reset button');
    await assertNoBankCovered(inner(), 'the embed at 800 × 520');
    await shoot(page, 'embed-800x520', false);

    await frame.getByTestId('play-pause').click();
    await waitForTimestep(inner(), 5);
    await frame.getByTestId('reset').click();
    await inner().waitForFunction(() => window.__finsimLastTimestep === 0 && document.querySelector('[data-testid=timestep]').textContent === '0');
    await inner().waitForFunction(() => document.querySelector('[data-testid=play-pause]').textContent.includes('Play'));
    shown = await policyShown();
    assert(shown.policy === 'mappo-cooperative', `the reset keeps the policy: ${JSON.stringify(shown)}`);

    // A narrower, taller frame: the graph is refitted to it, every bank inside and clear of the boxes.
    const before = await graphExtent(inner());
    await page.evaluate(() => { const f = document.getElementById('embed'); f.width = '380'; f.height = '600'; });
    await inner().waitForFunction((w) => window.__finsimCy.width() !== w, before.frameW);
    await assertNoBankCovered(inner(), 'the embed resized to 380 × 600');
    const after = await graphExtent(inner());
    assert(after.zoom < before.zoom && Math.max(after.w, after.h) >= 0.75 * after.frameW,
      `the graph was refitted to the frame (before ${JSON.stringify(before)}, after ${JSON.stringify(after)})`);
    await shoot(page, 'embed-380x600', false);

    // The address shared or reloaded: the learned policy (a name with a hyphen) still runs.
    await inner().goto(src);
    await frame.getByTestId('headline-policy').waitFor({ timeout: 20000 });
    await inner().waitForFunction(() => document.querySelector('[data-testid=headline-policy]')?.dataset.policy === 'mappo-cooperative');
    assert(await frame.getByTestId('notices').count() === 0, 'no notice: the engine has this policy');
  });

  harness.test('layout: a lesson\'s embed names the lesson and both policies, resets both worlds to its start and refits both graphs, its bar under them', async (page) => {
    await page.setViewportSize(DESKTOP);
    const src = `${siteUrl}?embed=1&lesson=3`;
    await page.setContent(`<body style="margin:0;background:#fff"><iframe id="embed" src="${src}" width="800" height="520"
      style="border:0;display:block" title="FinSim"></iframe></body>`);
    const frame = page.frameLocator('#embed');
    const inner = () => page.frame({ url: /embed=1/ });
    await frame.getByTestId('compare-embed-lesson').waitFor({ timeout: 20000 });
    await waitForWorldGraphs(inner());
    const steps = () => inner().evaluate(() => ['a', 'b'].map((w) => window.__finsimWorlds?.[w]?.timestep ?? -1));
    await inner().waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds?.[w]?.timestep === 9), null, { timeout: 20000 });
    assert((await frame.getByTestId('compare-embed-lesson').textContent()) === 'Lesson 3: A lender of last resort',
      await frame.getByTestId('compare-embed-lesson').textContent());
    const policies = await frame.getByTestId('headline-policy').evaluateAll((els) => els.map((e) => [e.dataset.policy, e.textContent]));
    assert(policies.length === 2 && policies.every(([p, text]) => p === 'heuristic' && text.includes('Heuristic')),
      `each world names its policy: ${JSON.stringify(policies)}`);
    const barUnderGraphs = () => inner().evaluate(() => {
      const bar = document.querySelector('.embed-bar').getBoundingClientRect();
      return [...document.querySelectorAll('.compare-stage')].every((s) => s.getBoundingClientRect().bottom <= bar.top + 0.5);
    });
    assert(await barUnderGraphs(), 'the bar lies under both graphs');
    await assertNoBankCovered(inner(), 'the lesson embed at 800 × 520');
    await shoot(page, 'embed-lesson-800x520', false);

    await frame.getByTestId('compare-step').click();
    await inner().waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds[w].timestep === 10));
    await inner().evaluate(() => {
      window.__backAtZero = { a: false, b: false };
      for (const w of ['a', 'b']) {
        window.__finsimWorldStores[w].subscribe((s) => { if (s.state?.timestep === 0) window.__backAtZero[w] = true; });
      }
    });
    await frame.getByTestId('compare-reset').click();
    await inner().waitForFunction(() => window.__backAtZero.a && window.__backAtZero.b, null, { timeout: 20000 });
    await inner().waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds[w].timestep === 9), null, { timeout: 20000 });
    assert(JSON.stringify(await steps()) === '[9,9]', 'reset brings both worlds back to the lesson\'s start, paused');

    // Playing, the bar keeps its height, so neither graph is resized or refitted from step to step.
    await inner().evaluate(() => {
      window.__graphResizes = 0;
      const observer = new ResizeObserver((entries) => { window.__graphResizes += entries.length; });
      for (const w of ['a', 'b']) observer.observe(window.__finsimWorldCy[w].container());
    });
    await inner().waitForTimeout(100);
    const before = await inner().evaluate(() => window.__graphResizes);
    await frame.getByTestId('compare-play').click();
    await inner().waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds[w].timestep >= 14), null, { timeout: 20000 });
    await frame.getByTestId('compare-play').click();
    const resized = await inner().evaluate(() => window.__graphResizes);
    assert(resized === before, `no graph resized while playing steps 9-14 (${resized - before} resizes)`);

    // A narrower, taller frame: both graphs are stacked and refitted, every bank inside its frame, the bar under them.
    const widths = await inner().evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldCy[w].width()));
    await page.evaluate(() => { const f = document.getElementById('embed'); f.width = '380'; f.height = '640'; });
    await inner().waitForFunction((w) => window.__finsimWorldCy.a.width() !== w[0] && window.__finsimWorldCy.b.width() !== w[1], widths);
    await assertNoBankCovered(inner(), 'the lesson embed resized to 380 × 640');
    assert(await barUnderGraphs(), 'the bar lies under both graphs in the narrow frame');
    await shoot(page, 'embed-lesson-380x640', false);
    // Refitted: the banks fill the part of each stage the headline and the tag leave free (graph/viewportFit.js).
    const extents = await inner().evaluate(() => ['a', 'b'].map((w) => {
      const cy = window.__finsimWorldCy[w];
      const b = cy.nodes().renderedBoundingBox();
      const [x1, y1, x2, y2] = cy.container().getAttribute('data-fit-area').split(' ').map(Number);
      return { w: Math.round(b.w), h: Math.round(b.h), freeW: x2 - x1, freeH: y2 - y1, frameW: cy.width(), frameH: cy.height() };
    }));
    assert(extents.every((e) => e.frameW <= 380 && Math.max(e.w / e.freeW, e.h / e.freeH) >= 0.75),
      `both graphs refitted to the frame: ${JSON.stringify(extents)}`);
    // Stacked, each headline names the scenario and the policy without their labels, in two lines, so the
    // banks are drawn larger.
    assert(extents.every((e) => Math.min(e.w, e.h) >= 140), `each graph at least 140 px across at 380 × 640: ${JSON.stringify(extents)}`);
    const headlines = await inner().evaluate(() => [...document.querySelectorAll('.compare-stage .headline')].map((h) => ({
      scenario: h.querySelector('[data-fact=scenario]')?.innerText, policy: h.querySelector('[data-fact=policy]')?.innerText,
      // Lines: facts on one line overlap vertically (their tops differ: aligned on the baseline).
      lines: [...h.children].map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0).sort((a, b) => a.top - b.top)
        .reduce((acc, r) => (acc.bottom === null || r.top >= acc.bottom - 2 ? { n: acc.n + 1, bottom: r.bottom }
          : { n: acc.n, bottom: Math.max(acc.bottom, r.bottom) }), { n: 0, bottom: null }).n })));
    assert(headlines.length === 2 && headlines.every((h) => h.scenario === 'Liquidity freeze' && h.policy === 'Heuristic' && h.lines <= 2),
      `the stacked headlines name the scenario and the policy in two lines: ${JSON.stringify(headlines)}`);
  });
}
