// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createComparison } from './compareSession.js';
import { linkSelection } from './sharedSelection.js';
import { CompareInspector } from './CompareInspector.jsx';

const LABELS = { a: 'Core default', b: 'No shock defaults' };

// Nodes as the engine sends them: Bank 8 failed in world A at step 10 (frozen ratio, zeroed balance
// sheet), still standing in world B.
const standing = { id: '8', tier: 1, status: 'active', capital_ratio: 0.0912, stress: 0.31, action: 'HOARD', capital_stress: 0.2,
  liquidity_stress: 0.4, counterparty_stress: 0.1, liquidity_coverage: 1.4, cash: 12, holdings_value: 30, loan_book: 40, lent: 8,
  borrowed: 5, deposits: 70, due_to_administrator: 0, central_bank_funding: 0, total_assets: 90, equity: 15 };
const failed = { ...standing, status: 'defaulted', capital_ratio: 0.152667, stress: 1, action: 'HOLD', cash: 0, holdings_value: 0,
  loan_book: 0, lent: 0, total_assets: 0, equity: 0, default_timestep: 10, default_cause: 'insolvent' };
const other = { id: '1', tier: 2, status: 'active', capital_ratio: 0.1, stress: 0 };

const ANSWER = { bank: 8, default_step: 10, horizon: 14, causes: [],
  sentences: ['Bank 8 failed at step 10, insolvent: losses wiped out its capital.', 'Without the scenario\'s shock at step 10, it would still be standing at step 14.'] };

let stopLink = null;

function showComparison({ a = failed, b = standing, step = 14 } = {}) {
  const comparison = createComparison();
  const [worldA, worldB] = comparison.worlds;
  worldA.transport = { ask: vi.fn().mockResolvedValue(ANSWER) };
  worldB.transport = { ask: vi.fn().mockResolvedValue(ANSWER) };
  stopLink = linkSelection(comparison.worlds.map((w) => w.store));
  worldA.store.setState({ state: { timestep: step, nodes: [other, a], edges: [] } });
  worldB.store.setState({ state: { timestep: step, nodes: [other, b], edges: [] } });
  render(<CompareInspector worlds={comparison.worlds} labels={LABELS} />);
  return comparison;
}

const column = (world) => within(screen.getByTestId(`compare-inspector-${world}`));

afterEach(() => {
  cleanup();
  stopLink?.();
});

describe('the Compare view\'s inspector', () => {
  it('asks for a click until a bank is selected', () => {
    showComparison();
    expect(screen.getByTestId('compare-inspector').textContent).toBe('Click a bank on either graph to see it in both worlds.');
  });

  it('shows the bank clicked in world B in both worlds, each as its own engine reports it', () => {
    const { worlds } = showComparison();
    act(() => worlds[1].store.getState().selectBank('8'));
    expect(screen.getByTestId('compare-inspector').querySelector('h2').textContent).toBe('Bank 8 core×');
    expect(column('a').getByTestId('inspector-status').textContent).toBe('Failed at step 10: losses wiped out its capital');
    expect(screen.getByTestId('compare-inspector-a').textContent).not.toMatch(/Capital ratio|15\.3 %|Equity/);
    expect(column('b').getByTestId('inspector-status').textContent).toBe('Active · last action: Hoard');
    expect(screen.getByTestId('compare-inspector-b').textContent).toMatch(/Capital ratio9\.1 %/);
    expect(screen.getByTestId('compare-inspector-b').textContent).toMatch(/Stress 31 %/);
    expect(screen.getByTestId('compare-inspector-a').textContent).toMatch(/A Core default/);
    expect(screen.getByTestId('compare-inspector-b').textContent).toMatch(/B No shock defaults/);
  });

  it('offers no interventions, and says why', () => {
    const { worlds } = showComparison({ a: standing });
    act(() => worlds[0].store.getState().selectBank('8'));
    for (const id of ['force-default', 'inject', 'force-action', 'force-action-choice']) expect(screen.queryByTestId(id)).toBeNull();
    expect(screen.getByTestId('compare-inspector').textContent).toMatch(/No interventions here: a comparison has exactly one difference\./);
  });

  it('asks "Why did it fail?" of the failed world\'s own engine and answers in that world\'s column', async () => {
    const { worlds } = showComparison();
    act(() => worlds[0].store.getState().selectBank('8'));
    expect(column('b').queryByTestId('why-ask')).toBeNull();
    await act(async () => fireEvent.click(column('a').getByTestId('why-ask')));
    expect(worlds[0].transport.ask).toHaveBeenCalledWith({ ask: 'why', bank: 8 });
    expect(worlds[1].transport.ask).not.toHaveBeenCalled();
    const sentences = [...column('a').getByTestId('why-sentences').querySelectorAll('li')].map((li) => li.textContent);
    expect(sentences).toEqual(ANSWER.sentences);
    expect(column('b').queryByTestId('why-sentences')).toBeNull();
  });

  it('lets both worlds be asked when the bank failed in both', async () => {
    const { worlds } = showComparison({ b: { ...failed, default_timestep: 12, default_cause: 'illiquid' } });
    act(() => worlds[0].store.getState().selectBank('8'));
    expect(column('b').getByTestId('inspector-status').textContent).toMatch(/^Failed at step 12/);
    await act(async () => fireEvent.click(column('b').getByTestId('why-ask')));
    await act(async () => fireEvent.click(column('a').getByTestId('why-ask')));
    expect(worlds[0].transport.ask).toHaveBeenCalledTimes(1);
    expect(worlds[1].transport.ask).toHaveBeenCalledTimes(1);
    expect(column('a').getByTestId('why-sentences')).toBeTruthy();
    expect(column('b').getByTestId('why-sentences')).toBeTruthy();
  });

  it('says plainly when a world is not connected, instead of asking another engine', async () => {
    const { worlds } = showComparison();
    worlds[0].transport = null;
    act(() => worlds[0].store.getState().selectBank('8'));
    await act(async () => fireEvent.click(column('a').getByTestId('why-ask')));
    expect(column('a').getByTestId('why-error').textContent).toBe('The engine could not answer: This world is not connected.');
    expect(worlds[1].transport.ask).not.toHaveBeenCalled();
  });

  it('closes for both worlds', () => {
    const { worlds } = showComparison();
    act(() => worlds[1].store.getState().selectBank('8'));
    fireEvent.click(screen.getByLabelText('Close'));
    expect(worlds.map((w) => w.store.getState().selectedBank)).toEqual([null, null]);
    expect(screen.queryByTestId('compare-inspector-a')).toBeNull();
  });
});
