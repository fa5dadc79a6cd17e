// The static site in worker mode, served from a sub-path as GitHub Pages would.
import { assert } from './harness.mjs';
import { clickNode, defaultedNodes, searchParams, timestep, waitForGraph, waitForTimestep } from './pageHelpers.mjs';

export function workerModeTests(harness, { siteUrl }) {
  const open = (page, query = '') => page.goto(`${siteUrl}${query}`);

  harness.test('loads from a sub-path and renders the 100-bank network with its edges', async (page) => {
    await open(page);
    await waitForGraph(page, { nodes: 100 });
    const info = await page.evaluate(() => ({ edges: window.__finsimCy.edges().length, first: window.__finsimFirstRenderMs,
      tiers: [...new Set(window.__finsimCy.nodes().map((n) => n.data('tier')))].sort() }));
    assert(info.edges > 300, `edges drawn (${info.edges})`);
    assert(JSON.stringify(info.tiers) === '[1,2,3]', 'three tiers');
    assert(await page.getByTestId('mode-badge').textContent() === 'In your browser', 'worker mode badge');
    assert(info.first > 0, 'first render time recorded');
  });

  harness.test('the loans are drawn under the banks, each where it runs, the selected bank\'s in its colour', async (page) => {
    // graph/loanLayer.js draws the loans on a canvas of their own under Cytoscape's (docs/web.md, "Cost").
    await open(page);
    await waitForGraph(page, { nodes: 100 });
    await page.waitForTimeout(200);
    // The colour at each shown loan's midpoint on the loans' canvas; `of` keeps the loans of one bank.
    const inkAtLoans = (of = null) => page.evaluate((bank) => {
      const cy = window.__finsimCy;
      const container = document.querySelector('[data-testid=graph]');
      const canvas = container.parentElement.querySelector('canvas.graph-loans');
      const under = Boolean(canvas.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_FOLLOWING);
      const { data, width } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const loans = cy.edges('[!gone]').filter((e) => bank === null || e.data('source') === bank || e.data('target') === bank);
      // The 3 × 3 pixels around each midpoint (a thin loan's line can miss the middle one).
      const ink = loans.map((e) => {
        const a = e.source().renderedPosition();
        const b = e.target().renderedPosition();
        const x = Math.round((a.x + b.x) / 2);
        const y = Math.round((a.y + b.y) / 2);
        const pixels = [];
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const i = 4 * ((y + dy) * width + x + dx);
            if (data[i + 3] > 0) pixels.push([data[i], data[i + 1], data[i + 2]]);
          }
        }
        return pixels;
      });
      return { under, ink };
    }, of);
    // A loan thinner than a pixel at this zoom blends with what it crosses: a pixel is read as the
    // nearest of the layer's colours (loan, arrowhead, selected).
    const LOAN = [0x3a, 0x4a, 0x66];
    const ARROW = [0x55, 0x68, 0x8a];
    const SELECTED = [0x38, 0xbd, 0xf8];
    const distance = (p, q) => Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
    const near = (pixels, colour) => pixels.some((rgb) => [LOAN, ARROW, SELECTED].every((other) => distance(rgb, colour) <= distance(rgb, other)));
    const all = await inkAtLoans();
    assert(all.under, 'the loans\' canvas lies under the banks\' (Cytoscape\'s container follows it)');
    const inked = all.ink.filter((pixels) => pixels.length > 0).length;
    const loanColoured = all.ink.filter((pixels) => near(pixels, LOAN)).length;
    assert(inked >= 0.95 * all.ink.length, `ink at ${inked} of ${all.ink.length} loans' midpoints`);
    assert(loanColoured >= 0.8 * all.ink.length, `${loanColoured} of ${all.ink.length} midpoints in the loan colour`);
    const before = await inkAtLoans('0');
    assert(before.ink.every((pixels) => !near(pixels, SELECTED)), 'no loan of bank 0 lit before it is selected');
    await clickNode(page, '0');
    await page.waitForTimeout(200);
    const after = await inkAtLoans('0');
    const lit = after.ink.filter((pixels) => near(pixels, SELECTED)).length;
    assert(after.ink.length >= 10 && lit >= 0.9 * after.ink.length, `${lit} of bank 0's ${after.ink.length} loans lit once it is selected`);
    console.log(`       ${inked} of ${all.ink.length} loans inked at their midpoints; ${lit} of bank 0's ${after.ink.length} lit when selected`);
  });

  harness.test('play advances timesteps; pause stops them; step advances exactly one', async (page) => {
    await open(page, '?speed=20');
    await waitForGraph(page);
    const positions = () => page.evaluate(() => JSON.stringify(window.__finsimCy.nodes().map((n) => n.position())));
    const before = await positions();
    await page.getByTestId('play-pause').click();
    await waitForTimestep(page, 5);
    assert(await positions() === before, 'no node moved while running');
    await page.getByTestId('play-pause').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play-pause]').textContent.includes('Play'));
    const paused = await timestep(page);
    await page.waitForTimeout(400);
    assert(await timestep(page) === paused, 'no step while paused');
    await page.getByTestId('step').click();
    await waitForTimestep(page, paused + 1);
    await page.waitForTimeout(200);
    assert(await timestep(page) === paused + 1, 'step advances exactly one');
    assert(await page.getByTestId('timestep').textContent() === String(paused + 1), 'headline shows the step');
  });

  harness.test('a step restyles only the banks and loans whose look changed, not the whole graph', async (page) => {
    // Cytoscape restyles an element when its data changes; anything set on the graph's own data or
    // scratchpad restyles all of them (the cost of a step's frame, docs/web.md "Cost"). Steps 8-12 of
    // the liquidity freeze: a calm step, the run and the first failures.
    await open(page, '?scenario=liquidity_freeze&seed=42');
    await waitForGraph(page, { nodes: 100 });
    await page.evaluate(() => {
      const cy = window.__finsimCy;
      const count = window.__finsimRestyles = { styled: 0, changed: 0 };
      cy.on('style', () => { count.styled++; });
      cy.on('data add remove', () => { count.changed++; });
    });
    const start = await timestep(page);
    for (let k = 1; k <= 12 - start; k++) {
      await page.getByTestId('step').click();
      await waitForTimestep(page, start + k);
    }
    await page.waitForTimeout(200);
    const { styled, changed } = await page.evaluate(() => window.__finsimRestyles);
    const elements = await page.evaluate(() => window.__finsimCy.elements().length);
    assert(changed > 0, `the steps changed banks or loans (${changed})`);
    // A changed bank can be restyled twice in a step (its data, then a loan of its removed); a
    // whole-graph restyle per step would add `elements` every step.
    assert(styled <= changed + elements, `${styled} restyles for ${changed} changed, added or removed banks and loans over steps ${start + 1}-12 (${elements} on the graph)`);
    console.log(`       steps ${start + 1}-12: ${styled} restyles, ${changed} changed banks and loans, ${elements} elements on the graph`);
  });

  harness.test('every bank that hoards in a crisis step is drawn hoarding, beyond the effects\' per-step budget', async (page) => {
    // Step 12 of the liquidity freeze: dozens of hoards beside defaults and forced sales. A step's hoards
    // are one effect (animation/overlay.js hoardsOf); each hoarder gets an amber ring and padlock.
    await open(page, '?scenario=liquidity_freeze&seed=42');
    await waitForGraph(page, { nodes: 100 });
    const start = await timestep(page);
    for (let k = 1; k <= 12 - start; k++) {
      await page.getByTestId('step').click();
      await waitForTimestep(page, start + k);
    }
    await page.waitForTimeout(250);  // the padlocks are drawn from 0 to 85 % of the effect's 1.1 s
    const { hoarders, amber } = await page.evaluate(() => {
      const cy = window.__finsimCy;
      const hoards = window.__finsimStore.getState().timeline.filter((e) => e.timestamp === 12 && e.event_type === 'HOARD');
      const ids = [...new Set(hoards.map((e) => String(e.from)))];
      const canvas = document.querySelector('[data-testid=graph]').parentElement.querySelector('canvas.graph-overlay:not(.graph-screen)');
      const ratio = canvas.width / canvas.clientWidth;
      const { data, width } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      // The share of amber (#fbbf24) pixels in the hoarder's padlock body: a 14 × 9.8 model-unit block
      // whose top is 13.4 units above the bank (effects.js hoardsEffect), read a pixel inside its edges.
      // The recalled loans' amber lines cross it too, but thin: they fill a fraction of it, not all.
      const amberNear = (id) => {
        const n = cy.getElementById(id);
        const p = n.position();
        const top = p.y - n.data('size') / 2 - 13.4;
        const toCanvas = (x, y) => ({ x: (x * cy.zoom() + cy.pan().x) * ratio, y: (y * cy.zoom() + cy.pan().y) * ratio });
        const a = toCanvas(p.x - 7, top);
        const b = toCanvas(p.x + 7, top + 9.8);
        let pixels = 0;
        let found = 0;
        for (let y = Math.ceil(a.y) + 1; y <= Math.floor(b.y) - 1; y++) {
          for (let x = Math.ceil(a.x) + 1; x <= Math.floor(b.x) - 1; x++) {
            const i = 4 * (y * width + x);
            pixels++;
            if (data[i + 3] > 60 && Math.abs(data[i] - 251) < 30 && Math.abs(data[i + 1] - 191) < 40 && data[i + 2] < 110) found++;
          }
        }
        return pixels ? found / pixels : 0;
      };
      return { hoarders: ids, amber: ids.map(amberNear) };
    });
    const drawn = amber.filter((share) => share >= 0.8).length;
    assert(hoarders.length > 12, `more hoarders at step 12 than the per-step budget of effects (${hoarders.length})`);
    assert(drawn === hoarders.length, `${drawn} of the ${hoarders.length} hoarders drawn hoarding at step 12 (amber share of each padlock: ${amber.map((x) => x.toFixed(2)).join(',')})`);
    console.log(`       step 12: all ${hoarders.length} hoarders drawn with their ring and padlock`);
  });

  harness.test('a crisis greys and fades the defaulted banks, and says so', async (page) => {
    await open(page, '?scenario=core_default&speed=50&autoplay=1');
    await waitForGraph(page);
    await page.waitForFunction(() => window.__finsimCy.nodes('[?defaulted]').length > 0, null, { timeout: 20000 });
    const defaulted = await defaultedNodes(page);
    assert(defaulted.every((n) => n.opacity <= 0.5 && n.colour === '#4b5563'), `greyed and faded: ${JSON.stringify(defaulted[0])}`);
    await page.waitForFunction(() => /failed/.test(document.querySelector('[data-testid=defaults]')?.textContent ?? ''));
    // Later events scroll a default out of the recent list; the Defaults filter keeps the whole run's.
    await page.getByTestId('timeline-filter').selectOption('DEFAULT');
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('[data-testid=timeline] li')];
      return items.length > 0 && items.every((li) => /default/i.test(li.textContent));
    }, null, { timeout: 10000 });
  });

  harness.test('scenario, policy, seed, size and speed controls reset the run and update the URL', async (page) => {
    await open(page);
    await waitForGraph(page, { nodes: 100 });
    await page.getByTestId('scenario').selectOption('fire_sale_spiral');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('scenario') === 'fire_sale_spiral');
    await page.getByTestId('policy').selectOption('all_hold');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('policy') === 'all_hold');
    await page.getByTestId('seed').fill('1234');
    await page.getByTestId('seed').press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('seed') === '1234');
    await page.getByTestId('banks').selectOption('50');
    await waitForGraph(page, { nodes: 50 });
    await page.getByTestId('speed').fill('4');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('speed') === '10');
    const p = await searchParams(page);
    assert(p.scenario === 'fire_sale_spiral' && p.policy === 'all_hold' && p.seed === '1234' && p.banks === '50', JSON.stringify(p));
  });

  harness.test('clicking a bank opens the inspector; force default, inject liquidity and a price shock act', async (page) => {
    await open(page);
    await waitForGraph(page, { nodes: 100 });
    await clickNode(page, '0');
    await page.getByTestId('inspector').waitFor();
    assert((await page.getByTestId('inspector').textContent()).includes('Bank 0'), 'inspector shows bank 0');
    await page.getByTestId('force-default').click();
    await page.getByTestId('step').click();
    await page.waitForFunction(() => window.__finsimCy.getElementById('0').data('defaulted') === true);
    // A failed bank shows when and why it failed, and no capital ratio (the engine freezes it at default).
    await page.waitForFunction(() => document.querySelector('[data-testid=inspector-status]').textContent
      === 'Failed at step 1: pushed into default by an intervention');
    assert(!(await page.getByTestId('inspector').textContent()).includes('Capital ratio'), 'no capital ratio on a failed bank');
    await clickNode(page, '1');
    await page.waitForFunction(() => document.querySelector('[data-testid=inspector]').textContent.includes('Bank 1'));
    await page.getByTestId('inject').click();
    await page.getByTestId('price-shock').click();
    const before = await timestep(page);
    await page.getByTestId('step').click();
    await waitForTimestep(page, before + 1);
    await page.waitForFunction(() => document.querySelector('[data-testid=timeline] .ev-PRICE_DROP') !== null);
    assert(await page.getByTestId('error-toast').count() === 0, 'no control was refused');
  });

  harness.test('what-if switches and the lender of last resort round-trip through the URL; a forced action acts', async (page) => {
    // A hand-typed '+' decodes to a space: the page reads it back as the modifier separator.
    await open(page, '?scenario=calm&seed=5&policy=heuristic+no_hoard&lender_of_last_resort=1');
    await waitForGraph(page, { nodes: 100 });
    assert(await page.getByTestId('policy').inputValue() === 'heuristic', 'base policy from the URL');
    assert(await page.getByTestId('policy-no_hoard').isChecked(), 'no hoarding from the URL');
    assert(await page.getByTestId('lender-of-last-resort').isChecked(), 'lender of last resort from the URL');
    // The switch shows what the engine's status says: it turns on when the reset it sends comes back.
    await page.getByTestId('policy-no_fire_sale').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=policy-no_fire_sale]').checked);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('policy') === 'heuristic+no_hoard+no_fire_sale');
    assert(await page.evaluate(() => location.search.includes('policy=heuristic%2Bno_hoard%2Bno_fire_sale')), 'the + is encoded');
    assert((await searchParams(page)).lender_of_last_resort === '1', 'a policy change keeps the lender of last resort');
    await clickNode(page, '0');
    await page.getByTestId('inspector').waitFor();
    await page.getByTestId('force-action-choice').selectOption('HOARD');
    assert(await page.getByTestId('force-action').textContent() === 'Make this bank hoard next step', 'plain words');
    await page.getByTestId('force-action').click();
    await page.getByTestId('step').click();
    await page.waitForFunction(() => /last action: Hoard/.test(document.querySelector('[data-testid=inspector-status]').textContent));
    assert(['good', 'neutral', 'warn', 'bad'].includes(await page.getByTestId('metric-liquidity-value').getAttribute('data-tone')), 'liquidity coloured');
    assert(await page.getByTestId('error-toast').count() === 0, 'no control was refused');
  });

  harness.test('an address with a learned policy starts it; one with a policy the engine lacks says so and runs the default', async (page) => {
    await open(page, '?scenario=core_default&seed=3&policy=mappo-cooperative');
    await waitForGraph(page, { nodes: 100 });
    await page.waitForFunction(() => document.querySelector('[data-testid=policy]').value === 'mappo-cooperative');
    assert((await searchParams(page)).policy === 'mappo-cooperative', 'the address keeps the learned policy');
    assert(await page.getByTestId('notices').count() === 0, 'no notice for a policy the engine has');
    await open(page, '?scenario=core_default&seed=3&policy=mappo_cooperative');
    await waitForGraph(page, { nodes: 100 });
    await page.getByTestId('notices').waitFor();
    const notice = await page.getByTestId('notices').textContent();
    assert(notice.includes('policy “mappo_cooperative”, which this engine does not have'), notice);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('policy') === 'heuristic');
    assert(await page.getByTestId('policy').inputValue() === 'heuristic', 'the default policy runs');
    assert(await page.getByTestId('scenario').inputValue() === 'core_default', 'the rest of the address still applies');
    await page.getByTestId('dismiss-notices').click();
    assert(await page.getByTestId('notices').count() === 0, 'the notice can be dismissed');
  });

  harness.test('a sale forced by a failed lender\'s administrator is narrated as the live seller\'s, not as a failure', async (page) => {
    // core_default, seed 1, heuristic: the core bank fails at step 10; at step 11 (today Banks 40 and 76)
    // banks still standing sell to repay loans its administrator called in (finsim run --scenario
    // core_default --seed 1 prints them as FIRE_SALE events with cause "resolution").
    await open(page, '?scenario=core_default&seed=1&policy=heuristic');
    await waitForGraph(page, { nodes: 100 });
    const administrator = "sold assets to repay loans that a failed lender's administrator called in";
    let line = null;
    for (let t = 1; t <= 20 && !line; t++) {
      await page.getByTestId('step').click();
      await waitForTimestep(page, t);
      if (t < 11) continue;  // the crisis starts at step 10; every step after it has events to narrate
      await page.waitForFunction((step) => new RegExp(`^t${step}\\b`).test(document.querySelector('[data-testid=narrative] li')?.textContent ?? ''), t);
      const text = await page.locator('[data-testid=narrative] li').first().textContent();
      if (text.includes(administrator)) line = text;
    }
    assert(line, 'a step narrates a sale to repay an administrator');
    const sentence = line.split(/[;.] ?/).find((part) => part.includes(administrator));
    const sellers = [...sentence.replace(/and \d+ more/, '').matchAll(/\d+/g)].map((m) => m[0]);
    const failed = await page.evaluate((ids) => ids.filter((id) => window.__finsimCy.getElementById(id).data('defaulted')), sellers);
    assert(sellers.length > 0 && failed.length === 0, `the sellers named (${sellers}) are standing: ${line}`);
    const narrative = await page.getByTestId('narrative').textContent();
    assert(!/failed Banks? \d/.test(narrative), `no bank called failed by its sales: ${narrative}`);
  });

  harness.test('the narration tells the shock\'s withdrawals, the depositors\' runs and what forced a failure, as the engine reports them', async (page) => {
    // liquidity_freeze, seed 42: the shock's withdrawal at step 10, runs after it (the nodes' shock_withdrawal
    // and run_withdrawal: tests/engine/deposit_flight_test.cpp); core_default: the shock forces Bank 2 at step 10.
    await open(page, '?scenario=liquidity_freeze&seed=42&policy=heuristic');
    await waitForGraph(page, { nodes: 100 });
    const lineOf = async (t) => {
      await page.waitForFunction((step) => new RegExp(`^t${step}\\b`).test(document.querySelector('[data-testid=narrative] li')?.textContent ?? ''), t);
      return page.locator('[data-testid=narrative] li').first().textContent();
    };
    const nodes = () => page.evaluate(() => window.__finsimStore.getState().state.nodes);
    let ran = null;
    for (let t = 1; t <= 16 && !ran; t++) {
      await page.getByTestId('step').click();
      await waitForTimestep(page, t);
      if (t < 10) continue;
      const now = await nodes();
      const line = await lineOf(t);
      const hit = now.filter((n) => n.shock_withdrawal > 0).length;
      if (t === 10) {
        assert(hit > 40 && /^t10 The scenario's shock withdrew deposits from (\d+) banks;/.exec(line)?.[1] === String(hit),
          `step 10 tells the shock's reach first (${hit} banks): ${line}`);
      } else {
        assert(hit === 0 && !line.includes('shock withdrew'), `no shock withdrawal after step 10: ${line}`);
      }
      const runs = now.filter((n) => n.run_withdrawal > 0).map((n) => n.id);
      if (runs.length) {
        assert(line.toLowerCase().includes(`depositors ran on ${runs.length === 1 ? 'bank' : 'banks'} ${runs[0]}`),
          `step ${t} names the runs the engine reports (${runs}): ${line}`);
        ran = line;
      }
    }
    assert(ran, 'depositors ran by step 16');
    await open(page, '?scenario=core_default&seed=42&policy=heuristic');
    await waitForGraph(page, { nodes: 100 });
    for (let t = 1; t <= 10; t++) {
      await page.getByTestId('step').click();
      await waitForTimestep(page, t);
    }
    const forced = (await nodes()).filter((n) => n.forced_by === 'shock').map((n) => n.id);
    const line = await lineOf(10);
    assert(forced.length === 1 && line.startsWith(`t10 Bank ${forced[0]} was pushed into default by the scenario's shock`), `step 10: ${line}`);
    console.log(`       ${ran.slice(0, 160)}…`);
  });

  harness.test('the metric series export as CSV', async (page) => {
    await open(page, '?scenario=core_default&speed=50&autoplay=1');
    await waitForTimestep(page, 12);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    assert(lines[0].startsWith('timestep,liquidity,default_rate,equilibrium_score,asset_price'), lines[0]);
    assert(lines.length >= 13, `one row per step (${lines.length - 1})`);
    assert(download.suggestedFilename() === 'finsim-core_default-seed42-heuristic.csv', download.suggestedFilename());
  });

  harness.test('URL state round-trips and replays the same run', async (page) => {
    const query = '?scenario=gai_kapadia&seed=7&policy=all_hold&speed=5&banks=50';
    await open(page, query);
    await waitForGraph(page, { nodes: 50 });
    const first = await page.evaluate(() => window.__finsimCy.nodes().map((n) => n.data('colour')).join());
    assert(await page.getByTestId('scenario').inputValue() === 'gai_kapadia', 'scenario from URL');
    assert(await page.getByTestId('seed').inputValue() === '7', 'seed from URL');
    assert((await page.getByTestId('speed-value').textContent()).startsWith('5'), 'speed from URL');
    const p = await searchParams(page);
    assert(p.scenario === 'gai_kapadia' && p.seed === '7' && p.policy === 'all_hold' && p.speed === '5' && p.banks === '50', JSON.stringify(p));
    await page.reload();
    await waitForGraph(page, { nodes: 50 });
    const again = await page.evaluate(() => window.__finsimCy.nodes().map((n) => n.data('colour')).join());
    assert(first === again, 'the same network after reload');
  });

  harness.test('embed mode shows only the graph, a caption and playback', async (page) => {
    await open(page, '?embed=1&scenario=liquidity_freeze&speed=20');
    await waitForGraph(page, { nodes: 100 });
    assert(await page.locator('.topbar').count() === 0, 'no header');
    assert(await page.locator('.side').count() === 0, 'no side panels');
    await page.getByTestId('play-pause').click();
    await waitForTimestep(page, 3);
    await page.waitForFunction(() => /^t\d+:/.test(document.querySelector('[data-testid=caption]').textContent));
  });

  harness.test('without WebAssembly the page shows an error screen, not a blank page', async (page) => {
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await open(page);
    await page.getByTestId('error-screen').waitFor({ timeout: 10000 });
    assert((await page.getByTestId('error-screen').textContent()).includes('WebAssembly'), 'names WebAssembly');
  });

  harness.test('a worker that cannot load shows the error screen', async (page) => {
    await page.route(/simulation\.worker-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await open(page);
    await page.getByTestId('error-screen').waitFor({ timeout: 25000 });
  }, { allowConsole: [/404|Failed to load|worker/i] });
}
