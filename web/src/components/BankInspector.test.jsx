// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ sendCommand: vi.fn() }));
const { sendCommand } = await import('../session/connect.js');
const { BankInspector } = await import('./BankInspector.jsx');
const { simulationStore } = await import('../store/simulationStore.js');

const node = (id, status = 'active') => ({ id: String(id), tier: 2, status, capital_ratio: 0.1, stress: 0.2, action: 'HOLD' });

function showBank(id, status) {
  simulationStore.setState({ selectedBank: String(id), state: { timestep: 4, nodes: [node(1), node(id, status)], edges: [] } });
}

beforeEach(() => sendCommand.mockClear());
afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

describe('the bank inspector', () => {
  it('makes the selected bank hoard at the next step with one force_action control', () => {
    showBank(3);
    render(<BankInspector />);
    const button = screen.getByTestId('force-action');
    expect(button.textContent).toBe('Make this bank hoard next step');
    fireEvent.click(button);
    expect(sendCommand).toHaveBeenCalledTimes(1);
    expect(sendCommand).toHaveBeenCalledWith({ control: 'force_action', bank: 3, action: 'HOARD' });
  });

  it('sends the action chosen, named as the engine names it, and says it in plain words', () => {
    showBank(7);
    render(<BankInspector />);
    fireEvent.change(screen.getByTestId('force-action-choice'), { target: { value: 'FIRE_SALE' } });
    expect(screen.getByTestId('force-action').textContent).toBe('Make this bank fire-sell next step');
    fireEvent.click(screen.getByTestId('force-action'));
    fireEvent.change(screen.getByTestId('force-action-choice'), { target: { value: 'LEND' } });
    fireEvent.click(screen.getByTestId('force-action'));
    expect(sendCommand.mock.calls.map(([c]) => c)).toEqual([
      { control: 'force_action', bank: 7, action: 'FIRE_SALE' },
      { control: 'force_action', bank: 7, action: 'LEND' },
    ]);
  });

  it('offers no forced action for a bank that has defaulted', () => {
    showBank(5, 'defaulted');
    render(<BankInspector />);
    expect(screen.getByTestId('force-action').disabled).toBe(true);
    expect(screen.getByTestId('force-action-choice').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('force-action'));
    expect(sendCommand).not.toHaveBeenCalled();
  });
});
