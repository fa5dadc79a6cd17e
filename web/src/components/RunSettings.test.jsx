// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ sendCommand: vi.fn() }));
const { sendCommand } = await import('../session/connect.js');
const { RunSettings } = await import('./RunSettings.jsx');
const { simulationStore } = await import('../store/simulationStore.js');

const catalogue = { scenarios: [{ name: 'calm', settings: {} }, { name: 'core_default', settings: {} }],
  policies: ['heuristic', 'all_hoard'], parameters: [{ name: 'lender_of_last_resort', default: '0' }] };
const status = { timestep: 0, running: false, speed: 2, scenario: 'calm', seed: 4, policy: 'heuristic+no_fire_sale', banks: 100 };

beforeEach(() => {
  sendCommand.mockClear();
  simulationStore.setState({ status, catalogue, runParameters: { lender_of_last_resort: 1 } });
});
afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

describe('the run settings', () => {
  it('show the base policy in the menu and keep the modifiers and the lender of last resort when it changes', () => {
    render(<RunSettings />);
    expect(screen.getByTestId('policy').value).toBe('heuristic');
    fireEvent.change(screen.getByTestId('policy'), { target: { value: 'all_hoard' } });
    expect(sendCommand).toHaveBeenCalledWith({ control: 'reset',
      config: { scenario: 'calm', seed: 4, policy: 'all_hoard+no_fire_sale', banks: 100, lender_of_last_resort: 1 } });
  });

  it('keep the whole policy and the lender of last resort when the scenario changes', () => {
    render(<RunSettings />);
    fireEvent.change(screen.getByTestId('scenario'), { target: { value: 'core_default' } });
    expect(sendCommand).toHaveBeenCalledWith({ control: 'reset',
      config: { scenario: 'core_default', seed: 4, policy: 'heuristic+no_fire_sale', banks: 100, lender_of_last_resort: 1 } });
  });
});
