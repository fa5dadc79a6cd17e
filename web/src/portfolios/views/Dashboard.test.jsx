// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { Dashboard } from './Dashboard.jsx';
import { fakeApi, renderWithApi } from '../testing/renderWithApi.jsx';
import { overview } from '../testing/fixtures.js';
import { ApiError } from '../api/client.js';

afterEach(cleanup);

const comparison = { models: [{ model: 'cnn', performance: { total_return: 0.031, sharpe: 0.9 } }] };
const api = (overviewAnswer) => fakeApi({ 'GET api/overview': overviewAnswer, 'GET api/models/comparison': comparison });

describe('Dashboard', () => {
  it('lists every portfolio with its net worth and return as the server sent them', async () => {
    renderWithApi(<Dashboard />, api(overview));
    const table = await screen.findByTestId('dash-portfolios');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[2].textContent).toContain('Beta');
    expect(rows[2].textContent).toContain('120,500.50');
    expect(rows[2].textContent).toContain('+20.50 %');
    expect(screen.getByTestId('dash-nav').textContent).toContain('220,470.48');
  });

  it("marks a portfolio whose margin call is open, and only that one", async () => {
    const called = structuredClone(overview);
    called.portfolios[1].margin = { initial: 0.5, maintenance: 0.3, borrow_rate: 0.0025, excess: -164.32, call_since: '2024-01-10' };
    renderWithApi(<Dashboard />, api(called));
    const badge = await screen.findByTestId(`margin-call-${called.portfolios[1].id}`);
    expect(badge.title).toContain('164.32');
    expect(screen.queryByTestId(`margin-call-${called.portfolios[0].id}`)).toBeNull();
  });

  it('shows the pending orders and the models in live trading', async () => {
    renderWithApi(<Dashboard />, api(overview));
    const pending = await screen.findByTestId('dash-pending');
    expect(pending.textContent).toContain('TEC1');
    expect(pending.textContent).toContain('pending');
    expect(screen.getByTestId('dash-models').textContent).toContain('50.0 %');
    expect(await screen.findByTestId('dash-model-performance')).toBeTruthy();
  });

  it("counts every waiting order from the server's count, not the length of its shortened list", async () => {
    renderWithApi(<Dashboard />, api({ ...overview, pending_order_count: 73 }));
    expect((await screen.findByTestId('dash-waiting')).textContent).toContain('73');
    expect(screen.getByText('the 1 latest of 73 pending orders')).toBeTruthy();
  });

  it("shows the server's error with a retry", async () => {
    renderWithApi(<Dashboard />, api(new ApiError(503, 'store_unavailable', 'the store is down')));
    const error = await screen.findByTestId('pf-error');
    expect(error.textContent).toContain('store_unavailable');
    expect(within(error).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('says when there is nothing yet', async () => {
    renderWithApi(<Dashboard />, api({ ...overview, portfolios: [], pending_orders: [], pending_order_count: 0, models: [] }));
    expect((await screen.findByTestId('dash-portfolios')).textContent).toContain('No portfolios yet');
    expect(screen.getByTestId('dash-pending').textContent).toContain('No pending orders');
  });
});
