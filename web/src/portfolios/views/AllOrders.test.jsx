// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { AllOrders, bookFilters } from './AllOrders.jsx';
import { fakeApi, renderWithApi } from '../testing/renderWithApi.jsx';
import { pendingOrder } from '../testing/fixtures.js';

afterEach(cleanup);

const orders = [
  { ...pendingOrder, id: 9, portfolio_id: 2, ticker: 'FIN1', portfolio: { id: 2, name: 'Beta', status: 'active' } },
  { ...pendingOrder, id: 7, status: 'filled', portfolio: { id: 1, name: 'Alpha', status: 'active' }, fill: { price: 138.1, date: '2019-11-06', fee: 1, slippage: 0 } },
];

describe('the order book across portfolios', () => {
  it('sends only the filters chosen, the ticker in capitals', () => {
    expect(bookFilters({ status: 'all', ticker: ' ', model: '' })).toEqual({});
    expect(bookFilters({ status: 'pending', ticker: 'tec1 ', model: 'cnn' })).toEqual({ status: 'pending', ticker: 'TEC1', model: 'cnn' });
  });

  it("lists every portfolio's orders under their portfolio's name, filters them, and cancels through the right portfolio", async () => {
    const fake = fakeApi({
      'GET api/orders': (query) => ({ orders: query.status === 'pending' ? orders.slice(0, 1) : orders, limit: 200, next: null }),
      'DELETE api/portfolios/2/orders/9': { ...orders[0], status: 'cancelled' },
    });
    renderWithApi(<AllOrders />, fake);
    const table = await screen.findByTestId('book-orders');
    await waitFor(() => expect(table.querySelectorAll('tbody tr').length).toBe(2));
    expect(table.textContent).toContain('Beta');
    expect(table.textContent).toContain('Alpha');
    fireEvent.change(screen.getByTestId('book-status'), { target: { value: 'pending' } });
    await waitFor(() => expect(screen.getByTestId('book-orders').querySelectorAll('tbody tr').length).toBe(1));
    expect(fake.calls.filter((c) => c.path === 'api/orders').at(-1).query).toEqual({ status: 'pending', limit: 200 });
    fireEvent.click(screen.getByTestId('cancel-9'));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'DELETE' && c.path === 'api/portfolios/2/orders/9')).toBe(true));
  });
});
