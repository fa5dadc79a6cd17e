// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MetricsPanel } from './MetricsPanel.jsx';
import { simulationStore } from '../store/simulationStore.js';

const point = (timestep, liquidity, default_rate, equilibrium_score, asset_price) =>
  ({ timestep, liquidity, default_rate, equilibrium_score, asset_price });

afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

const tone = (testid) => screen.getByTestId(`${testid}-value`).dataset.tone;

describe('the metrics panel', () => {
  it('colours a calm system green', () => {
    simulationStore.setState({ series: [point(0, 1, 0, 1, 1), point(1, 0.95, 0, 0.9, 0.99)] });
    render(<MetricsPanel />);
    expect(['metric-liquidity', 'metric-default-rate', 'metric-equilibrium', 'metric-price'].map(tone))
      .toEqual(['good', 'good', 'good', 'good']);
    expect(screen.getByTestId('metric-liquidity-value').textContent).toBe('95.0 %');
  });

  it('colours a collapsed system red, as the engine now reports it (low liquidity, score 0)', () => {
    simulationStore.setState({ series: [point(0, 1, 0, 1, 1), point(30, 0.3, 0.6, 0, 0.62)] });
    render(<MetricsPanel />);
    expect(['metric-liquidity', 'metric-default-rate', 'metric-equilibrium', 'metric-price'].map(tone))
      .toEqual(['bad', 'bad', 'bad', 'bad']);
  });

  it('colours a system under strain amber', () => {
    simulationStore.setState({ series: [point(0, 1, 0, 1, 1), point(8, 0.75, 0.1, 0.6, 0.9)] });
    render(<MetricsPanel />);
    expect(['metric-liquidity', 'metric-default-rate', 'metric-equilibrium', 'metric-price'].map(tone))
      .toEqual(['warn', 'warn', 'warn', 'warn']);
  });

  it('says in plain words what each metric means, on the page and not only in a tooltip', () => {
    render(<MetricsPanel />);
    const text = screen.getByTestId('metrics').textContent;
    expect(text).toContain("failed banks' obligations count as uncovered");
    expect(text).toContain('a collapsed system is not in equilibrium');
    expect(text).toContain('Share of all the banks in the network that have failed');
    expect(text).toContain('fire sales push it down');
    expect(tone('metric-liquidity')).toBe('none');
  });
});
