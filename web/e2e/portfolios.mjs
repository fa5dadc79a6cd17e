// The Portfolios part end to end: in the static site it explains that it needs a server (and loads
// none of its code); against the real finsim-server, seeded through its own API, a user creates a
// portfolio, previews a fee, places orders, sees them fill and the holdings and NAV update live,
// runs a backtest, and compares models and fees. Screenshots of every view at desktop and phone
// widths go to build/e2e-artifacts/ (not committed; look at them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatMoney } from '../src/format.js';
import { assert } from './harness.mjs';
import { waitForGraph } from './pageHelpers.mjs';
import { ensureServerBuilt, startRealServer } from './serverMode.mjs';

const artifacts = fileURLToPath(new URL('../../build/e2e-artifacts/', import.meta.url));
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

function apiOf(baseUrl) {
  const call = async (method, path, body) => {
    const response = await fetch(new URL(path, baseUrl), {
      method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

async function waitForBacktest(api, id, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const b = await api.get(`api/backtests/${id}`);
    if (b.status === 'done') return b;
    if (b.status === 'failed') throw new Error(`backtest ${id} failed: ${JSON.stringify(b.error)}`);
    if (Date.now() > until) throw new Error(`backtest ${id} still ${b.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A market, a manual portfolio with fills over a few bars, LLM signals and an XGBoost backtest. */
async function seed(api) {
  const market = (await api.get('api/markets')).markets[0];
  const assets = (await api.get(`api/markets/${market.id}/assets`)).assets;
  const stocks = assets.filter((a) => a.asset_class === 'stock').map((a) => a.ticker);
  const crypto = assets.find((a) => a.asset_class === 'crypto').ticker;
  const seeded = await api.post('api/portfolios', { name: 'Seeded momentum', initial_capital: 50000, fee_structure: 'flat', model: 'momentum' });
  await api.post(`api/portfolios/${seeded.id}/orders`, { ticker: stocks[0], side: 'buy', quantity: 40 });
  await api.post(`api/portfolios/${seeded.id}/orders`, { ticker: crypto, side: 'buy', notional: 4000 });
  await api.post(`api/markets/${market.id}/advance`, { bars: 3 });
  await api.post(`api/portfolios/${seeded.id}/orders`, { ticker: stocks[0], side: 'sell', quantity: 15 });
  await api.post(`api/markets/${market.id}/advance`, { bars: 2 });
  // An active trade: a limit buy far below the market waits on the dashboard.
  await api.post(`api/portfolios/${seeded.id}/orders`, { ticker: stocks[2], side: 'buy', type: 'limit', limit_price: 1, quantity: 5 });
  await api.post('api/signals', { signals: [
    { model: 'llm', ticker: stocks[0], action: 'buy', confidence: 0.72, predicted_return: 0.004 },
    { model: 'llm', ticker: stocks[1], action: 'sell', confidence: 0.55 },
  ] });
  const tickers = stocks.slice(0, 6);
  const xgb = await api.post('api/backtests', { model: 'xgboost', tickers, name: 'XGBoost, six stocks' });
  const done = await waitForBacktest(api, xgb.id);
  return { market, stocks, tickers, seeded, xgbPortfolio: done.portfolio_id };
}

/** Imports `csv` as a market named `name`, its clock at the first bar; its id. */
async function importMarket(baseUrl, name, csv) {
  const imported = await fetch(new URL(`api/markets/import?name=${name}&clock=start`, baseUrl),
    { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  assert(imported.status === 201, `the market imported (${imported.status})`);
  return (await imported.json()).market.id;
}

async function shoot(page, name) {
  await page.waitForTimeout(150);  // let Recharts lay out after the last data arrived
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

const text = (page, testid) => page.getByTestId(testid).first().textContent();

export function portfolioTests(harness, { siteUrl, dist }) {
  harness.test('portfolios in the static site: an explanation, no dashboard code, the network still works', async (page) => {
    const scripts = [];
    page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
    await page.goto(`${siteUrl}?seed=7#/portfolios`);
    await page.getByTestId('portfolios-unavailable').waitFor();
    assert((await text(page, 'portfolios-unavailable')).includes('need a FinSim server'), 'explains the server is needed');
    assert(!scripts.some((u) => /PortfoliosApp/.test(u)), `the dashboard chunk is not loaded (${scripts.join(', ')})`);
    await page.getByTestId('tab-network').click();
    await waitForGraph(page, { nodes: 100 });
    assert(new URL(page.url()).searchParams.get('seed') === '7', 'the network URL parameters are kept');
  });

  harness.test('portfolios against the real server: create, preview a fee, trade, watch it fill, backtest, compare', async (page) => {
    ensureServerBuilt();
    mkdirSync(artifacts, { recursive: true });
    const server = await startRealServer(dist, ['--market-bars', '420']);
    try {
      const api = apiOf(server.url);
      const { market, stocks, tickers, xgbPortfolio } = await seed(api);
      const [ticker, second] = stocks;
      await page.setViewportSize(DESKTOP);

      // Dashboard, with what the seed made.
      await page.goto(`${server.url}#/portfolios`);
      await page.getByTestId('dash-portfolios').waitFor();
      assert((await text(page, 'dash-portfolios')).includes('Seeded momentum'), 'seeded portfolio listed');
      assert((await text(page, 'dash-pending')).includes('limit'), 'the waiting limit order is an active trade');
      await page.waitForFunction(() => document.querySelector('[data-testid=portfolios]')?.dataset.feed === 'live');

      // Create a portfolio through the form.
      await page.getByTestId('new-portfolio').click();
      await page.getByTestId('cp-name').fill('Alpha');
      await page.getByTestId('cp-capital').fill('100000');
      await page.getByTestId('cp-fee').selectOption('ibkr_fixed');
      await page.getByTestId('cp-model').selectOption('linear');
      // Fills pay 10 bps of slippage and half a 10 bps spread (docs/portfolio-api.md, "Slippage").
      await page.getByTestId('cp-slippage').selectOption('fixed_bps');
      await page.getByTestId('cp-slippage-param').fill('10');
      await page.getByTestId('cp-spread').fill('10');
      await page.getByTestId('cp-submit').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=pf-name]')?.textContent === 'Alpha');
      const alphaId = Number(new URL(page.url()).hash.split('/').pop());
      assert(alphaId > 0, `portfolio id in the address (${page.url()})`);
      const slippage = { model: 'fixed_bps', bps: 10, spread_bps: 10 };
      const created = (await api.get(`api/portfolios/${alphaId}`)).slippage;
      assert(created.model === 'fixed_bps' && created.bps === 10 && created.spread_bps === 10,
        `the portfolio was created with the form's slippage model: ${JSON.stringify(created)}`);
      assert((await text(page, 'pf-costs')).includes('slippage fixed 10 bps + half a 10 bps spread'), 'the slippage model is named');

      // Trade: the fee preview is the server's, the models' signals show, the order is confirmed.
      await page.getByTestId('pf-nav-trade').click();
      await page.getByTestId('order-ticker').selectOption(ticker);
      // A negative size says so, and nothing can be sent.
      await page.getByTestId('order-amount').fill('-5');
      assert(await text(page, 'order-problem') === 'The quantity must be a number above 0, not -5.', 'a negative size is named');
      assert(await page.getByTestId('order-submit').isDisabled(), 'a negative size cannot be sent');
      await page.getByTestId('order-amount').fill('10');
      assert(await page.getByTestId('order-problem').count() === 0, 'the problem goes with the size');
      await page.getByTestId('fee-preview-fee').waitFor();
      const expected = await api.post('api/fees/preview', { fee_structure: 'ibkr_fixed', side: 'buy', quantity: 10, ticker, slippage });
      await page.waitForFunction((fee) => document.querySelector('[data-testid=fee-preview-fee]')?.textContent === fee,
        formatMoney(expected.fee));
      assert(expected.slippage.cost > 0 && (await text(page, 'fee-preview-slippage')).includes(formatMoney(expected.slippage.cost)),
        `the preview shows the slippage's cost (${expected.slippage.cost})`);
      assert(await text(page, 'fee-preview-price') === formatMoney(expected.price), 'the execution price is the server\'s');
      assert((await text(page, 'model-signals')).includes('LLM'), 'the LLM signal for the ticker is shown');
      await shoot(page, 'desktop-trade');
      await page.getByTestId('order-submit').click();
      await page.getByTestId('order-confirmation').waitFor();
      assert((await text(page, 'order-confirmation')).includes('pending'), 'placed orders are pending');
      // An order beyond the cash is refused in the form with the server's reason, and the confirmation
      // of the order before does not stay beneath the refusal.
      await page.getByTestId('order-amount').fill('100000');
      await page.getByTestId('order-submit').click();
      await page.getByTestId('order-error').waitFor();
      assert(/cash/.test(await text(page, 'order-error')), `the server's reason: ${await text(page, 'order-error')}`);
      assert(await page.getByTestId('order-confirmation').count() === 0, 'no stale confirmation under the refusal');
      await page.getByTestId('order-amount').fill('10');
      assert(await page.getByTestId('order-error').count() === 0, 'the refusal goes when the order changes');
      // A notional order: the server turns the amount into units for the preview.
      await page.getByTestId('order-ticker').selectOption(second);
      await page.getByTestId('order-size-kind').selectOption('notional');
      await page.getByTestId('order-amount').fill('2500');
      const notional = await api.post('api/fees/preview', { fee_structure: 'ibkr_fixed', side: 'buy', notional: 2500, ticker: second, slippage });
      await page.waitForFunction((units) => document.querySelector('[data-testid=fee-preview-units]')?.textContent === units,
        notional.quantity.toLocaleString('en-US', { maximumFractionDigits: 4 }));
      await page.getByTestId('order-submit').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=trade-orders] tbody tr').length === 2);

      // The next trading day, moved by someone else (the API, not this page), fills both: only the live
      // feed can tell the page, which updates the confirmation and the orders.
      await api.post(`api/markets/${market.id}/advance`, { bars: 1 });
      await page.getByTestId('order-filled').waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=trade-orders] tbody tr')].every((r) => r.textContent.includes('filled')));
      // And the page's own button moves the clock.
      const filledOn = await text(page, 'market-date');
      await page.getByTestId('advance-market').click();
      await page.waitForFunction((d) => document.querySelector('[data-testid=market-date]').textContent !== d, filledOn);

      // A stop-loss on the position, good for 30 days: the form asks for the stop, the server stores it
      // pending with its level, and the orders table names it.
      const held = (await api.get(`api/portfolios/${alphaId}`)).holdings.find((h) => h.ticker === ticker);
      await page.getByTestId('order-ticker').selectOption(ticker);
      await page.getByTestId('order-size-kind').selectOption('quantity');
      await page.getByTestId('order-side').getByText('Sell').click();
      await page.getByTestId('order-type').selectOption('stop');
      await page.getByTestId('order-amount').fill(String(held.quantity));
      assert(await page.getByTestId('order-submit').isDisabled(), 'a stop order needs its stop price');
      await page.getByTestId('order-stop').fill('-1');
      assert(await text(page, 'order-problem') === 'The stop price must be a number above 0, not -1.', 'a bad stop is named');
      const stopPrice = Math.round(held.price * 50) / 100;
      await page.getByTestId('order-stop').fill(String(stopPrice));
      await page.getByTestId('order-good-for').fill('30');
      // The preview prices it at its stop, moved down by the portfolio's slippage (a sell).
      await page.waitForFunction((price) => document.querySelector('[data-testid=fee-preview-price]')?.textContent === price,
        formatMoney(stopPrice * 0.9985));
      await page.getByTestId('order-submit').click();
      await page.waitForFunction(() => /waits for a close at or below its stop/.test(document.querySelector('[data-testid=order-confirmation]')?.textContent ?? ''));
      const stops = (await api.get(`api/portfolios/${alphaId}/orders?status=pending`)).orders;
      assert(stops.length === 1 && stops[0].type === 'stop' && stops[0].stop_price === stopPrice && stops[0].stop_level === stopPrice && stops[0].good_until,
        `the stop-loss as stored: ${JSON.stringify(stops)}`);
      await page.waitForFunction((s) => document.querySelector('[data-testid=trade-orders] tbody tr')?.textContent.includes(`stop ${s}`),
        formatMoney(stopPrice));
      await shoot(page, 'desktop-stop-loss');
      // The order book across portfolios shows it under its portfolio's name, and filters by status.
      await page.getByTestId('pf-nav-book').click();
      await page.waitForFunction((s) => [...document.querySelectorAll('[data-testid=book-orders] tbody tr')]
        .some((r) => r.textContent.includes('Alpha') && r.textContent.includes(`stop ${s}`)), formatMoney(stopPrice));
      await page.getByTestId('book-status').selectOption('pending');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=book-orders] tbody tr')]
        .every((r) => r.textContent.includes('pending')));
      await page.getByTestId('pf-nav-trade').click();
      await page.getByTestId('order-form').waitFor();

      // Each fill paid the slippage: the execution price is above the close by 15 bps.
      const fills = (await api.get(`api/portfolios/${alphaId}/transactions`)).transactions;
      assert(fills.length === 2 && fills.every((f) => f.slippage > 0 && Math.abs(f.price / f.reference_price - 1.0015) < 1e-9),
        `fills at the close plus 15 bps: ${JSON.stringify(fills.map((f) => [f.price, f.reference_price, f.slippage]))}`);

      // Holdings and NAV updated.
      await page.getByTestId('pf-nav-portfolio').click();
      await page.waitForFunction((t) => document.querySelector('[data-testid=holdings]')?.textContent.includes(t), ticker);
      const served = await api.get(`api/portfolios/${alphaId}`);
      const nav = formatMoney(served.nav);
      await page.waitForFunction((n) => document.querySelector('[data-testid=pf-nav]')?.textContent.includes(n), nav);
      await page.getByTestId('nav-chart').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('holdings-csv').click()]);
      assert(download.suggestedFilename() === `holdings-${alphaId}.csv`, download.suggestedFilename());
      await shoot(page, 'desktop-portfolio');

      // Order book: two fills with their prices and the model that placed them.
      await page.getByTestId('pf-nav-orders').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=orderbook-fills] tbody tr').length === 2);
      assert((await text(page, 'orderbook-fills')).includes('Linear'), 'fills name the model');
      await shoot(page, 'desktop-orders');

      // Fees: the same trades under every built-in fee structure.
      await page.getByTestId('pf-nav-fees').click();
      await page.getByTestId('fee-scenarios').waitFor();
      const scenarios = await page.locator('[data-testid=fee-scenarios] tbody tr').count();
      assert(scenarios >= 5, `fee scenarios (${scenarios})`);
      // A new fee structure through the form: 0.25 % of the value, previewed by the server, then compared.
      await page.getByTestId('new-fee-structure').click();
      await page.getByTestId('fs-name').fill('desk-x');
      await page.getByTestId('fs-type-0').selectOption('percent');
      await page.getByTestId('fs-rate-0').fill('0.25');
      await page.waitForFunction(() => document.querySelector('[data-testid=fs-preview]')?.textContent.includes('25.00'));
      await shoot(page, 'desktop-fee-structure-form');
      await page.getByTestId('fs-submit').click();
      await page.getByTestId('fs-created').waitFor();
      const made = (await api.get('api/fee-structures?limit=100')).fee_structures.find((f) => f.name === 'desk-x');
      assert(made && made.components[0].type === 'percent' && Math.abs(made.components[0].rate - 0.0025) < 1e-12,
        `stored as the engine's schedule: ${JSON.stringify(made)}`);
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=fee-scenarios] tbody tr')].some((r) => r.textContent.includes('desk-x')));
      // The picker switches portfolio: the XGBoost backtest's many trades make the comparison telling.
      await page.getByTestId('pf-picker').selectOption(String(xgbPortfolio));
      await page.waitForFunction(() => /^[1-9][0-9]+ trades replayed/.test(document.querySelector('.pf-panel h2 small')?.textContent ?? ''));
      await page.getByTestId('fee-tradeoff').waitFor();
      await shoot(page, 'desktop-fees');

      // Backtest: launch a Linear one on three tickers, watch it finish, open its result.
      await page.getByTestId('pf-nav-backtests').click();
      await page.getByTestId('bt-model').selectOption('linear');
      for (const t of tickers.slice(0, 3)) await page.locator('[data-testid=bt-tickers] label', { hasText: t }).click();
      await page.getByTestId('bt-launch').click();
      await page.getByTestId('bt-launched').waitFor();
      const launched = Number((await text(page, 'bt-launched')).match(/#(\d+)/)[1]);
      await page.getByTestId(`backtest-open-${launched}`).waitFor({ timeout: 20000 });
      // Its walk-forward windows: each window between refits against the benchmark.
      await page.waitForFunction(() => /beat its benchmark in \d+ of \d+ windows/.test(document.querySelector('[data-testid=bt-windows-beaten]')?.textContent ?? ''));
      assert(await page.locator('[data-testid=bt-windows] tbody tr').count() >= 2, 'the windows are listed');
      await shoot(page, 'desktop-backtests');
      await page.getByTestId(`backtest-open-${launched}`).click();
      await page.waitForFunction(() => document.querySelector('[data-testid=pf-name]')?.textContent.length > 0);

      // Risk of the backtest's portfolio (a history of bars).
      await page.getByTestId('pf-nav-risk').click();
      await page.getByTestId('drawdown-chart').waitFor();
      assert(/%/.test(await text(page, 'risk-var')), 'VaR shown');
      await page.getByTestId('pf-picker').selectOption(String(xgbPortfolio));
      await page.getByTestId('correlation-heatmap').waitFor();
      await page.getByTestId('sector-rotation').waitFor();
      // The Monte Carlo of the return path: the server's, seeded.
      await page.getByTestId('mc-fan').waitFor();
      const mc = await api.get(`api/portfolios/${xgbPortfolio}/monte-carlo?paths=2000&block=5&seed=1`);
      assert(await text(page, 'mc-loss') === `${(mc.probability_of_loss * 100).toFixed(1)} %`, 'the probability of a loss is the server\'s');
      await shoot(page, 'desktop-risk');
      // The tear sheet, downloaded as one HTML file with the same figures.
      await page.getByTestId('pf-nav-portfolio').click();
      const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pf-report').click()]);
      assert(report.suggestedFilename() === `finsim-tear-sheet-${xgbPortfolio}.html`, report.suggestedFilename());
      const html = readFileSync(await report.path(), 'utf8');
      assert(html.includes('Monte Carlo of the return path') && html.includes('<polyline') && html.includes('Key figures'),
        'the tear sheet holds the NAV, the key figures and the Monte Carlo');
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(`${artifacts}tear-sheet.html`, html);
      await page.getByTestId('pf-nav-risk').click();

      // Models: Linear and XGBoost side by side.
      await page.getByTestId('pf-nav-models').click();
      await page.getByTestId('model-table').waitFor();
      await page.getByTestId('model-card-linear').waitFor();
      await page.getByTestId('model-card-xgboost').waitFor();
      // Ranked by the excess return over the benchmark, which is named with its return.
      assert(/Ranked by the return over the benchmark, the equal-weight buy-and-hold of \d+ assets/.test(await text(page, 'models-period')),
        `the benchmark is named: ${await text(page, 'models-period')}`);
      const excess = await page.locator('[data-testid^=model-excess-]').allTextContents();
      const values = excess.map((t) => Number(t.replace(/[+%,\s]/g, '').replace('−', '-')));
      assert(values.length >= 2 && values.every((v, i) => i === 0 || v <= values[i - 1]), `model cards ranked by excess return: ${excess}`);
      await page.getByTestId('sector-heatmap').waitFor();
      await page.getByTestId('win-payoff-scatter').waitFor();
      await shoot(page, 'desktop-models');

      await page.getByTestId('pf-nav-dashboard').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=dash-portfolios] tbody tr').length >= 3);
      await shoot(page, 'desktop-dashboard');

      // The same views at a phone's width.
      await page.setViewportSize(PHONE);
      for (const [view, ready] of [['dashboard', 'dash-portfolios'], [`portfolio/${alphaId}`, 'holdings'], [`trade/${alphaId}`, 'order-form'],
        [`orders/${alphaId}`, 'orderbook-fills'], [`fees/${xgbPortfolio}`, 'fee-scenarios'], [`risk/${xgbPortfolio}`, 'correlation-heatmap'],
        ['models', 'model-table'], ['backtests', 'backtests']]) {
        await page.goto(`${server.url}#/portfolios/${view}`);
        await page.getByTestId(ready).waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `${view}: no sideways scrolling of the page at 390 px (${overflow} px too wide)`);
        await shoot(page, `phone-${view.split('/')[0]}`);
      }
    } finally {
      await page.setViewportSize(DESKTOP);
      await server.close();
    }
  }, { allowConsole: [/status of 422/] });  // the order beyond the cash, refused on purpose

  harness.test('an intraday market: the clock shows the bar\'s time, moves one bar, and an order fills at the next bar', async (page) => {
    ensureServerBuilt();
    mkdirSync(artifacts, { recursive: true });
    const server = await startRealServer(dist, ['--market-bars', '300']);
    try {
      const api = apiOf(server.url);
      // The API test's market (tests/api/intraday_test.cpp): five-minute bars, three a day.
      const csv = 'timestamp,ticker,asset_type,close\n2024-01-05 09:35,AAA,stock,100\n2024-01-05 09:40,AAA,stock,101\n'
        + '2024-01-05 09:45,AAA,stock,102\n2024-01-08 09:35,AAA,stock,103\n';
      const marketId = await importMarket(server.url, 'minutes', csv);
      const made = await api.post('api/portfolios', { name: 'Minutes', initial_capital: 10000, fee_structure: 'zero', market_id: marketId });
      await page.setViewportSize(DESKTOP);
      await page.goto(`${server.url}#/portfolios/trade/${made.id}`);
      await page.getByTestId('market-date').waitFor();
      assert(await text(page, 'market-date') === '2024-01-05 09:35', `the clock at the first bar: ${await text(page, 'market-date')}`);
      assert(await text(page, 'advance-market') === 'Next bar ▸', `the button moves one bar: ${await text(page, 'advance-market')}`);
      await page.getByTestId('order-ticker').selectOption('AAA');
      await page.getByTestId('order-amount').fill('10');
      await page.getByTestId('order-submit').click();
      await page.getByTestId('order-confirmation').waitFor();
      assert((await text(page, 'order-confirmation')).includes("next bar's close"), 'the confirmation says when it fills');
      await page.getByTestId('advance-market').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=market-date]')?.textContent === '2024-01-05 09:40');
      const fills = await api.get(`api/portfolios/${made.id}/transactions`);
      assert(fills.transactions.length === 1 && fills.transactions[0].date === '2024-01-05T09:40' && fills.transactions[0].price === 101,
        `filled at the next five-minute bar: ${JSON.stringify(fills.transactions)}`);
      await page.waitForFunction(() => /Filled on 2024-01-05 09:40 at 101\.00/.test(document.querySelector('[data-testid=order-filled]')?.textContent ?? ''));
      const orders = await text(page, 'trade-orders');
      assert(orders.includes('2024-01-05 09:35') && orders.includes('2024-01-05 09:40'), `placed and filled times in the table: ${orders}`);
      await shoot(page, 'desktop-intraday-trade');
    } finally {
      await server.close();
    }
  });

  harness.test('a short on margin: the form asks for its margin, the page shows the call, the forced cover and its ledger', async (page) => {
    ensureServerBuilt();
    mkdirSync(artifacts, { recursive: true });
    const server = await startRealServer(dist, ['--market-bars', '300']);
    try {
      const api = apiOf(server.url);
      // The API test's market (tests/api/margin_test.cpp): one stock from 100 to 116, then 118.
      const csv = 'date,ticker,asset_type,close\n2024-01-05,SHRT,stock,100\n2024-01-08,SHRT,stock,100\n'
        + '2024-01-09,SHRT,stock,100\n2024-01-10,SHRT,stock,116\n2024-01-11,SHRT,stock,118\n2024-01-12,SHRT,stock,118\n';
      const marketId = await importMarket(server.url, 'shorts', csv);
      await page.setViewportSize(DESKTOP);
      await page.goto(`${server.url}#/portfolios`);
      await page.getByTestId('new-portfolio').click();
      await page.getByTestId('cp-name').fill('Bear');
      await page.getByTestId('cp-market').selectOption(String(marketId));
      await page.getByTestId('cp-capital').fill('10000');
      assert(await page.getByTestId('cp-initial-margin').count() === 0, 'no margin fields for a long-only portfolio');
      await page.getByTestId('cp-short').check();
      assert(await page.getByTestId('cp-initial-margin').inputValue() === '50', 'Reg T\'s 50 % offered');
      assert(await page.getByTestId('cp-maintenance-margin').inputValue() === '30', 'FINRA\'s 30 % offered');
      await page.getByTestId('cp-borrow-rate').fill('3.6');
      await page.getByTestId('cp-submit').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=pf-name]')?.textContent === 'Bear');
      const id = Number(new URL(page.url()).hash.split('/').pop());
      const made = await api.get(`api/portfolios/${id}`);
      assert(made.allow_short && made.margin.initial === 0.5 && made.margin.maintenance === 0.3 && made.margin.borrow_rate === 0.036,
        `created with the form's margin: ${JSON.stringify(made.margin)}`);
      // The Trade page's preview says where a short sale would leave the portfolio, and when it is too large.
      await page.getByTestId('pf-nav-trade').click();
      await page.getByTestId('order-ticker').selectOption('SHRT');
      await page.getByTestId('order-side').getByText('Sell').click();
      await page.getByTestId('order-amount').fill('201');
      await page.getByTestId('fee-preview-margin-short').waitFor();
      // No fee, no slippage: the sale leaves the equity at 10,000 against 50 % of 201 × 100.
      const after = await text(page, 'fee-preview-margin');
      assert(after.includes(`${formatMoney(10000)} / ${formatMoney(10050)}`), `equity after and the initial margin of 201 units: ${after}`);
      await page.getByTestId('order-amount').fill('200');
      await page.waitForFunction(() => !document.querySelector('[data-testid=fee-preview-margin-short]')
        && document.querySelector('[data-testid=fee-preview-shorts]')?.textContent.includes('20,000.00'));
      await shoot(page, 'desktop-margin-preview');
      await page.getByTestId('order-submit').click();
      await page.getByTestId('order-confirmation').waitFor();
      await page.goto(`${server.url}#/portfolios/portfolio/${id}`);
      await page.getByTestId('pf-name').waitFor();
      await api.post(`api/markets/${marketId}/advance`, { bars: 3 });
      // At 116 the equity is below 30 % of the shorts: the page says so, with the deficit.
      await page.getByTestId('margin-call').waitFor();
      const call = await text(page, 'margin-call');
      assert(call.includes('Margin call since 2024-01-10') && call.includes(formatMoney(164.32)), `the call said: ${call}`);
      await shoot(page, 'desktop-margin-call');
      // The dashboard marks the portfolio while its call is open.
      await page.getByTestId('pf-nav-dashboard').click();
      await page.getByTestId(`margin-call-${id}`).waitFor();
      await page.goto(`${server.url}#/portfolios/portfolio/${id}`);
      await page.getByTestId('margin-call').waitFor();
      await api.post(`api/markets/${marketId}/advance`, { bars: 1 });
      // At 118 still unmet: bought back; the ledger shows the fees, the call, the forced cover and the call's end.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=ledger] tbody tr').length === 6);
      assert(await page.getByTestId('margin-call').count() === 0, 'the call is gone with the shorts');
      const ledger = await text(page, 'ledger');
      assert(ledger.includes('Forced cover of 200 SHRT') && ledger.includes('Borrow fee on 200 SHRT short') && ledger.includes('Call closed'),
        `the ledger: ${ledger}`);
      assert((await text(page, 'margin-borrow-fees')).includes(formatMoney(6.68)), 'borrow fees paid 6.68');
      assert((await text(page, 'transactions')).includes('margin_liquidation'), 'the forced cover is a fill of its own');
      await shoot(page, 'desktop-margin-liquidation');
    } finally {
      await server.close();
    }
  });
}
