// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { DifferenceCaption, DifferencePanel } from './DifferencePanel.jsx';
import { comparisonAt, feedWorld } from './comparisonTestRun.js';

afterEach(cleanup);

const labels = { a: 'Heuristic', b: 'Heuristic, no hoarding' };

/** Both worlds' STATE_UPDATE of step `t`, without its METRICS_UPDATE (it lands just after). */
function stateOnly(comparison, t) {
  for (const [i, world] of comparison.worlds.entries()) {
    const text = JSON.stringify({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: t, scenario: 'liquidity_freeze',
      policy: ['heuristic', 'heuristic+no_hoard'][i], seed: 42, asset_price: 1, edges: [],
      nodes: [0, 1, 2, 3].map((id) => ({ id: String(id), tier: 3, capital_ratio: 0.1, stress: 0, status: 'active', last_updated_timestep: 0 })) } });
    world.store.getState().receiveTexts([text]);
  }
}

describe('the difference in words between two steps', () => {
  it('keeps the latest step both series hold while the new step\'s metrics are on their way, never "Starting…"', () => {
    const comparison = comparisonAt(20);
    render(<DifferenceCaption worlds={comparison.worlds} labels={labels} actsAt={null} />);
    expect(screen.getByTestId('difference').textContent).toContain('by step 20');
    act(() => stateOnly(comparison, 21));
    expect(screen.getByTestId('difference').textContent).toContain('by step 20');
    act(() => {
      feedWorld(comparison.worlds[0], { from: 21, to: 21, failures: { 1: 12, 2: 15 } });
      feedWorld(comparison.worlds[1], { from: 21, to: 21, failures: { 2: 18 } });
    });
    expect(screen.getByTestId('difference').textContent).toContain('by step 21');
  });

  it('says both worlds are starting before either has metrics', () => {
    const comparison = comparisonAt(-1);
    render(<DifferencePanel worlds={comparison.worlds} labels={labels} actsAt={null} lesson={null} />);
    expect(screen.getByText('Starting both worlds…')).toBeTruthy();
  });
});
