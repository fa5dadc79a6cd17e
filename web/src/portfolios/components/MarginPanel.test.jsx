// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MarginPanel } from './MarginPanel.jsx';
import { CreatePortfolio } from './CreatePortfolio.jsx';
import { fakeApi, renderWithApi } from '../testing/renderWithApi.jsx';
import { feeStructures } from '../testing/fixtures.js';

afterEach(cleanup);

// The API test's portfolio on 2024-01-10 (tests/api/margin_test.cpp): 200 short at 116, called.
const called = {
  id: 4,
  margin: {
    initial: 0.5, maintenance: 0.3, borrow_rate: 0.036, equity: 6795.68, short_value: 23200, initial_requirement: 11600,
    maintenance_requirement: 6960, excess: -164.32, call_since: '2024-01-10', borrow_fees_paid: 4.32,
  },
};
const entries = [
  { id: 3, kind: 'margin_call', date: '2024-01-10', ticker: null, amount: 164.32, quantity: 0, price: 0, days: 0, fill_id: null },
  { id: 2, kind: 'borrow_fee', date: '2024-01-10', ticker: 'SHRT', amount: 2.32, quantity: 200, price: 116, days: 1, fill_id: null },
  { id: 1, kind: 'borrow_fee', date: '2024-01-09', ticker: 'SHRT', amount: 2, quantity: 200, price: 100, days: 1, fill_id: null },
];

describe('the margin panel', () => {
  it('says an open margin call plainly and lists the ledger, newest first', async () => {
    const fake = fakeApi({ 'GET api/portfolios/4/ledger': { portfolio_id: 4, total: 3, entries, limit: 200, next: null } });
    renderWithApi(<MarginPanel p={called} />, fake);
    expect(screen.getByTestId('margin-call').textContent).toMatch(/Margin call since 2024-01-10: equity is .*164\.32 short/);
    expect(screen.getByTestId('margin-excess').className).toContain('bad');
    expect(screen.getByTestId('margin-borrow-fees').textContent).toContain('4.32');
    const table = await screen.findByTestId('ledger');
    await waitFor(() => expect(table.querySelectorAll('tbody tr').length).toBe(3));
    const first = table.querySelector('tbody tr').textContent;
    expect(first).toContain('Margin call');
    expect(table.textContent).toContain('Borrow fee on 200 SHRT short');
  });

  it('shows no call for a short within its margin', () => {
    const fine = { ...called, margin: { ...called.margin, call_since: null, excess: 4000 } };
    renderWithApi(<MarginPanel p={fine} />, fakeApi({ 'GET api/portfolios/4/ledger': { total: 0, entries: [], limit: 200, next: null } }));
    expect(screen.queryByTestId('margin-call')).toBeNull();
    expect(screen.getByTestId('margin-excess').className).toContain('good');
  });
});

describe('the create-portfolio form', () => {
  it('sends short selling with its margin only when asked, in shares', async () => {
    const fake = fakeApi({
      'GET api/markets': { markets: [{ id: 1, name: 'Simulated', default: true, has_volumes: true }] },
      'GET api/fee-structures': feeStructures,
      'POST api/portfolios': (_q, body) => ({ id: 9, ...body }),
    });
    renderWithApi(<CreatePortfolio />, fake);
    fireEvent.change(screen.getByTestId('cp-name'), { target: { value: 'Bear' } });
    expect(screen.queryByTestId('cp-initial-margin')).toBeNull();
    fireEvent.click(screen.getByTestId('cp-short'));
    fireEvent.change(screen.getByTestId('cp-borrow-rate'), { target: { value: '3.6' } });
    fireEvent.click(screen.getByTestId('cp-submit'));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'POST')).toBe(true));
    const body = fake.calls.find((c) => c.method === 'POST').body;
    expect(body.allow_short).toBe(true);
    expect(body.margin).toEqual({ initial: 0.5, maintenance: 0.3, borrow_rate: 0.036 });
  });
});
