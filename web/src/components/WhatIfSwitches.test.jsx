// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ sendCommand: vi.fn() }));
const { sendCommand } = await import('../session/connect.js');
const { WhatIfSwitches } = await import('./WhatIfSwitches.jsx');
const { simulationStore } = await import('../store/simulationStore.js');
const { resetRun } = await import('../session/resetRun.js');

const catalogue = { scenarios: [{ name: 'core_default', settings: {} }, { name: 'calm', settings: {} }], policies: ['heuristic'],
  parameters: [{ name: 'lender_of_last_resort', default: '0' }] };
const status = { timestep: 5, running: false, speed: 2, scenario: 'core_default', seed: 9, policy: 'heuristic+no_lend', banks: 50 };
const resets = () => sendCommand.mock.calls.map(([c]) => c).filter((c) => c.control === 'reset').map((c) => c.config);

beforeEach(() => {
  sendCommand.mockClear();
  simulationStore.setState({ status, catalogue, runParameters: {} });
});
afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

describe('the what-if switches', () => {
  it('show the modifiers of the policy the engine reports, and the lender of last resort off by default', () => {
    render(<WhatIfSwitches />);
    expect(screen.getByTestId('policy-no_hoard').checked).toBe(false);
    expect(screen.getByTestId('policy-no_fire_sale').checked).toBe(false);
    expect(screen.getByTestId('policy-no_lend').checked).toBe(true);
    expect(screen.getByTestId('lender-of-last-resort').checked).toBe(false);
  });

  it('compose the canonical policy name and reset the run with everything else kept', () => {
    render(<WhatIfSwitches />);
    fireEvent.click(screen.getByTestId('policy-no_hoard'));
    fireEvent.click(screen.getByTestId('policy-no_lend'));
    expect(resets()).toEqual([
      { scenario: 'core_default', seed: 9, policy: 'heuristic+no_hoard+no_lend', banks: 50 },
      { scenario: 'core_default', seed: 9, policy: 'heuristic', banks: 50 },
    ]);
  });

  it('switch the lender of last resort on, and later resets (a new scenario) keep it', () => {
    render(<WhatIfSwitches />);
    fireEvent.click(screen.getByTestId('lender-of-last-resort'));
    expect(resets()).toEqual([{ scenario: 'core_default', seed: 9, policy: 'heuristic+no_lend', banks: 50, lender_of_last_resort: 1 }]);
    expect(simulationStore.getState().runParameters).toEqual({ lender_of_last_resort: 1 });
    expect(screen.getByTestId('lender-of-last-resort').checked).toBe(true);
    resetRun({ scenario: 'calm' });
    expect(resets()[1]).toEqual({ scenario: 'calm', seed: 9, policy: 'heuristic+no_lend', banks: 50, lender_of_last_resort: 1 });
    fireEvent.click(screen.getByTestId('lender-of-last-resort'));
    expect(resets()[2].lender_of_last_resort).toBe(0);
  });

  it('are disabled before the engine has reported a status', () => {
    simulationStore.setState({ status: null });
    render(<WhatIfSwitches />);
    expect(screen.getByTestId('policy-no_hoard').disabled).toBe(true);
    expect(screen.getByTestId('lender-of-last-resort').disabled).toBe(true);
  });
});
