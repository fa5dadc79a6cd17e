// The timeline under the graph (issue 12, "Rewind and branch"): scrub back to a step of the run and see
// that step's state, step frame by frame, replay at a chosen speed, return to Live; the time to scrub
// to any of 200 steps (performance marks, median and max); and "Branch from here" — the engine's rewind
// when it has one, a clear message and no change when it answers unknown_control. Screenshots go to
// build/e2e-artifacts/rewind-*.png (not committed; look at them).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';
import { scrubTo, timeScrubs, waitForGraph, waitForTimestep } from './pageHelpers.mjs';

const artifacts = fileURLToPath(new URL('../../build/e2e-artifacts/', import.meta.url));
const SCRUB_TARGET_MS = 100;

/** Plays the page's run to at least `steps` at its speed and pauses it; returns the step it stopped at. */
async function playTo(page, steps) {
  await page.getByTestId('play-pause').click();
  await waitForTimestep(page, steps, 40000);
  await page.getByTestId('play-pause').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=play-pause]').textContent.includes('Play'));
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__finsimStore.getState().state.timestep);
}


/** Plays to step 20, scrubs back to 12 and opens a branch there switching to heuristic+no_hoard in Compare. */
async function branchIntoCompare(page) {
  await playTo(page, 20);
  await scrubTo(page, 12);
  await page.getByTestId('branch-open').click();
  await page.getByTestId('branch-change').selectOption('policy');
  await page.getByTestId('branch-policy').selectOption('heuristic+no_hoard');
  await page.getByTestId('branch-compare').click();
  await page.waitForURL(/compare=policy%3Aheuristic%2Bno_hoard%4013/, { timeout: 10000 });
}

/** What the page shows: the graph's step, the headline's, which banks the graph draws failed, the badge. */
function shown(page) {
  return page.evaluate(() => ({
    graphStep: window.__finsimLastTimestep,
    headline: Number(document.querySelector('[data-testid=timestep]').textContent),
    defaulted: window.__finsimCy.nodes('[?defaulted]').map((n) => n.id()).sort(),
    badge: !!document.querySelector('[data-testid=replay-badge]'),
  }));
}

/** The live run's failed banks, each with the step it failed in. */
function failures(page) {
  return page.evaluate(() => window.__finsimStore.getState().state.nodes
    .filter((n) => n.status === 'defaulted').map((n) => ({ id: n.id, step: n.default_timestep })));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function rewindTests(harness, { siteUrl }) {
  harness.test('rewind: scrub back to a step before the first default, step frame by frame to it, replay, back to Live', async (page) => {
    mkdirSync(artifacts, { recursive: true });
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&speed=20`);
    await waitForGraph(page, { nodes: 100 });
    const live = await playTo(page, 40);
    const failed = await failures(page);
    assert(failed.length > 0, 'banks failed by step 40');
    const firstFailure = Math.min(...failed.map((f) => f.step));
    const target = firstFailure - 2;
    assert(target >= 1, `the first default comes after step 2 (${firstFailure})`);
    const failingFirst = failed.filter((f) => f.step === firstFailure).map((f) => f.id).sort();

    await scrubTo(page, target);
    let view = await shown(page);
    assert(view.graphStep === target && view.headline === target, `graph and headline show step ${target}: ${JSON.stringify(view)}`);
    assert(view.badge, 'the replay badge is over the graph');
    assert(failingFirst.every((id) => !view.defaulted.includes(id)), `banks failing at step ${firstFailure} are not yet failed at ${target}`);
    assert(view.defaulted.length === 0, `no bank has failed at step ${target}: ${view.defaulted}`);
    assert(await page.evaluate(() => window.__finsimStore.getState().state.timestep) === live, 'the live run is untouched');
    await page.screenshot({ path: `${artifacts}rewind-replay-before-default.png` });

    // Frame by frame with the arrow keys: the failures appear exactly at their step.
    for (let step = target + 1; step <= firstFailure; step++) {
      await page.keyboard.press('ArrowRight');
      view = await shown(page);
      assert(view.graphStep === step && view.headline === step, `→ shows step ${step}: ${JSON.stringify(view)}`);
      const expected = failed.filter((f) => f.step <= step).map((f) => f.id).sort();
      assert(JSON.stringify(view.defaulted) === JSON.stringify(expected), `step ${step} shows the banks failed by then`);
    }
    await page.waitForTimeout(250);  // the failures' collapse animating
    await page.screenshot({ path: `${artifacts}rewind-step-to-default.png` });
    await page.keyboard.press('ArrowLeft');
    view = await shown(page);
    assert(view.graphStep === firstFailure - 1 && failingFirst.every((id) => !view.defaulted.includes(id)), '← goes back one step');
    await page.getByTestId('scrub-back').click();
    assert((await shown(page)).graphStep === firstFailure - 2, 'the back button goes back one step');

    // Replay at 4×: two steps a second × 4.
    await page.getByTestId('replay-rate').selectOption('4');
    await page.getByTestId('replay-play').click();
    await page.waitForFunction((t) => window.__finsimLastTimestep >= t, firstFailure + 4, { timeout: 5000 });
    await page.getByTestId('replay-play').click();
    const paused = (await shown(page)).graphStep;
    await page.waitForTimeout(600);
    assert((await shown(page)).graphStep === paused, 'the replay pauses');

    await page.getByTestId('go-live').click();
    view = await shown(page);
    assert(view.graphStep === live && view.headline === live && !view.badge, `Live shows step ${live} again: ${JSON.stringify(view)}`);
    assert(view.defaulted.length === failed.length, 'Live shows every failure');
    await page.screenshot({ path: `${artifacts}rewind-live.png` });
  });

  harness.test('rewind: scrubbing to any of 200 steps draws it within 100 ms (median; max reported)', async (page) => {
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&speed=50`);
    await waitForGraph(page, { nodes: 100 });
    const live = await playTo(page, 200);
    const targets = [...Array(60).keys()].map((i) => (i * 67 + 13) % live);
    const times = (await timeScrubs(page, targets)).map((t) => t.total);
    const stats = await page.evaluate(() => window.__finsimStore.getState().frames.stats());
    const med = median(times);
    const max = Math.max(...times);
    console.log(`       scrub to any of ${live + 1} steps (liquidity_freeze, 100 banks): ${times.length} scrubs, median ${med.toFixed(1)} ms, `
      + `max ${max.toFixed(1)} ms; history ${stats.frames} frames, ${(stats.bytes / 1e6).toFixed(1)} MB estimated, ${stats.thinned} thinned`);
    assert(med < SCRUB_TARGET_MS, `median scrub ${med.toFixed(1)} ms < ${SCRUB_TARGET_MS} ms`);
    assert(stats.frames === live + 1 && stats.thinned === 0, `every step kept: ${JSON.stringify(stats)}`);

    // The history's real cost in the page's heap: used heap with it, then without it (after a GC each).
    const cdp = await page.context().newCDPSession(page);
    const usedHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.getByTestId('go-live').click().catch(() => {});
    const withHistory = await usedHeap();
    await page.evaluate(() => window.__finsimStore.getState().frames.clear());
    const without = await usedHeap();
    console.log(`       the history in Chromium's heap: ${((withHistory - without) / 1e6).toFixed(1)} MB for ${stats.frames} frames `
      + `(${((withHistory - without) / stats.frames / 1e3).toFixed(1)} KB a frame; estimated ${(stats.bytes / stats.frames / 1e3).toFixed(1)} KB)`);
  });

  harness.test('rewind: "Branch from here" rewinds and runs on with one change, or says the engine cannot', async (page) => {
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&speed=20`);
    await waitForGraph(page, { nodes: 100 });
    const live = await playTo(page, 30);
    const failed = await failures(page);
    const step = 10;
    const bank = (await page.evaluate(() => window.__finsimStore.getState().state.nodes.find((n) => n.status === 'active').id));
    await scrubTo(page, step);
    await page.getByTestId('branch-open').click();
    await page.getByTestId('branch-change').selectOption('force_default');
    await page.getByTestId('branch-bank').fill(bank);
    await page.screenshot({ path: `${artifacts}rewind-branch-form.png` });
    await page.getByTestId('branch-run').click();
    await page.waitForFunction(() => !/Going back/.test(document.querySelector('[data-testid=branch-message]')?.textContent ?? 'Going back'),
      null, { timeout: 20000 }).catch(() => {});
    const message = await page.getByTestId('branch-message').textContent().catch(() => '');
    await page.screenshot({ path: `${artifacts}rewind-branch-outcome.png` });
    if (/cannot rewind/.test(message)) {
      // An engine without `rewind`: nothing changed, the change was never sent to the live run.
      console.log('       the engine has no rewind control yet: the page says so and changes nothing');
      await page.getByTestId('go-live').click();
      await page.getByTestId('step').click();
      await waitForTimestep(page, live + 1);
      const after = await page.evaluate((id) => window.__finsimStore.getState().state.nodes.find((n) => n.id === id), bank);
      assert(after.status === 'active' || after.default_timestep !== live + 1, 'the live run did not get the branch\'s change');
      return;
    }
    assert(/^Branched at step 10/.test(message), `branched: ${message}`);
    let view = await shown(page);
    assert(view.graphStep === step && !view.badge, `live again at the branch step: ${JSON.stringify(view)}`);
    const frames = await page.evaluate(() => window.__finsimStore.getState().frames.stats().frames);
    assert(frames === step + 1, `the original's later steps are forgotten (${frames} frames)`);
    await page.getByTestId('step').click();
    await page.waitForFunction((id) => window.__finsimCy.getElementById(id).data('defaulted') === true, bank, { timeout: 10000 });
    view = await shown(page);
    assert(view.graphStep === step + 1, 'the branch runs on from the next step');
    assert(failed.filter((f) => f.step <= step).every((f) => view.defaulted.includes(f.id)), 'the past before the branch is kept');
    await page.screenshot({ path: `${artifacts}rewind-branch-ran-on.png` });

    // A second branch, earlier, switching every bank's policy: the run goes on under it, its past kept.
    const runId = await page.evaluate(() => window.__finsimStore.getState().runId);
    await scrubTo(page, 5);
    await page.getByTestId('branch-open').click();
    await page.getByTestId('branch-change').selectOption('policy');
    await page.getByTestId('branch-policy').selectOption('heuristic+no_hoard');
    await page.getByTestId('branch-run').click();
    await page.waitForFunction(() => /^Branched at step 5/.test(document.querySelector('[data-testid=branch-message]')?.textContent ?? ''),
      null, { timeout: 20000 });
    await page.getByTestId('step').click();
    await page.getByTestId('step').click();
    await page.waitForFunction(() => window.__finsimLastTimestep === 7, null, { timeout: 10000 });
    const after = await page.evaluate(() => {
      const s = window.__finsimStore.getState();
      return { policy: s.state.policy, current: s.state.current_policy, runId: s.runId, first: s.frames.firstStep(),
        status: s.status.current_policy };
    });
    // The run keeps its own policy; the one the banks follow now is `current_policy` (engine/src/messages.cpp).
    assert(after.current === 'heuristic+no_hoard' && after.status === 'heuristic+no_hoard' && after.policy === 'heuristic',
      `the new policy runs: ${JSON.stringify(after)}`);
    assert(after.runId === runId && after.first === 0, `the same run goes on, its past kept: ${JSON.stringify(after)}`);
    const said = () => page.evaluate(() => document.querySelector('[data-testid=headline-current-policy]')?.textContent ?? null);
    assert(await said() === 'Banks now follow Heuristic, no hoarding', `the headline names the policy followed now: ${await said()}`);
    await scrubTo(page, 3);
    assert((await shown(page)).graphStep === 3, 'the steps before the branch can still be shown');
    assert(await said() === null, `before the switch the headline names none: ${await said()}`);
  });

  harness.test('rewind: a branch opens in Compare against the original, both at the branch step, paused', async (page) => {
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&speed=20`);
    await waitForGraph(page, { nodes: 100 });
    await branchIntoCompare(page);
    assert(new URL(page.url()).searchParams.get('from') === '12', `opened at the branch step: ${page.url()}`);
    const steps = () => page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorlds?.[w]?.timestep ?? -1));
    await page.waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds?.[w]?.timestep === 12), null, { timeout: 30000 });
    await page.waitForTimeout(500);
    assert(JSON.stringify(await steps()) === '[12,12]', `paused at the branch step: ${await steps()}`);
    assert((await page.getByTestId('compare-title').textContent()).includes('switched to Heuristic, no hoarding at step 13'),
      `world B named by its change: ${await page.getByTestId('compare-title').textContent()}`);
    await page.getByTestId('compare-step').click();
    await page.waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds?.[w]?.timestep === 13), null, { timeout: 10000 });
    await page.screenshot({ path: `${artifacts}rewind-branch-compare.png` });
  });

  harness.test('rewind: an address with interventions replays them for anyone, and keeps them', async (page) => {
    await page.goto(`${siteUrl}?scenario=calm&seed=42&speed=20&at=force_default:3@5`);
    await waitForGraph(page, { nodes: 100 });
    const scheduled = await page.evaluate(() => window.__finsimStore.getState().status?.scheduled ?? null);
    assert(scheduled?.length === 1 && scheduled[0].step === 5 && scheduled[0].control.control === 'force_default'
      && scheduled[0].control.bank === 3,
      `the engine scheduled the address's control: ${JSON.stringify(scheduled)}`);
    await playTo(page, 6);
    const after = await shown(page);
    assert(after.defaulted.includes('3'), `bank 3 failed at step 5 as the address says: ${JSON.stringify(after.defaulted)}`);
    const at = await page.evaluate(() => window.__finsimStore.getState().status.at);
    assert(at.length === 1 && at[0].step === 5, `applied at step 5: ${JSON.stringify(at)}`);
    assert(new URL(page.url()).searchParams.get('at') === 'force_default:3@5', `the address keeps it: ${page.url()}`);
  });

  harness.test('rewind: a branch of a run with interventions opens in Compare with them in both worlds', async (page) => {
    await page.goto(`${siteUrl}?scenario=liquidity_freeze&seed=42&speed=20&at=force_default:3@5,force_default:8@16`);
    await waitForGraph(page, { nodes: 100 });
    await branchIntoCompare(page);
    const address = new URL(page.url()).searchParams;
    assert(address.get('at') === 'force_default:3@5,force_default:8@16', `the run's own controls in the address: ${page.url()}`);
    await page.waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds?.[w]?.timestep === 12), null, { timeout: 30000 });
    const failed = (bank) => page.evaluate((id) => ['a', 'b'].map((w) => !!window.__finsimWorldCy?.[w]?.getElementById(id).data('defaulted')), bank);
    assert(JSON.stringify(await failed('3')) === '[true,true]', `bank 3 forced to fail at step 5 in both worlds: ${await failed('3')}`);
    assert(JSON.stringify(await failed('8')) === '[false,false]', `bank 8 still standing at step 12: ${await failed('8')}`);
    for (let k = 0; k < 4; k += 1) {
      await page.getByTestId('compare-step').click();
      await page.waitForFunction((t) => ['a', 'b'].every((w) => window.__finsimWorlds?.[w]?.timestep === t), 13 + k, { timeout: 10000 });
    }
    assert(JSON.stringify(await failed('8')) === '[true,true]', `the later control acted at step 16 in both worlds: ${await failed('8')}`);
    await page.screenshot({ path: `${artifacts}rewind-branch-with-interventions-compare.png` });
  });

  harness.test('rewind: a branch that makes one bank hoard opens in Compare, and the hoard acts in world B alone', async (page) => {
    await page.goto(`${siteUrl}?scenario=calm&seed=42&speed=20`);
    await waitForGraph(page, { nodes: 100 });
    await playTo(page, 24);
    await scrubTo(page, 19);
    await page.getByTestId('branch-open').click();
    await page.getByTestId('branch-change').selectOption('force_action');
    await page.getByTestId('branch-bank').fill('3');
    await page.getByTestId('branch-action').selectOption('HOARD');
    await page.getByTestId('branch-compare').click();
    await page.waitForURL(/compare=force_action%3A3%3AHOARD%4020/, { timeout: 10000 });
    await page.waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds?.[w]?.timestep === 19), null, { timeout: 30000 });
    await page.waitForTimeout(300);
    await page.getByTestId('compare-step').click();
    await page.waitForFunction(() => ['a', 'b'].every((w) => window.__finsimWorlds?.[w]?.timestep === 20), null, { timeout: 10000 });
    await page.waitForTimeout(350);
    const actions = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldStores[w].getState().state.nodes.find((n) => n.id === '3').action));
    assert(actions[1] === 'HOARD' && actions[0] !== 'HOARD', `bank 3 hoards at step 20 in world B alone: ${actions}`);
    const marks = await page.evaluate(() => ['a', 'b'].map((w) => window.__finsimWorldMarks[w]()));
    assert(marks[0].recalls.length === 0 && marks[1].recalls.length >= 10 && marks[1].recalls.every((r) => r.lender === '3'),
      `its recalled loans marked in world B alone: ${marks.map((m) => m.recalls.length)}`);
    await page.screenshot({ path: `${artifacts}rewind-branch-hoard-compare.png` });
  });
}
