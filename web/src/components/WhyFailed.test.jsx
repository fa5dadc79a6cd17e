// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ sendCommand: vi.fn(), ask: vi.fn() }));
const { ask } = await import('../session/connect.js');
const { BankInspector } = await import('./BankInspector.jsx');
const { simulationStore } = await import('../store/simulationStore.js');

// The engine's answer as failure_explanation_json writes it (abridged from finsim why --json).
const ANSWER = {
  bank: 79, grouped: false, default_step: 11, cause: 'illiquid', horizon: 30,
  causes: [
    { kind: 'recall', bank: 2, steps: [10, 11], label: "Bank 2's recall of its loan at steps 10-11", necessary: true, sufficient_alone: false },
    { kind: 'scenario_shock', steps: [10], label: "the scenario's shock at step 10", necessary: true, sufficient_alone: true },
  ],
  without_any: { failed: false },
  sentences: ['Bank 79 failed at step 11, illiquid: it could not pay what fell due.',
    'Had Bank 2 not recalled its loan at steps 10-11, it would still be standing at step 30.'],
};

const failed = (id, step = 11) => ({ id: String(id), tier: 3, status: 'defaulted', capital_ratio: 0.1, stress: 1, action: 'HOLD',
  default_timestep: step, default_cause: 'illiquid' });

function showFailedBank(node = failed(79)) {
  simulationStore.setState({ selectedBank: node.id, state: { timestep: 30, nodes: [node], edges: [] } });
  render(<BankInspector />);
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

beforeEach(() => ask.mockReset());
afterEach(() => {
  cleanup();
  simulationStore.getState().resetModel();
});

describe('"Why did it fail?" in the bank inspector', () => {
  it('asks the engine about the failed bank, says it is waiting, then shows the engine\'s sentences', async () => {
    const reply = deferred();
    ask.mockReturnValue(reply.promise);
    showFailedBank();
    const button = screen.getByTestId('why-ask');
    expect(button.textContent).toBe('Why did it fail?');
    fireEvent.click(button);
    expect(ask).toHaveBeenCalledWith({ ask: 'why', bank: 79 });
    expect(button.textContent).toBe('Asking the engine…');
    expect(button.disabled).toBe(true);
    await act(async () => reply.resolve(ANSWER));
    const sentences = [...screen.getByTestId('why-sentences').querySelectorAll('li')].map((li) => li.textContent);
    expect(sentences).toEqual(ANSWER.sentences);
    expect(button.disabled).toBe(false);
  });

  it('shows each cause with the verdicts the engine gave it, and no others', async () => {
    ask.mockResolvedValue(ANSWER);
    showFailedBank();
    await act(async () => fireEvent.click(screen.getByTestId('why-ask')));
    const causes = [...screen.getByTestId('why-answer').querySelectorAll('details li')].map((li) => li.textContent);
    expect(causes).toEqual(["Bank 2's recall of its loan at steps 10-11 necessary",
      "the scenario's shock at step 10 necessarysufficient alone"]);
    expect(screen.getByTestId('why-answer').textContent).toMatch(/judged at step 30/);
  });

  it('says plainly when the engine cannot answer', async () => {
    ask.mockResolvedValue({ error: { code: 'too_many_causes', message: 'more than 32 causes touched bank 79' } });
    showFailedBank();
    await act(async () => fireEvent.click(screen.getByTestId('why-ask')));
    expect(screen.getByTestId('why-error').textContent).toBe('The engine could not answer: more than 32 causes touched bank 79');
    expect(screen.queryByTestId('why-answer')).toBeNull();
  });

  it('says a refusal as too large as a refusal about size, with the engine\'s bound', async () => {
    // The WebAssembly engine's refusal (wasm/src/session_bindings.cpp) of a 1,000-bank run played to step 250.
    ask.mockResolvedValue({ error: { code: 'analysis_too_large',
      message: 'explaining a failure replays the run: 1000 banks over 250 steps is above the bound of 200000 banks × steps' } });
    showFailedBank();
    await act(async () => fireEvent.click(screen.getByTestId('why-ask')));
    expect(screen.getByTestId('why-error').dataset.code).toBe('analysis_too_large');
    expect(screen.getByTestId('why-error').textContent).toMatch(
      /^Too large to explain: explaining a failure replays the run: 1000 banks over 250 steps is above the bound of 200000 banks × steps\.$/);
  });

  it('is not offered for a bank that is still standing', () => {
    simulationStore.setState({ selectedBank: '3', state: { timestep: 4, nodes: [{ id: '3', tier: 2, status: 'active', capital_ratio: 0.1 }], edges: [] } });
    render(<BankInspector />);
    expect(screen.queryByTestId('why-ask')).toBeNull();
  });

  it('forgets the answer when another failed bank is selected', async () => {
    ask.mockResolvedValue(ANSWER);
    showFailedBank();
    await act(async () => fireEvent.click(screen.getByTestId('why-ask')));
    expect(screen.queryByTestId('why-answer')).not.toBeNull();
    act(() => simulationStore.setState({ selectedBank: '5', state: { timestep: 30, nodes: [failed(79), failed(5, 12)], edges: [] } }));
    expect(screen.queryByTestId('why-answer')).toBeNull();
    expect(screen.getByTestId('why-ask').textContent).toBe('Why did it fail?');
  });
});
