// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { PortfolioNav } from './PortfolioNav.jsx';
import { fakeApi, renderWithApi } from './testing/renderWithApi.jsx';
import { summary } from './testing/fixtures.js';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

const list = { portfolios: [summary({ id: 3, name: 'A backtest', kind: 'backtest' }), summary({ id: 8, name: 'Live one' })] };

describe('portfolio navigation', () => {
  it('opens the trade view on the first live portfolio when none is named', async () => {
    renderWithApi(<PortfolioNav route={{ part: 'portfolios', view: 'trade', portfolioId: null }} feed="live" />, fakeApi({ 'GET api/portfolios': list }));
    await waitFor(() => expect(location.hash).toBe('#/portfolios/trade/8'));
  });

  it('keeps the chosen portfolio in every per-portfolio link, and none in the others', async () => {
    renderWithApi(<PortfolioNav route={{ part: 'portfolios', view: 'risk', portfolioId: 3 }} feed="live" />, fakeApi({ 'GET api/portfolios': list }));
    expect(screen.getByTestId('pf-nav-fees').getAttribute('href')).toBe('#/portfolios/fees/3');
    expect(screen.getByTestId('pf-nav-models').getAttribute('href')).toBe('#/portfolios/models');
    expect(screen.getByTestId('pf-nav-risk').getAttribute('aria-current')).toBe('page');
    expect((await screen.findByTestId('pf-picker')).value).toBe('3');
  });

  it('goes back to the portfolio last looked at from a view about all of them', async () => {
    const api = fakeApi({ 'GET api/portfolios': list });
    const { rerender } = renderWithApi(<PortfolioNav route={{ part: 'portfolios', view: 'trade', portfolioId: 3 }} feed="live" />, api);
    rerender(<PortfolioNav route={{ part: 'portfolios', view: 'book', portfolioId: null }} feed="live" />);
    expect(screen.getByTestId('pf-nav-trade').getAttribute('href')).toBe('#/portfolios/trade/3');
    expect(screen.getByTestId('pf-nav-book').getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('pf-picker')).toBe(null);  // all orders is about every portfolio
  });
});
