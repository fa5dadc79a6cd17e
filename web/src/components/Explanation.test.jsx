// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Explanation } from './Explanation.jsx';
import { simulationStore } from '../store/simulationStore.js';
import { initialModel, reduceTexts } from '../store/messageHandler.js';

const node = (id, extra = {}) => ({ id: String(id), status: 'active', capital_ratio: 0.1, liquidity_ratio: 0.2, tier: 3, ...extra });
const state = (t, nodes) => JSON.stringify({ type: 'STATE_UPDATE', schema_version: '1.0',
  payload: { timestep: t, scenario: 'liquidity_freeze', policy: 'heuristic', seed: 42, asset_price: 1, nodes, edges: [] } });
const hoard = (t, bank) => JSON.stringify({ type: 'EVENT', schema_version: '1.0',
  payload: { event_id: `evt-${t}-0`, event_type: 'HOARD', from: bank, timestamp: t } });

afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

describe('what is happening', () => {
  it('tells the deposits that left at a step whose snapshot a batch skipped (kept as text, never drawn)', async () => {
    const quiet = [node(0), node(1), node(2), node(3)];
    const step10 = [node(0, { shock_withdrawal: 4.5 }), node(1, { shock_withdrawal: 2 }), node(2), node(3, { run_withdrawal: 1.25 })];
    // One batch, as a fast run delivers it: step 10's snapshot is superseded by step 11's and kept unparsed.
    const { model } = reduceTexts(initialModel(), [state(0, quiet), hoard(10, 2), state(10, step10), hoard(11, 1), state(11, quiet)]);
    expect(model.frames.frameAt(11).state.timestep).toBe(11);
    await act(async () => { simulationStore.setState(model); });
    await act(async () => { render(<Explanation />); });
    const lines = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      't11 Bank 1 hoarded liquidity, recalling loans.',
      't10 The scenario\'s shock withdrew deposits from 2 banks; depositors ran on Bank 3; Bank 2 hoarded liquidity, recalling loans.',
    ]);
  });
});
