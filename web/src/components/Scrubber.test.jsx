// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ sendCommand: vi.fn(), ask: vi.fn() }));
const { sendCommand } = await import('../session/connect.js');
const { Scrubber, ReplayBadge } = await import('./Scrubber.jsx');
const { createSimulationStore, SimulationStoreContext } = await import('../store/simulationStore.js');
const { createBus } = await import('../animation/animationBus.js');

const node = (id, status = 'active') => ({ id: String(id), tier: 3, capital_ratio: 0.1, stress: 0, status, last_updated_timestep: 0 });
const text = (m) => JSON.stringify(m);

/** A store that received a run to step `to` (bank 1 fails at step 12) and a paused status. */
function storeAt(to) {
  const store = createSimulationStore({ bus: createBus() });
  for (let t = 0; t <= to; t++) {
    store.getState().receiveTexts([
      ...(t === 12 ? [text({ type: 'EVENT', payload: { event_id: 'evt-12-0', event_type: 'DEFAULT', from: 1, timestamp: 12 } })] : []),
      text({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: t, scenario: 'liquidity_freeze', policy: 'heuristic', seed: 42,
        asset_price: 1, nodes: [node(0), node(1, t >= 12 ? 'defaulted' : 'active')], edges: [] } }),
      text({ type: 'METRICS_UPDATE', payload: { timestep: t, liquidity: 1, default_rate: 0, equilibrium_score: 1 } }),
    ]);
  }
  store.getState().receiveTexts([text({ type: 'STATUS', payload: { timestep: to, running: false, speed: 2, scenario: 'liquidity_freeze',
    seed: 42, policy: 'heuristic', banks: 2 } })]);
  return store;
}

function renderWith(store) {
  render(<SimulationStoreContext.Provider value={store}><Scrubber /><ReplayBadge /></SimulationStoreContext.Provider>);
}

const shownStep = (store) => (store.getState().replay ?? { timestep: store.getState().state.timestep }).timestep;

afterEach(() => { cleanup(); vi.clearAllMocks(); });

describe('the timeline under the graph', () => {
  it('is live at first: the newest step, no replay badge, Live and Branch unavailable', () => {
    renderWith(storeAt(40));
    expect(screen.getByTestId('scrub-step').textContent).toBe('Step 40');
    expect(screen.queryByTestId('replay-badge')).toBe(null);
    expect(screen.getByTestId('go-live').disabled).toBe(true);
    expect(screen.getByTestId('branch-open').disabled).toBe(true);
  });

  it('the slider shows a past step, marked as a replay; Live returns', () => {
    const store = storeAt(40);
    renderWith(store);
    fireEvent.change(screen.getByTestId('scrub-range'), { target: { value: '10' } });
    expect(shownStep(store)).toBe(10);
    expect(screen.getByTestId('scrub-step').textContent).toBe('Step 10 of 40');
    expect(screen.getByTestId('replay-badge').textContent).toMatch(/Replay.*step 10.*live is at 40/);
    fireEvent.click(screen.getByTestId('go-live'));
    expect(store.getState().replay).toBe(null);
    expect(screen.queryByTestId('replay-badge')).toBe(null);
  });

  it('arrow keys step frame by frame; not while typing in a field', () => {
    const store = storeAt(40);
    renderWith(store);
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(shownStep(store)).toBe(38);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(shownStep(store)).toBe(39);
    fireEvent.keyDown(window, { key: 'Home' });
    expect(shownStep(store)).toBe(0);
    const input = document.createElement('input');
    document.body.appendChild(input);
    fireEvent.keyDown(input, { key: 'ArrowRight' });
    expect(shownStep(store)).toBe(0);
    fireEvent.keyDown(window, { key: 'End' });
    expect(store.getState().replay).toBe(null);
  });

  it('arrow keys still step after the speed was chosen; the select keeps ↑ ↓, a text field every key', () => {
    const store = storeAt(40);
    renderWith(store);
    const rate = screen.getByTestId('replay-rate');
    rate.focus();
    fireEvent.change(rate, { target: { value: '2' } });
    expect(fireEvent.keyDown(rate, { key: 'ArrowLeft' })).toBe(false);  // taken (default prevented): the option stays
    expect(shownStep(store)).toBe(39);
    fireEvent.keyDown(rate, { key: 'ArrowRight' });
    expect(store.getState().replay).toBe(null);
    fireEvent.keyDown(rate, { key: 'ArrowLeft' });
    expect(fireEvent.keyDown(rate, { key: 'ArrowDown' })).toBe(true);  // left to the select
    expect(fireEvent.keyDown(rate, { key: 'End' })).toBe(true);
    expect(shownStep(store)).toBe(39);
    const textarea = document.body.appendChild(document.createElement('textarea'));
    const number = document.body.appendChild(Object.assign(document.createElement('input'), { type: 'number' }));
    const checkbox = document.body.appendChild(Object.assign(document.createElement('input'), { type: 'checkbox' }));
    fireEvent.keyDown(textarea, { key: 'ArrowLeft' });
    fireEvent.keyDown(number, { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByTestId('scrub-range'), { key: 'ArrowLeft' });  // the slider moves itself
    expect(shownStep(store)).toBe(39);
    fireEvent.keyDown(checkbox, { key: 'ArrowLeft' });
    expect(shownStep(store)).toBe(38);
  });

  it('plays the replay on its clock and stops at Live', () => {
    vi.useFakeTimers();
    try {
      const store = storeAt(5);
      renderWith(store);
      fireEvent.change(screen.getByTestId('scrub-range'), { target: { value: '2' } });
      fireEvent.change(screen.getByTestId('replay-rate'), { target: { value: '4' } });
      fireEvent.click(screen.getByTestId('replay-play'));
      act(() => { vi.advanceTimersByTime(125); });
      expect(shownStep(store)).toBe(3);
      act(() => { vi.advanceTimersByTime(1000); });
      expect(store.getState().replay).toBe(null);
      expect(screen.getByTestId('replay-play').textContent).toMatch(/▶/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('"Branch from here" at a past step sends rewind first, and says so when the engine cannot', async () => {
    const store = storeAt(40);
    sendCommand.mockImplementation((c) => queueMicrotask(() => store.getState().receiveTexts([
      text({ type: 'ERROR', payload: { code: 'unknown_control', message: `unknown control '${c.control}'`, control: c.control } })])));
    renderWith(store);
    fireEvent.change(screen.getByTestId('scrub-range'), { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('branch-open'));
    fireEvent.change(screen.getByTestId('branch-change'), { target: { value: 'force_default' } });
    fireEvent.change(screen.getByTestId('branch-bank'), { target: { value: '1' } });
    await act(async () => { fireEvent.click(screen.getByTestId('branch-run')); });
    await screen.findByText(/cannot rewind a run yet/);
    expect(sendCommand.mock.calls.map(([c]) => c)).toEqual([{ control: 'rewind', step: 10 }]);
  });
});
