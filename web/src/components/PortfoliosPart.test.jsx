// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { PortfoliosPart } from './PortfoliosPart.jsx';
import { simulationStore } from '../store/simulationStore.js';

afterEach(() => {
  cleanup();
  simulationStore.getState().setTransportKind(null);
});

const route = { part: 'portfolios', view: 'dashboard', portfolioId: null };

describe('the Portfolios part in the main bundle', () => {
  it('waits while the page looks for a server', () => {
    render(<PortfoliosPart route={route} />);
    expect(screen.getByTestId('pf-loading').textContent).toContain('Looking for a server');
  });

  it('explains, in the worker-only site, that portfolios need a server', () => {
    simulationStore.getState().setTransportKind('worker');
    render(<PortfoliosPart route={route} />);
    const text = screen.getByTestId('portfolios-unavailable').textContent;
    expect(text).toContain('need a FinSim server');
    expect(text).toContain('finsim-server --web');
  });
});
