// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { ModelComparison } from './ModelComparison.jsx';
import { fakeApi, renderWithApi } from '../testing/renderWithApi.jsx';
import { feeStructures } from '../testing/fixtures.js';

afterEach(cleanup);

const report = (model, winRate, sharpe, sectors) => ({
  model, signals: 120, mean_confidence: 0.61,
  trades: { trades: 40, win_rate: winRate, payoff_ratio: 1.3, profit_factor: 1.1, total_pnl: 1500 },
  performance: { total_return: 0.042, sharpe, max_drawdown: -0.08 },
  sectors,
});

const comparison = {
  market_id: 1, start: '2015-12-23', end: '2016-08-22', initial_capital: 100000, fee_structure: 'zero', sizing: { kind: 'fixed_fraction' }, signals: 240,
  models: [
    report('linear', 0.55, 0.8, [{ sector: 'Technology', trades: 10, win_rate: 0.7 }, { sector: 'Energy', trades: 5, win_rate: 0.2 }]),
    report('xgboost', 0.47, 1.1, [{ sector: 'Energy', trades: 8, win_rate: 0.5 }]),
  ],
};

describe('Model comparison', () => {
  it("shows each model's card and the side-by-side table as served", async () => {
    renderWithApi(<ModelComparison />, fakeApi({ 'GET api/models/comparison': comparison, 'GET api/fee-structures': feeStructures }));
    const linear = await screen.findByTestId('model-card-linear');
    expect(linear.textContent).toContain('55.0 %');
    expect(linear.textContent).toContain('0.8');
    expect(linear.textContent).toContain('61 %');
    const rows = within(screen.getByTestId('model-table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toMatch(/^Linear55\.0 %0\.8/);
    expect(rows[2].textContent).toMatch(/^XGBoost47\.0 %1\.1/);
  });

  it('draws the sector heatmap with a cell per model and sector, a dash where a model has no trades', async () => {
    renderWithApi(<ModelComparison />, fakeApi({ 'GET api/models/comparison': comparison, 'GET api/fee-structures': feeStructures }));
    const heatmap = await screen.findByTestId('sector-heatmap');
    const cells = [...heatmap.querySelectorAll('rect title')].map((t) => t.textContent);
    expect(cells).toEqual(['Linear · Technology: 70 %', 'Linear · Energy: 20 %', 'XGBoost · Technology: —', 'XGBoost · Energy: 50 %']);
  });

  it('says how to get signals when no model has any', async () => {
    renderWithApi(<ModelComparison />, fakeApi({ 'GET api/models/comparison': { ...comparison, models: [] }, 'GET api/fee-structures': feeStructures }));
    expect((await screen.findByTestId('pf-empty')).textContent).toContain('Launch a backtest');
  });
});
