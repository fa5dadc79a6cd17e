// Compare: two worlds, one difference (issue 12). A compare address opens two graphs that play in
// lockstep and narrate their difference from the engines' figures; a phone stacks them; the embed keeps
// them; the "Compare…" control opens one; an intervention acts in world B only; a hoard marks its
// recalled loans and the borrowers hit on the graph; a bank clicked on either graph is inspected in both
// worlds, and "Why did it fail?" asks that world's engine; the lessons open paused before the shock and show
// their difference on the graphs within 30 s of play; on a finsim-server the comparison runs in two named
// sessions, closed when the page leaves; one timeline scrubs both worlds back together, a failure in the
// list of both worlds' events selects its bank and step, Record clip records both graphs side by side.
// Screenshots: build/e2e-artifacts/compare-*.png (look at them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';
import { ensureServerBuilt, startRealServer } from './serverMode.mjs';
import { decodeInPage } from './recordClip.mjs';
import { timeScrubs } from './pageHelpers.mjs';

const SCRUB_TARGET_MS = 100;  // one world's (web/e2e/rewind.mjs); two worlds repaint two graphs

const artifacts = fileURLToPath(new URL('../../build/e2e-artifacts/', import.meta.url));

async function shoot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

/** Both worlds' graphs drawn with `nodes` banks each. */
async function waitForWorlds(page, nodes = 100, timeout = 30000) {
  await page.waitForFunction((n) => ['a', 'b'].every((w) => window.__finsimWorldCy?.[w]?.nodes().length === n), nodes, { timeout });
}

const worldSteps = (page) => page.evaluate(() => [window.__finsimWorlds?.a?.timestep ?? -1, window.__finsimWorlds?.b?.timestep ?? -1]);

async function waitForWorldStep(page, step, timeout = 30000) {
  await page.waitForFunction((t) => ['a', 'b'].every((w) => (window.__finsimWorlds?.[w]?.timestep ?? -1) >= t), step, { timeout });
}

const failedIn = (page) => page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldCy[w].nodes('[?defaulted]').length));

/** Samples what both worlds show while they play: the graphs' steps and the headlines' steps, together. */
async function sampleLockstep(page, samples = 40) {
  const seen = [];
  for (let i = 0; i < samples; i++) {
    seen.push(await page.evaluate(() => ({
      drawn: [window.__finsimWorlds?.a?.timestep, window.__finsimWorlds?.b?.timestep],
      headline: ['a', 'b'].map((w) => document.querySelector(`[data-testid=world-${w}] [data-testid=timestep]`)?.textContent),
    })));
    await page.waitForTimeout(50);
  }
  return seen;
}

export function compareTests(harness, { siteUrl, dist }) {
  const freeze = '?scenario=liquidity_freeze&seed=42&policy=heuristic';

  harness.test('compare: an address opens two graphs in lockstep that narrate their difference from the engines', async (page) => {
    await page.goto(`${siteUrl}${freeze}&speed=20&autoplay=1&compare=policy:heuristic+no_hoard`);
    await waitForWorlds(page);
    const label = async (w) => (await page.getByTestId(`world-${w}-label`).textContent()).trim();
    await page.waitForFunction(() => document.querySelector('[data-testid=world-a-label]').textContent.includes('Heuristic'));
    assert(await label('a') === 'A Heuristic', await label('a'));
    assert(await label('b') === 'B Heuristic, no hoarding', 'world B named by its difference');
    const seen = await sampleLockstep(page);
    const apart = seen.filter((s) => s.drawn[0] !== s.drawn[1] || s.headline[0] !== s.headline[1]);
    assert(apart.length === 0, `both worlds always show the same step: ${JSON.stringify(apart.slice(0, 3))}`);
    await waitForWorldStep(page, 20);
    await page.getByTestId('compare-play').click();
    await page.waitForTimeout(300);
    const [stepA, stepB] = await worldSteps(page);
    assert(stepA === stepB && stepA >= 20, `paused at one step: ${stepA} / ${stepB}`);
    const [failedA, failedB] = await failedIn(page);
    assert(failedA > failedB, `the engines report more failures with hoarding (${failedA} against ${failedB})`);
    const text = await page.getByTestId('difference').textContent();
    assert(text.includes(`Heuristic: ${failedA} banks failed by step ${stepA}; Heuristic, no hoarding: ${failedB}.`), text);
    assert(text.includes('Their failures first differed at step'), text);
    assert(await page.getByTestId('compare-chart').locator('polyline.line-b').count() === 4, 'four overlaid charts');
    // One step more: both worlds, exactly one.
    await page.getByTestId('compare-step').click();
    await waitForWorldStep(page, stepA + 1);
    await page.waitForTimeout(300);
    const after = await worldSteps(page);
    assert(after[0] === stepA + 1 && after[1] === stepA + 1, `one step each: ${after}`);
    await shoot(page, 'compare-desktop');
  });

  harness.test('compare: at phone width the two worlds stack and the page does not scroll sideways', async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${siteUrl}${freeze}&speed=20&compare=param:lender_of_last_resort=1`);
    await waitForWorlds(page);
    const [a, b] = await Promise.all(['world-a', 'world-b'].map((id) => page.getByTestId(id).boundingBox()));
    assert(b.y >= a.y + a.height - 1 && Math.abs(a.x - b.x) < 2, `stacked: ${JSON.stringify({ a, b })}`);
    assert(a.width > 330 && a.height > 250, `each world uses the width: ${JSON.stringify(a)}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(sideways <= 0, `no sideways scroll (${sideways} px)`);
    assert((await page.getByTestId('world-b-label').textContent()).trim() === 'B Lender of last resort = 1', 'the parameter names world B');
    const [timeline, difference] = await Promise.all([page.getByTestId('scrubber').boundingBox(), page.getByTestId('difference').boundingBox()]);
    assert(timeline.y >= b.y + b.height - 1 && timeline.y + timeline.height <= difference.y,
      `the timeline right under the graphs: ${JSON.stringify({ b, timeline, difference })}`);
    await page.getByTestId('compare-step').click();
    await waitForWorldStep(page, 1);
    await page.getByTestId('difference').getByText('No bank has failed in either world by step 1.').waitFor();
    await shoot(page, 'compare-phone');
    // Scrubbed back, each world's tag and replay badge are both in full view on its stage: neither covers the other.
    await page.getByTestId('compare-step').click();
    await waitForWorldStep(page, 2);
    await page.getByTestId('scrub-back').click();
    for (const w of ['a', 'b']) {
      const pane = page.getByTestId(`world-${w}`);
      await pane.getByTestId('replay-badge').waitFor();
      const [stage, tag, badge] = await Promise.all([pane.boundingBox(), page.getByTestId(`world-${w}-label`).boundingBox(),
        pane.getByTestId('replay-badge').boundingBox()]);
      const boxes = JSON.stringify({ stage, tag, badge });
      const apart = tag.x + tag.width <= badge.x || badge.x + badge.width <= tag.x || tag.y + tag.height <= badge.y || badge.y + badge.height <= tag.y;
      assert(apart, `world ${w.toUpperCase()}: the tag and the replay badge do not overlap: ${boxes}`);
      const inside = (r) => r.x >= stage.x && r.y >= stage.y && r.x + r.width <= stage.x + stage.width && r.y + r.height <= stage.y + stage.height;
      assert(inside(tag) && inside(badge), `world ${w.toUpperCase()}: both on the stage: ${boxes}`);
    }
    await shoot(page, 'compare-phone-replay');
  });

  harness.test('compare: the embed keeps both graphs, the controls and the difference', async (page) => {
    await page.setViewportSize({ width: 800, height: 520 });
    await page.goto(`${siteUrl}?embed=1&scenario=fire_sale_spiral&seed=42&policy=all_fire_sale&speed=20&compare=policy:all_hold`);
    await waitForWorlds(page);
    assert(await page.locator('.topbar').count() === 0, 'no header');
    assert(await page.getByTestId('compare-chart').count() === 0, 'no chart in the embed');
    await page.getByTestId('compare-play').click();
    await waitForWorldStep(page, 14);
    await page.getByTestId('compare-play').click();
    await page.waitForFunction(() => /banks failed by step \d+; All hold: \d+\./.test(document.querySelector('[data-testid=difference]').textContent));
    const [failedA, failedB] = await failedIn(page);
    assert(failedA > failedB, `selling banks fail more (${failedA} against ${failedB})`);
    await shoot(page, 'compare-embed');
  });

  harness.test('compare: "Compare…" opens the run on screen against one difference', async (page) => {
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=7`);
    await page.getByTestId('compare-open').click();
    await page.getByTestId('compare-choice').selectOption({ label: 'No hoarding (heuristic+no_hoard)' });
    await page.getByTestId('compare-go').click();
    await page.waitForURL(/compare=/);
    const search = await page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
    assert(search.compare === 'policy:heuristic+no_hoard' && search.scenario === 'liquidity_freeze' && search.seed === '7', JSON.stringify(search));
    await waitForWorlds(page);
    await page.getByTestId('compare-exit').click();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('compare') && document.querySelector('[data-testid=compare-open]'));
    // A malformed comparison is said, and the page shows one world.
    await page.goto(`${siteUrl}?compare=policy:`);
    await page.getByTestId('notices').waitFor();
    assert((await page.getByTestId('notices').textContent()).includes('“compare=policy:” in the address is not a comparison'), 'said');
  });

  harness.test('compare: an intervention acts in world B alone, at its step', async (page) => {
    await page.goto(`${siteUrl}?scenario=calm&seed=42&compare=force_default:0@3`);
    await waitForWorlds(page);
    for (let t = 1; t <= 3; t++) {
      await page.getByTestId('compare-step').click();
      await waitForWorldStep(page, t);
      if (t === 2) {
        await page.getByTestId('difference').getByText('The difference acts at step 3', { exact: false }).waitFor();
      }
    }
    await page.waitForFunction(() => window.__finsimWorldCy.b.getElementById('0').data('defaulted') === true);
    assert(await page.evaluate(() => window.__finsimWorldCy.a.getElementById('0').data('defaulted')) === false, 'world A untouched');
    await page.getByTestId('difference').getByText('No intervention: 0 banks failed by step 3; Bank 0 forced to default at step 3: 1.').waitFor();
  });

  /** Lesson 2 (core_default against shock_defaults=0) played past its first failures, paused: the step. */
  async function lessonTwoPastFailures(page) {
    await page.goto(`${siteUrl}?lesson=2&speed=20`);
    await waitForWorlds(page);
    await waitForWorldStep(page, 9);
    await page.getByTestId('compare-play').click();
    await page.waitForFunction(() => window.__finsimWorldCy.a.nodes('[?defaulted]').length >= 5, null, { timeout: 30000 });
    await page.getByTestId('compare-play').click();
    await page.waitForTimeout(600);
    const [a, b] = await worldSteps(page);
    assert(a === b, `paused at one step: ${a} / ${b}`);
    return a;
  }

  /** A bank failed in world A and standing in world B, as the two graphs draw them. */
  const failedInAOnly = (page) => page.evaluate(() => window.__finsimWorldCy.a.nodes('[?defaulted]')
    .filter((n) => window.__finsimWorldCy.b.getElementById(n.id()).data('defaulted') === false)[0]?.id());

  harness.test('compare: a bank clicked in either world is inspected in both, and "Why did it fail?" asks its own world', async (page) => {
    const step = await lessonTwoPastFailures(page);
    const bank = await failedInAOnly(page);
    assert(bank !== undefined, 'a bank failed in world A alone');
    // Click it on world B's graph, where it still stands.
    const point = await page.evaluate((id) => {
      const cy = window.__finsimWorldCy.b;
      const p = cy.getElementById(id).renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, bank);
    await page.mouse.click(point.x, point.y);
    const inspector = page.getByTestId('compare-inspector');
    await inspector.getByTestId('compare-inspector-a').waitFor();
    assert((await inspector.locator('h2').textContent()).startsWith(`Bank ${bank} `), await inspector.locator('h2').textContent());
    // Each column says what its engine sent for the step on screen (world A's node, read from its store).
    const sent = await page.evaluate((id) => window.__finsimStore.getState().state.nodes.find((n) => n.id === id), bank);
    assert(sent.status === 'defaulted', `the engine reports bank ${bank} failed in world A`);
    const columnA = inspector.getByTestId('compare-inspector-a');
    const columnB = inspector.getByTestId('compare-inspector-b');
    const statusA = await columnA.getByTestId('inspector-status').textContent();
    assert(statusA.startsWith(`Failed at step ${sent.default_timestep}: `), statusA);
    assert(!(await columnA.textContent()).includes('Capital ratio'), 'no figures for a failed bank');
    assert((await columnB.getByTestId('inspector-status').textContent()).startsWith('Active · last action: '), 'standing in world B');
    assert(/Capital ratio\d/.test(await columnB.textContent()) && /Stress \d/.test(await columnB.textContent()), 'world B\'s figures');
    assert(await columnB.getByTestId('why-ask').count() === 0, 'no "Why" for a bank standing');
    for (const id of ['force-default', 'inject', 'force-action']) assert(await page.getByTestId(id).count() === 0, `no ${id} in Compare`);
    assert((await inspector.textContent()).includes('a comparison has exactly one difference'), 'says why there are no interventions');
    // Below both stages, never over a bank.
    const [stageA, stageB, panel] = await Promise.all([page.getByTestId('world-a').boundingBox(), page.getByTestId('world-b').boundingBox(),
      inspector.boundingBox()]);
    assert(panel.y >= Math.max(stageA.y + stageA.height, stageB.y + stageB.height), `below the graphs: ${JSON.stringify({ stageA, panel })}`);
    // "Why did it fail?" asks world A's engine; the sentences land in world A's column.
    const started = Date.now();
    await columnA.getByTestId('why-ask').click();
    await columnA.getByTestId('why-sentences').waitFor({ timeout: 10000 });
    const sentences = await columnA.getByTestId('why-sentences').locator('li').allTextContents();
    assert(sentences.length >= 2 && sentences[0].startsWith(`Bank ${bank} failed at step ${sent.default_timestep}`), JSON.stringify(sentences));
    assert(await columnB.getByTestId('why-sentences').count() === 0, 'world B\'s column is not answered');
    console.log(`       step ${step}: Bank ${bank} failed in world A at step ${sent.default_timestep}; why answered in ${Date.now() - started} ms: “${sentences[0]}”`);
    await shoot(page, 'compare-inspector');
    // A tap on world A's graph selects another bank in both worlds.
    const other = await page.evaluate((id) => window.__finsimWorldCy.a.nodes().filter((n) => n.id() !== id)[0].id(), bank);
    await page.evaluate((id) => window.__finsimWorldCy.a.getElementById(id).emit('tap'), other);
    await page.waitForFunction((id) => document.querySelector('[data-testid=compare-inspector] h2')?.textContent.startsWith(`Bank ${id} `), other);
    assert(await columnA.getByTestId('inspector-status').count() === 1 && await columnB.getByTestId('inspector-status').count() === 1, 'both columns');
  });

  harness.test('compare: at phone width the inspector stacks the two worlds below the graphs', async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await lessonTwoPastFailures(page);
    const bank = await failedInAOnly(page);
    await page.evaluate((id) => window.__finsimWorldCy.b.getElementById(id).emit('tap'), bank);
    const inspector = page.getByTestId('compare-inspector');
    await inspector.getByTestId('compare-inspector-b').waitFor();
    const [stageB, a, b] = await Promise.all([page.getByTestId('world-b').boundingBox(),
      inspector.getByTestId('compare-inspector-a').boundingBox(), inspector.getByTestId('compare-inspector-b').boundingBox()]);
    const difference = await page.getByTestId('difference').boundingBox();
    assert(a.y >= stageB.y + stageB.height && b.y >= a.y + a.height - 1 && b.y + b.height <= difference.y,
      `right below the graphs, stacked, before the difference: ${JSON.stringify({ stageB, a, b, difference })}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(sideways <= 0, `no sideways scroll (${sideways} px)`);
    await inspector.getByTestId('compare-inspector-a').getByTestId('why-ask').click();
    await inspector.getByTestId('compare-inspector-a').getByTestId('why-sentences').waitFor({ timeout: 10000 });
    await inspector.scrollIntoViewIfNeeded();
    await shoot(page, 'compare-inspector-phone');
  });

  harness.test('marks: a hoard marks its recalled loans and the borrowers hit, taken from the engine’s edges', async (page) => {
    // Lesson 1's comparison, opened at step 19: in world B bank 3 hoards at step 20.
    await page.goto(`${siteUrl}?scenario=calm&seed=42&policy=heuristic&compare=force_action:3:HOARD@20&from=19`);
    await waitForWorlds(page);
    await waitForWorldStep(page, 19);
    await page.waitForTimeout(300);
    const loansOf3 = () => page.evaluate(() => Object.fromEntries(window.__finsimWorldCy.b.edges('[source = "3"]')
      .map((e) => [e.data('target'), e.data('width')])));
    const borrowersOf3 = Object.keys(await loansOf3()).sort();
    assert(borrowersOf3.length >= 10, `bank 3 lends to ${borrowersOf3.length} banks`);
    await page.getByTestId('compare-step').click();
    await waitForWorldStep(page, 20);
    await page.waitForTimeout(350);  // the repayments are on their way back to bank 3
    const marks = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldMarks[w]() ?? null));
    const inked = await page.evaluate(() => ['a', 'b'].map((w) => {
      const canvas = document.querySelector(`[data-testid=world-${w}] canvas.graph-overlay`);
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
      return drawn;
    }));
    await page.getByTestId('world-b').screenshot({ path: `${artifacts}compare-marks-hoard-world-b.png` });
    await shoot(page, 'compare-marks-hoard');
    const [a, b] = marks;
    assert(a?.timestep === 20 && b?.timestep === 20, `marks of step 20 in both worlds: ${JSON.stringify(marks.map((m) => m?.timestep))}`);
    assert(a.recalls.length === 0 && a.borrowersHit.length === 0, `nobody hoards in world A: ${JSON.stringify(a.recalls)}`);
    assert(b.recalls.every((r) => r.lender === '3'), `only bank 3 recalls: ${JSON.stringify(b.recalls.slice(0, 3))}`);
    // Every loan bank 3 had at step 19 shrank in step 20 (the engine recalls part of each): all are marked.
    assert(JSON.stringify([...b.borrowersHit].sort()) === JSON.stringify(borrowersOf3),
      `borrowers hit ${b.borrowersHit.length} = bank 3's borrowers ${borrowersOf3.length}`);
    assert(!b.borrowersHit.includes('3'), 'the hoarder is not marked as hit');
    assert(inked[1] > 2 * inked[0] && inked[1] > 2000, `world B's overlay carries the marks: ${inked} pixels drawn (A, B)`);
    console.log(`       ${b.recalls.length} recalled loans marked in world B; overlay pixels drawn A ${inked[0]}, B ${inked[1]}`);
  });

  harness.test('marks: a failure marks the loans its administrator called and their borrowers, taken from the engine’s snapshots', async (page) => {
    // Lesson 2 (core_default): in world A the largest core bank fails at step 10; its loans are called.
    await page.goto(`${siteUrl}?lesson=2`);
    await waitForWorlds(page);
    await waitForWorldStep(page, 9);
    await page.waitForTimeout(300);
    const engine = () => page.evaluate(() => window.__finsimWorldStores.a.getState().state);
    const before = await engine();
    assert(before.timestep === 9, `world A at step 9 (${before.timestep})`);
    await page.getByTestId('compare-step').click();
    await waitForWorldStep(page, 10);
    await page.waitForTimeout(350);
    const after = await engine();
    const marks = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldMarks[w]() ?? null));
    await page.getByTestId('world-a').screenshot({ path: `${artifacts}compare-marks-calls-world-a.png` });
    const [a, b] = marks;
    assert(a?.timestep === 10 && b?.timestep === 10, `marks of step 10 in both worlds: ${JSON.stringify(marks.map((m) => m?.timestep))}`);
    const node = Object.fromEntries(after.nodes.map((n) => [n.id, n]));
    const failedNow = new Set(after.nodes.filter((n) => n.status === 'defaulted' && before.nodes.find((m) => m.id === n.id).status === 'active').map((n) => n.id));
    assert(failedNow.size >= 1, 'a bank failed in world A at step 10');
    // The engine's own facts: the failed banks' loans at step 9 to banks standing and owing an administrator at step 10.
    const expected = before.edges.filter((e) => failedNow.has(e.source) && node[e.target].status === 'active' && node[e.target].due_to_administrator > 0)
      .map((e) => `${e.source}>${e.target}`).sort();
    assert(expected.length >= 3, `the failed bank had borrowers that now owe its administrator (${expected.length})`);
    assert(JSON.stringify(a.calls.map((c) => `${c.lender}>${c.borrower}`).sort()) === JSON.stringify(expected),
      `the called loans marked are the engine's: ${a.calls.length} marked, ${expected.length} in the snapshots`);
    assert(a.borrowersCalled.every((id) => node[id].due_to_administrator > 0), 'every borrower called owes an administrator');
    assert(b.calls.length === 0 && b.borrowersCalled.length === 0, `no failure, no call in world B: ${JSON.stringify(b.calls.slice(0, 3))}`);
    console.log(`       step 10: ${a.calls.length} loans called by the administrator of bank ${[...failedNow].join(', ')} marked in world A`);
  });

  harness.test('marks: the withdrawal shock\'s reach and the depositors\' runs, taken from the engine\'s snapshots', async (page) => {
    // Lesson 3 (liquidity_freeze, without and with a lender of last resort): at step 10 the withdrawal hits
    // most of the periphery in both worlds alike (one exogenous stream); runs follow on banks short of cash.
    await page.goto(`${siteUrl}?lesson=3`);
    await waitForWorlds(page);
    await waitForWorldStep(page, 9);
    await page.waitForTimeout(300);
    const snapshots = () => page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldStores[w].getState().state));
    const marksNow = () => page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldMarks[w]() ?? null));
    const ids = (nodes, field) => nodes.filter((n) => n[field] > 0).map((n) => n.id).sort();
    const sorted = (list) => [...list].sort();
    await page.getByTestId('compare-step').click();
    await waitForWorldStep(page, 10);
    await page.waitForTimeout(350);
    let states = await snapshots();
    let marks = await marksNow();
    await page.getByTestId('world-a').screenshot({ path: `${artifacts}compare-marks-shock-world-a.png` });
    const hit = ids(states[0].nodes, 'shock_withdrawal');
    assert(hit.length > 40, `the shock hit most of the periphery (${hit.length} banks)`);
    assert(JSON.stringify(ids(states[1].nodes, 'shock_withdrawal')) === JSON.stringify(hit), 'the same banks are hit in both worlds');
    for (const [w, m] of marks.entries()) {
      assert(m?.timestep === 10 && JSON.stringify(sorted(m.shockHit)) === JSON.stringify(hit),
        `world ${'ab'[w]} marks the shock's reach as the engine reports it: ${m?.shockHit.length} marked, ${hit.length} hit`);
    }
    // The runs that follow: every bank the engine says its depositors ran on is marked, in the step.
    let runSteps = 0;
    let runsMarked = 0;
    for (let step = 11; step <= 14; step += 1) {
      await page.getByTestId('compare-step').click();
      await waitForWorldStep(page, step);
      await page.waitForTimeout(350);
      states = await snapshots();
      marks = await marksNow();
      for (const [w, m] of marks.entries()) {
        const ran = ids(states[w].nodes, 'run_withdrawal');
        assert(m?.timestep === step && JSON.stringify(sorted(m.runs)) === JSON.stringify(ran),
          `world ${'ab'[w]}, step ${step}: the runs marked are the engine's (${m?.runs.length} marked, ${ran.length} run on)`);
        assert(m.shockHit.length === 0, `no shock after step 10 (world ${'ab'[w]}, step ${step})`);
        if (ran.length) runSteps += 1;
        runsMarked += ran.length;
      }
      if (step === 12) await page.getByTestId('world-a').screenshot({ path: `${artifacts}compare-marks-runs-world-a.png` });
    }
    assert(runSteps >= 2, `depositors ran in the freeze's first steps (${runSteps} world-steps with runs)`);
    console.log(`       step 10: the shock's withdrawal marked on ${hit.length} banks in each world; steps 11-14: ${runsMarked} runs marked`);
  });

  harness.test('lessons: each opens paused before the shock, says what to watch, and differs on the graphs', async (page) => {
    // Lesson 4 (hoarding) at its own speed (2 steps/s): the difference must show within 30 s of pressing play.
    await page.goto(`${siteUrl}?lesson=4`);
    await waitForWorlds(page);
    await waitForWorldStep(page, 9);
    await page.waitForTimeout(500);
    assert(JSON.stringify(await worldSteps(page)) === '[9,9]', `paused at step 9: ${await worldSteps(page)}`);
    assert((await page.getByTestId('lesson-watch').textContent()).includes('hoard'), 'what to watch');
    // What to watch is read before Play: above the graphs, whole in view at 1440 × 900.
    const watch = await page.getByTestId('lesson-watch').boundingBox();
    const graphA = await page.getByTestId('world-a').boundingBox();
    assert(watch.y + watch.height <= graphA.y && watch.y + watch.height <= 900,
      `what to watch above the graphs and in view: its bottom at ${Math.round(watch.y + watch.height)} px, world A's top at ${Math.round(graphA.y)}`);
    const started = Date.now();
    await page.getByTestId('compare-play').click();
    await page.waitForFunction(() => {
      const [a, b] = ['a', 'b'].map((w) => window.__finsimWorldCy[w].nodes('[?defaulted]').length);
      return a - b >= 5;
    }, null, { timeout: 30000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(`       lesson 4: five more failed banks in world A ${seconds.toFixed(1)} s after play`);
    await shoot(page, 'compare-lesson-4');
    // Lesson 1 (a local decision): no bank fails; the hoarder's borrowers glow in world B alone.
    await page.goto(`${siteUrl}?lesson=1&speed=5`);
    await waitForWorlds(page);
    await waitForWorldStep(page, 9);
    await page.getByTestId('compare-play').click();
    await waitForWorldStep(page, 16);
    await page.getByTestId('compare-play').click();  // pause, then step to 22: the hoard's reach two steps on
    await page.waitForTimeout(600);
    for (let t = Math.min(...await worldSteps(page)); t < 22; t++) {
      await page.getByTestId('compare-step').click();
      await waitForWorldStep(page, t + 1);
    }
    assert(JSON.stringify(await worldSteps(page)) === '[22,22]', `lesson 1 at step 22: ${await worldSteps(page)}`);
    const glowing = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldCy[w].nodes('[glow > 0]').length));
    assert(glowing[1] - glowing[0] >= 3, `lesson 1: stressed banks ${glowing}`);
    await shoot(page, 'compare-lesson-1');
    // Every other lesson, opened as its address says: paused at step 9 with its paragraph, at a speed that
    // reaches step 20 within 30 s of Play; there it is a contrast in failures on the graphs (played at 20
    // steps/s here: the engines' steps are the same at any speed).
    for (const n of [2, 3, 5, 6, 7, 8]) {
      await page.goto(`${siteUrl}?lesson=${n}`);
      await waitForWorlds(page);
      await waitForWorldStep(page, 9);
      await page.waitForTimeout(300);
      assert(JSON.stringify(await worldSteps(page)) === '[9,9]', `lesson ${n} paused at step 9: ${await worldSteps(page)}`);
      assert((await page.getByTestId('compare-play').textContent()).includes('Play'), `lesson ${n} opens paused`);
      assert((await page.getByTestId('lesson-watch').textContent()).length > 80, `lesson ${n} says what to watch`);
      const speed = Number(await page.getByTestId('compare-speed').inputValue());
      assert((20 - 9) / speed <= 30, `lesson ${n} plays at ${speed} steps/s: step 20 within 30 s`);
      await page.getByTestId('compare-speed').selectOption('20');
      await page.getByTestId('compare-play').click();
      await waitForWorldStep(page, 20);
      const [a, b] = await failedIn(page);
      assert(a - b >= 5, `lesson ${n}: world A lost ${a} banks, world B ${b}`);
    }
  });

  // ---- The comparison's timeline (compare/CompareTimeline.jsx), its failures list, Record clip ----

  /** Moves the comparison's slider to `step` as a person dragging it would (an input event). */
  const scrubBothTo = (page, step) => page.evaluate((value) => {
    const input = document.querySelector('[data-testid=scrub-range]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, step);

  /** What each world shows: the graph's step, the headline's, the banks the graph draws failed; the replay badges. */
  const bothShown = (page) => page.evaluate(() => ({
    graph: ['a', 'b'].map((w) => window.__finsimWorlds[w].timestep),
    headline: ['a', 'b'].map((w) => Number(document.querySelector(`[data-testid=world-${w}] [data-testid=timestep]`).textContent)),
    defaulted: ['a', 'b'].map((w) => window.__finsimWorldCy[w].nodes('[?defaulted]').map((n) => n.id()).sort()),
    badges: document.querySelectorAll('[data-testid=replay-badge]').length,
  }));

  /** Each world's failed banks as its engine reports them live: [[{id, step}], [{id, step}]]. */
  const engineFailures = (page) => page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldStores[w].getState().state.nodes
    .filter((n) => n.status === 'defaulted').map((n) => ({ id: n.id, step: n.default_timestep }))));

  const failedBy = (failures, step) => failures.filter((f) => f.step <= step).map((f) => f.id).sort();

  /** Plays both worlds to at least `step` and pauses them; returns the step both stand at. */
  async function playBothTo(page, step) {
    await page.getByTestId('compare-play').click();
    await waitForWorldStep(page, step, 60000);
    await page.getByTestId('compare-play').click();
    await page.waitForTimeout(600);
    const [a, b] = await worldSteps(page);
    assert(a === b, `paused at one step: ${a} / ${b}`);
    return a;
  }

  harness.test('compare timeline: scrub both worlds back before the first default, frame by frame to the failures, replay, Live', async (page) => {
    await page.goto(`${siteUrl}${freeze}&speed=20&compare=policy:heuristic+no_hoard`);
    await waitForWorlds(page);
    const live = await playBothTo(page, 40);
    const failures = await engineFailures(page);
    assert(failures[0].length > 0, 'banks failed in world A by step 40');
    const first = Math.min(...failures.flat().map((f) => f.step));
    const target = first - 2;
    assert(target >= 1, `the first default comes after step 2 (${first})`);

    await scrubBothTo(page, target);
    let view = await bothShown(page);
    assert(view.graph.every((s) => s === target) && view.headline.every((s) => s === target), `both show step ${target}: ${JSON.stringify(view)}`);
    assert(view.defaulted.every((d) => d.length === 0), `no bank has failed in either world at step ${target}: ${JSON.stringify(view.defaulted)}`);
    assert(view.badges === 2, 'each graph is marked as a replay');
    assert((await page.getByTestId('scrub-step').textContent()) === `Step ${target} of ${live}`, 'the timeline says which step');
    assert((await page.getByTestId('difference').textContent()).includes(`by step ${target}`), 'the narration is at the replayed step');
    assert(await page.getByTestId('compare-cursor').count() === 4, 'a cursor on each overlaid chart');
    assert((await worldSteps(page)).every((s) => s === target), 'drawn at that step');
    assert((await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldStores[w].getState().state.timestep))).every((s) => s === live),
      'the live runs are untouched');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}compare-timeline-before-default.png` });

    // Frame by frame with the arrow keys and ›: each world's failures appear exactly at their step, in both at once.
    for (let step = target + 1; step <= first + 3; step++) {
      if (step % 2) await page.keyboard.press('ArrowRight');
      else await page.getByTestId('scrub-forward').click();
      view = await bothShown(page);
      assert(view.graph.every((s) => s === step) && view.headline.every((s) => s === step), `→ shows step ${step} in both: ${JSON.stringify(view)}`);
      for (const i of [0, 1]) {
        assert(JSON.stringify(view.defaulted[i]) === JSON.stringify(failedBy(failures[i], step)),
          `world ${'AB'[i]} at step ${step} draws the banks its engine had failed by then: ${view.defaulted[i]} / ${failedBy(failures[i], step)}`);
      }
    }
    assert(view.defaulted[0].length > 0, 'the failures appeared');
    await page.waitForTimeout(250);
    await page.screenshot({ path: `${artifacts}compare-timeline-failures.png` });
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('scrub-back').click();
    view = await bothShown(page);
    assert(view.graph.every((s) => s === first + 1), `← and ‹ go back in both: ${view.graph}`);

    // Replay at 4×, sampled: never two steps apart.
    await page.getByTestId('replay-rate').selectOption('4');
    await page.getByTestId('replay-play').click();
    const seen = await sampleLockstep(page, 30);
    await page.getByTestId('replay-play').click();
    const apart = seen.filter((s) => s.drawn[0] !== s.drawn[1] || s.headline[0] !== s.headline[1] || s.drawn[0] !== Number(s.headline[0]));
    assert(apart.length === 0, `the replay keeps both worlds at one step: ${JSON.stringify(apart.slice(0, 3))}`);
    const reached = (await bothShown(page)).graph[0];
    assert(reached >= first + 4, `the replay played on (${reached})`);
    const paused = await bothShown(page);
    await page.waitForTimeout(600);
    assert(JSON.stringify((await bothShown(page)).graph) === JSON.stringify(paused.graph), 'the replay pauses');

    await page.getByTestId('go-live').click();
    view = await bothShown(page);
    assert(view.graph.every((s) => s === live) && view.badges === 0, `Live shows step ${live} in both: ${JSON.stringify(view)}`);
    assert(view.defaulted.every((d, i) => d.length === failures[i].length), 'Live shows every failure');
    // Playing on from Live: the lockstep clock, untouched by the replay.
    await page.getByTestId('compare-step').click();
    await waitForWorldStep(page, live + 1);
    await page.screenshot({ path: `${artifacts}compare-timeline-live.png` });
  });

  harness.test('compare timeline: a DEFAULT line selects the bank in both inspectors and moves both worlds to its step', async (page) => {
    const live = await lessonTwoPastFailures(page);
    const lines = page.getByTestId('compare-event-list').locator('[data-testid=compare-event][data-type=DEFAULT]');
    assert(await lines.count() >= 5, `the failures are listed (${await lines.count()})`);
    const listed = await lines.evaluateAll((els) => els.map((e) => ({ world: e.dataset.world, step: Number(e.dataset.step), bank: e.dataset.bank })));
    const failures = await engineFailures(page);
    for (const line of listed) {
      const engine = failures['ab'.indexOf(line.world)].find((f) => f.id === line.bank);
      assert(engine && engine.step === line.step, `the line (world ${line.world}, bank ${line.bank}, step ${line.step}) is the engine's failure`);
    }
    // A bank that failed in world A alone, and not at the newest step.
    const line = listed.find((l) => l.world === 'a' && l.step < live && !failures[1].some((f) => f.id === l.bank));
    assert(line, 'a failure of world A alone is listed');
    await page.locator(`[data-testid=compare-event][data-world=a][data-bank="${line.bank}"] button`).click();
    const inspector = page.getByTestId('compare-inspector');
    await inspector.getByTestId('compare-inspector-a').waitFor();
    assert((await inspector.locator('h2').textContent()).startsWith(`Bank ${line.bank} `), await inspector.locator('h2').textContent());
    const view = await bothShown(page);
    assert(view.graph.every((s) => s === line.step) && view.headline.every((s) => s === line.step), `both at step ${line.step}: ${JSON.stringify(view)}`);
    assert(view.defaulted[0].includes(line.bank) && !view.defaulted[1].includes(line.bank), 'failed in world A, standing in world B');
    const statusA = await inspector.getByTestId('compare-inspector-a').getByTestId('inspector-status').textContent();
    assert(statusA.startsWith(`Failed at step ${line.step}: `), statusA);
    assert((await inspector.getByTestId('compare-inspector-b').getByTestId('inspector-status').textContent()).startsWith('Active'), 'standing in B');
    const selected = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldStores[w].getState().selectedBank));
    assert(selected.every((id) => id === line.bank), `selected in both worlds: ${selected}`);
    assert((await page.getByTestId('scrub-step').textContent()) === `Step ${line.step} of ${live}`, 'the timeline moved to its step');
    const shownLines = await lines.evaluateAll((els) => els.map((e) => Number(e.dataset.step)));
    assert(shownLines.every((s) => s <= line.step), 'the list stops at the step on screen');
    await page.screenshot({ path: `${artifacts}compare-timeline-events.png`, fullPage: true });
  });

  harness.test('compare timeline: scrubbing both worlds to any of 80 steps draws both (median and max reported)', async (page) => {
    await page.goto(`${siteUrl}${freeze}&speed=50&compare=policy:heuristic+no_hoard`);
    await waitForWorlds(page);
    const live = await playBothTo(page, 80);
    const targets = [...Array(40).keys()].map((i) => (i * 37 + 11) % live);
    const times = await timeScrubs(page, targets, ['a', 'b']);
    const medianOf = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const med = medianOf(times.map((t) => t.total));
    const max = Math.max(...times.map((t) => t.total));
    const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ');
    console.log(`       scrub both worlds to any of ${live + 1} steps (liquidity_freeze, 2 × 100 banks): ${times.length} scrubs, `
      + `median ${med.toFixed(1)} ms, max ${max.toFixed(1)} ms; in the input handler (median) ${medianOf(times.map((t) => t.handled)).toFixed(1)} ms `
      + `(load ${load})`);
    assert(med < 2 * SCRUB_TARGET_MS, `median scrub of both ${med.toFixed(1)} ms < ${2 * SCRUB_TARGET_MS} ms`);
  });

  harness.test('compare timeline: Record clip records both worlds side by side as one WebM', async (page) => {
    await page.goto(`${siteUrl}${freeze}&speed=5&compare=policy:heuristic+no_hoard`);
    await waitForWorlds(page);
    await page.getByTestId('compare-play').click();
    await waitForWorldStep(page, 2);
    const started = Date.now();
    await page.getByTestId('record-clip').click();
    await page.waitForFunction(() => /Stop recording/.test(document.querySelector('[data-testid=record-clip]').textContent));
    await page.waitForTimeout(2200);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-clip').click()]);
    const recordedFor = (Date.now() - started) / 1000;
    await page.getByTestId('compare-play').click();
    const name = download.suggestedFilename();
    assert(/^finsim-liquidity_freeze-seed42-heuristic-compare-steps\d+-\d+\.webm$/.test(name), name);
    const bytes = readFileSync(await download.path());
    assert(bytes.length > 20_000, `a non-trivial file (${bytes.length} bytes)`);
    assert(bytes.subarray(0, 4).toString('hex') === '1a45dfa3' && bytes.subarray(0, 64).includes(Buffer.from('webm')), 'a WebM file');
    const video = await page.evaluate(decodeInPage, bytes.toString('base64'));
    const [ga, gb] = await Promise.all(['graph-a', 'graph-b'].map((id) => page.getByTestId(id).boundingBox()));
    const both = Math.min(1280, ga.width + gb.width);
    assert(video.width >= both - 4 && video.width <= 1280, `both graphs side by side (${video.width} for ${ga.width} + ${gb.width})`);
    assert(video.duration > 1.5 && video.duration <= recordedFor + 0.5, `the time recorded (${video.duration} s)`);
    writeFileSync(`${artifacts}compare-timeline-clip-frame.png`, Buffer.from(video.frame.split(',')[1], 'base64'));
    console.log(`       ${name}: ${bytes.length} bytes, ${video.width} × ${video.height}, ${video.duration.toFixed(2)} s`);
  });

  harness.test('compare: Export CSV saves both worlds\' series in one file, row for row the engines\' metrics', async (page) => {
    await page.goto(`${siteUrl}${freeze}&speed=50&compare=policy:heuristic+no_hoard`);
    await waitForWorlds(page);
    const live = await playBothTo(page, 20);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-export-csv').click()]);
    assert(download.suggestedFilename() === 'finsim-liquidity_freeze-seed42-heuristic-vs-policy_heuristic_no_hoard.csv', download.suggestedFilename());
    const [header, ...rows] = readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert(header.startsWith('world,label,policy,timestep,liquidity,default_rate,equilibrium_score,asset_price'), header);
    const columns = header.split(',');
    const engines = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldStores[w].getState().series));
    for (const [i, world] of ['A', 'B'].entries()) {
      const mine = rows.filter((r) => r.startsWith(`${world},`));
      const expected = engines[i].filter((m) => m.timestep <= live);
      assert(mine.length === expected.length && expected.at(-1).timestep === live, `world ${world}: ${mine.length} rows for steps to ${live}`);
      const run = world === 'A' ? 'Heuristic,heuristic' : '"Heuristic, no hoarding",heuristic+no_hoard';
      mine.forEach((row, k) => {
        const values = row.slice(`${world},${run},`.length).split(',');
        assert(row.startsWith(`${world},${run},`), row);
        columns.slice(3).forEach((key, c) => {
          const sent = expected[k][key];
          assert(values[c] === (sent === undefined || sent === null ? '' : String(sent)), `world ${world}, step ${expected[k].timestep}, ${key}: ${values[c]} against ${sent}`);
        });
      });
    }
    const last = (world) => rows.filter((r) => r.startsWith(`${world},`)).at(-1);
    assert(last('A') !== last('B'), 'the two worlds differ by their last step');
  });

  harness.test('compare on a server: two named sessions in lockstep, closed when the page leaves', async (page) => {
    ensureServerBuilt();
    const server = await startRealServer(dist);
    const sessions = async () => (await (await fetch(`${server.url}sessions`)).json()).sessions;
    try {
      await page.goto(`${server.url}${freeze}&speed=10&autoplay=1&compare=policy:heuristic%2Bno_hoard`);
      await waitForWorlds(page);
      await page.waitForFunction(() => document.querySelector('[data-testid=mode-badge]').textContent.includes('LIVE'));
      await waitForWorldStep(page, 14);
      await page.getByTestId('compare-play').click();
      await page.waitForTimeout(500);
      const [stepA, stepB] = await worldSteps(page);
      assert(stepA === stepB, `the same step: ${stepA} / ${stepB}`);
      const open = await sessions();
      const pair = open.filter((s) => s.session.startsWith('compare-'));
      assert(pair.length === 2, `two sessions: ${JSON.stringify(open.map((s) => s.session))}`);
      const policies = pair.map((s) => s.policy).sort();
      assert(JSON.stringify(policies) === '["heuristic","heuristic+no_hoard"]', JSON.stringify(policies));
      assert(pair.every((s) => s.timestep === stepA && s.scenario === 'liquidity_freeze' && !s.running), JSON.stringify(pair));
      assert(open.find((s) => s.session === 'default').timestep === 0, 'the shared session is left alone');
      await page.getByTestId('difference').getByText(`by step ${stepA}`, { exact: false }).waitFor();
      await page.goto('about:blank');
      for (let i = 0; i < 50 && (await sessions()).some((s) => s.session.startsWith('compare-')); i++) await new Promise((r) => setTimeout(r, 100));
      assert(!(await sessions()).some((s) => s.session.startsWith('compare-')), 'the sessions are closed');
    } finally {
      await server.close();
    }
  });

  harness.test('lessons on a server: a lesson opens paused at step 9 in two sessions, marks its calls, scrubs back and answers "why"', async (page) => {
    ensureServerBuilt();
    const server = await startRealServer(dist);
    try {
      await page.goto(`${server.url}?lesson=2`);
      await waitForWorlds(page);
      await waitForWorldStep(page, 9);
      await page.waitForTimeout(400);
      assert(JSON.stringify(await worldSteps(page)) === '[9,9]', `paused at step 9: ${await worldSteps(page)}`);
      const pair = (await (await fetch(`${server.url}sessions`)).json()).sessions.filter((s) => s.session.startsWith('compare-'));
      assert(pair.length === 2 && pair.every((s) => s.scenario === 'core_default' && s.timestep === 9 && !s.running), JSON.stringify(pair));
      // One step: the shock in world A alone, and the loans its failed banks' administrators called marked.
      await page.getByTestId('compare-step').click();
      await waitForWorldStep(page, 10);
      await page.waitForTimeout(350);
      const [failedA, failedB] = await failedIn(page);
      assert(failedA >= 5 && failedB === 0, `the shock fails banks in world A alone (${failedA} against ${failedB})`);
      const marks = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldMarks[w]()));
      assert(marks[0].timestep === 10 && marks[0].calls.length > 0 && marks[1].calls.length === 0,
        `called loans marked in world A only: ${marks.map((m) => m.calls.length)}`);
      // Back to step 9 on the timeline: both graphs show it, nobody failed; the sessions stay at 10.
      await scrubBothTo(page, 9);
      const view = await bothShown(page);
      assert(view.graph.every((s) => s === 9) && view.defaulted.every((d) => d.length === 0), `both replay step 9: ${JSON.stringify(view)}`);
      const sessions = (await (await fetch(`${server.url}sessions`)).json()).sessions.filter((s) => s.session.startsWith('compare-'));
      assert(sessions.every((s) => s.timestep === 10), `the engines stay at step 10: ${JSON.stringify(sessions.map((s) => s.timestep))}`);
      await page.getByTestId('go-live').click();
      await page.waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds[w].timestep === 10));
      // "Why did it fail?" on a bank failed in world A, answered by world A's session on the server.
      const bank = await failedInAOnly(page);
      await page.evaluate((id) => window.__finsimWorldCy.a.getElementById(id).emit('tap'), bank);
      const columnA = page.getByTestId('compare-inspector').getByTestId('compare-inspector-a');
      await columnA.getByTestId('why-ask').click();
      await columnA.getByTestId('why-sentences').waitFor({ timeout: 10000 });
      const sentences = await columnA.getByTestId('why-sentences').locator('li').allTextContents();
      assert(sentences[0].startsWith(`Bank ${bank} failed at step 10`), JSON.stringify(sentences));
    } finally {
      await server.close();
    }
  });
}
