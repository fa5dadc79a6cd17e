// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Headline } from './Headline.jsx';
import { simulationStore } from '../store/simulationStore.js';

afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

function runWith(policy, currentPolicy) {
  simulationStore.setState({
    state: { timestep: 4, scenario: 'core_default', asset_price: 0.93, nodes: [], edges: [],
      ...(currentPolicy ? { current_policy: currentPolicy } : {}) },
    status: { timestep: 4, running: false, scenario: 'core_default', policy },
  });
}

describe('the headline', () => {
  it('names the policy the engine reports when asked to (the embed), in words, modifiers included', () => {
    runWith('mappo-selfish+no_hoard');
    render(<Headline showPolicy />);
    const policy = screen.getByTestId('headline-policy');
    expect(policy.dataset.policy).toBe('mappo-selfish+no_hoard');
    expect(policy.textContent).toBe('Policy Mappo-selfish, no hoarding');
  });

  it('leaves the policy to the settings panel on the full page', () => {
    runWith('heuristic');
    render(<Headline />);
    expect(screen.getByTestId('timestep').textContent).toBe('4');
    expect(screen.queryByTestId('headline-policy')).toBe(null);
    expect(screen.queryByTestId('headline-current-policy')).toBe(null);
  });

  it('says which policy the banks follow after a switch, from the step on screen, on every page', () => {
    runWith('heuristic', 'heuristic+no_hoard');
    render(<Headline />);
    const now = screen.getByTestId('headline-current-policy');
    expect(now.dataset.policy).toBe('heuristic+no_hoard');
    expect(now.textContent).toBe('Banks now follow Heuristic, no hoarding');
  });
});
