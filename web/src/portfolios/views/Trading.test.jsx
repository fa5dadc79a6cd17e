// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Trading } from './Trading.jsx';
import { fakeApi, renderWithApi } from '../testing/renderWithApi.jsx';
import { assets, detail, feeStructures, pendingOrder } from '../testing/fixtures.js';

afterEach(cleanup);

const preview = { schedule: 'ibkr_fixed', side: 'buy', quantity: 10, price: 138.1, trade_value: 1381, fee: 1, net_cash: -1382,
  effective_rate: 0.000724, components: [{ label: 'commission', amount: 1 }], ticker: 'TEC1', price_as_of: '2019-11-05' };

function api(extra = {}) {
  return fakeApi({
    'GET api/portfolios/1': detail,
    'GET api/markets': { markets: [{ id: 1, name: 'default', current_date: '2019-11-05', extendable: true }] },
    'GET api/markets/1/assets': assets,
    'GET api/fee-structures': feeStructures,
    'GET api/portfolios/1/orders': { portfolio_id: 1, orders: [] },
    'GET api/signals': { market_id: 1, signals: [{ id: 3, model: 'cnn', ticker: 'TEC1', action: 'buy', confidence: 0.8, date: '2019-11-05' }] },
    'POST api/fees/preview': preview,
    'POST api/portfolios/1/orders': { ...pendingOrder, estimate: { price: 138.1, quantity: 10, trade_value: 1381, fee: 1, net_cash: -1382, as_of: '2019-11-05' } },
    ...extra,
  });
}

async function fillOrder() {
  fireEvent.change(await screen.findByTestId('order-ticker'), { target: { value: 'TEC1' } });
  fireEvent.change(screen.getByTestId('order-amount'), { target: { value: '10' } });
}

describe('Trading', () => {
  it("asks the server for the fee with the portfolio's fee structure and shows its answer", async () => {
    const fake = api();
    renderWithApi(<Trading portfolioId={1} />, fake);
    await fillOrder();
    expect((await screen.findByTestId('fee-preview-fee')).textContent).toBe('1.00');
    expect(screen.getByTestId('fee-preview-net').textContent).toBe('-1,382.00');
    const call = fake.calls.find((c) => c.path === 'api/fees/preview');
    expect(call.body).toEqual({ fee_structure: 5, side: 'buy', quantity: 10, ticker: 'TEC1', market_id: 1 });
  });

  it("sends a margin portfolio's id with the preview and shows where a short sale would leave it", async () => {
    const margin = { initial: 0.5, maintenance: 0.3, borrow_rate: 0.0025, equity: 10000, short_value: 0, initial_requirement: 0,
      maintenance_requirement: 0, excess: 10000, call_since: null, borrow_fees_paid: 0 };
    const marginAfter = { equity: 9999, short_value: 1381, initial_requirement: 690.5, maintenance_requirement: 414.3, meets_initial: false };
    const fake = api({
      'GET api/portfolios/1': { ...detail, allow_short: true, margin },
      'POST api/fees/preview': { ...preview, side: 'sell', margin_after: marginAfter },
    });
    renderWithApi(<Trading portfolioId={1} />, fake);
    await fillOrder();
    expect((await screen.findByTestId('fee-preview-shorts')).textContent).toContain('1,381.00');
    expect(screen.getByTestId('fee-preview-margin').textContent).toContain('9,999.00 / 690.50');
    expect(screen.getByTestId('fee-preview-margin-short').textContent).toMatch(/refuse/);
    const call = fake.calls.find((c) => c.path === 'api/fees/preview');
    expect(call.body).toMatchObject({ portfolio_id: 1, ticker: 'TEC1', market_id: 1 });
  });

  it('shows which models recommend what for the chosen ticker', async () => {
    renderWithApi(<Trading portfolioId={1} />, api());
    await fillOrder();
    const signals = await screen.findByTestId('model-signals');
    expect(signals.textContent).toContain('CNN');
    expect(signals.textContent).toContain('buy');
    expect(signals.textContent).toContain('80 %');
  });

  it('places the order and confirms it with the estimate', async () => {
    const fake = api();
    renderWithApi(<Trading portfolioId={1} />, fake);
    await fillOrder();
    fireEvent.click(screen.getByTestId('order-submit'));
    const confirmation = await screen.findByTestId('order-confirmation');
    expect(confirmation.textContent).toContain('#7');
    expect(confirmation.textContent).toContain('pending');
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'POST' && c.path === 'api/portfolios/1/orders')).toBe(true));
    expect(fake.calls.find((c) => c.path === 'api/portfolios/1/orders' && c.method === 'POST').body).toEqual({ ticker: 'TEC1', side: 'buy', type: 'market', quantity: 10 });
  });

  it('places a bracket: the exits go with the entry, and the confirmation names them and what they wait for', async () => {
    const exits = [
      { ...pendingOrder, id: 8, side: 'sell', type: 'limit', limit_price: 150, bracket_id: 7, active: false },
      { ...pendingOrder, id: 9, side: 'sell', type: 'stop', stop_price: 120, bracket_id: 7, active: false },
    ];
    const fake = api({ 'POST api/portfolios/1/orders': { ...pendingOrder, bracket: exits, estimate: null } });
    renderWithApi(<Trading portfolioId={1} />, fake);
    await fillOrder();
    fireEvent.change(screen.getByTestId('order-take-profit'), { target: { value: '150' } });
    fireEvent.change(screen.getByTestId('order-stop-loss'), { target: { value: '120' } });
    fireEvent.click(screen.getByTestId('order-submit'));
    const listed = await screen.findByTestId('order-bracket-exits');
    expect(listed.textContent).toBe('Exits waiting for it to fill: #8 take-profit at 150.00, #9 stop-loss at 120.00 — the first to fill cancels the other.');
    expect(fake.calls.find((c) => c.path === 'api/portfolios/1/orders' && c.method === 'POST').body)
      .toEqual({ ticker: 'TEC1', side: 'buy', type: 'market', quantity: 10, bracket: { take_profit: 150, stop_loss: 120 } });
  });

  it('asks a stop order for its stop and says what it waits for', async () => {
    const fake = api({ 'POST api/portfolios/1/orders': { ...pendingOrder, side: 'sell', type: 'stop', stop_price: 120, estimate: null } });
    renderWithApi(<Trading portfolioId={1} />, fake);
    await fillOrder();
    fireEvent.change(screen.getByTestId('order-type'), { target: { value: 'stop' } });
    expect(screen.getByTestId('order-submit').disabled).toBe(true);
    fireEvent.change(screen.getByTestId('order-stop'), { target: { value: '120' } });
    fireEvent.click(screen.getByTestId('order-submit'));
    expect((await screen.findByTestId('order-confirmation')).textContent).toContain('It waits for a close at or below its stop, and fills at that close.');
  });

  it('refuses to trade a backtest portfolio', async () => {
    renderWithApi(<Trading portfolioId={1} />, api({ 'GET api/portfolios/1': { ...detail, kind: 'backtest' } }));
    expect((await screen.findByTestId('pf-empty')).textContent).toContain('takes no orders');
  });
});
