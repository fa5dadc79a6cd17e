// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ sendCommand: vi.fn(), ask: vi.fn() }));
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

  it('shows a failed bank\'s failure, with no capital ratio and no balance sheet', () => {
    // A failed node as the engine sends it (core_default, seed 1, Bank 8 at step 10): the capital ratio
    // is frozen at default and every amount is 0.
    const failed = { id: '8', tier: 1, status: 'defaulted', capital_ratio: 0.152667, stress: 1, action: 'HOLD', cash: 0,
      holdings_value: 0, loan_book: 0, lent: 0, borrowed: 0, deposits: 0, due_to_administrator: 0, central_bank_funding: 0,
      total_assets: 0, equity: 0, liquidity_coverage: 0, capital_stress: 1, liquidity_stress: 1, counterparty_stress: 1,
      default_timestep: 10, default_cause: 'forced', forced_by: 'shock' };
    simulationStore.setState({ selectedBank: '8', state: { timestep: 11, nodes: [node(1), failed], edges: [] } });
    render(<BankInspector />);
    expect(screen.getByTestId('inspector-status').textContent)
      .toBe('Failed at step 10: pushed into default by the scenario\'s shock');
    const text = screen.getByTestId('inspector').textContent;
    expect(text).not.toMatch(/Capital ratio|15\.3 %|Assets ·|Equity|Liquidity coverage/);
  });

  it('says what deposits left the bank in this step, by cause, and nothing when none did', () => {
    simulationStore.setState({ selectedBank: '5', state: { timestep: 10, nodes: [node(1), { ...node(5), shock_withdrawal: 1.234, run_withdrawal: 0.4 }], edges: [] } });
    render(<BankInspector />);
    expect(screen.getByTestId('inspector-withdrawals').textContent)
      .toBe('Deposits withdrawn in this step: 1.2 by the scenario\'s shock; 0.400 in a run by its depositors.');
    cleanup();
    showBank(5);
    render(<BankInspector />);
    expect(screen.queryByTestId('inspector-withdrawals')).toBeNull();
  });

  it('says when a failed bank\'s step and cause are not sent (networks above 2,000 banks)', () => {
    simulationStore.setState({ selectedBank: '2', state: { timestep: 3, nodes: [{ ...node(2, 'defaulted'), capital_ratio: 0.2 }], edges: [] } });
    render(<BankInspector />);
    expect(screen.getByTestId('inspector-status').textContent).toBe('Failed');
    expect(screen.getByTestId('inspector').textContent).not.toMatch(/Capital ratio/);
  });

  it('shows an active bank\'s capital ratio', () => {
    showBank(3);
    render(<BankInspector />);
    expect(screen.getByTestId('inspector').textContent).toMatch(/Capital ratio10\.0 %/);
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
