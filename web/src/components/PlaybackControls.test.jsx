// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('../session/connect.js', () => ({ sendCommand: vi.fn(), ask: vi.fn() }));
const { sendCommand } = await import('../session/connect.js');
const { PlaybackControls, useSpaceToPlay } = await import('./PlaybackControls.jsx');
const { ReplayBadge } = await import('./Scrubber.jsx');
const { createSimulationStore, SimulationStoreContext } = await import('../store/simulationStore.js');
const { createBus } = await import('../animation/animationBus.js');
const { showStep, shownStep } = await import('../history/replayView.js');

/** The page's store holding snapshots of steps 0…`to` (one bank, nothing happens), the engine paused (or `running`). */
function storeAt(to, running = false) {
  const store = createSimulationStore({ bus: createBus() });
  for (let t = 0; t <= to; t++) {
    store.getState().receiveTexts([JSON.stringify({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: t,
      scenario: 'liquidity_freeze', policy: 'heuristic', seed: 42, asset_price: 1, edges: [],
      nodes: [{ id: '0', tier: 3, capital_ratio: 0.1, stress: 0, status: 'active', last_updated_timestep: 0 }] } })]);
  }
  setRunning(store, running);
  return store;
}

/** What the engine's STATUS would say once it obeyed play or pause. */
function setRunning(store, running) {
  act(() => store.setState({ status: { ...store.getState().status, timestep: store.getState().state.timestep, running } }));
}

/** The single-world page's top bar and replay badge over `store`, its space key bound as App.jsx binds it. */
function Page({ store }) {
  useSpaceToPlay(store);
  return <SimulationStoreContext.Provider value={store}><PlaybackControls /><ReplayBadge /></SimulationStoreContext.Provider>;
}

/**
 * The page over a run at step 19 (the engine `running` or paused), scrubbed back to step `replayed`.
 * Returns its store and `sent`: the controls sent so far, each with the step on screen when it went.
 */
function pageReplaying(replayed, { running = false } = {}) {
  const store = storeAt(19, running);
  const sent = [];
  sendCommand.mockImplementation((command) => sent.push([command.control, shownStep(store.getState())]));
  render(<Page store={store} />);
  act(() => showStep(store, replayed));
  return { store, sent };
}

afterEach(() => { cleanup(); vi.clearAllMocks(); });

describe('the top bar\'s play button', () => {
  it('plays from a replayed step by going back to live first', () => {
    const { store, sent } = pageReplaying(2);
    expect(screen.getByTestId('replay-badge').textContent).toMatch(/step 2 · live is at 19/);
    fireEvent.click(screen.getByTestId('play-pause'));
    expect(sent).toEqual([['play', 19]]);
    expect(store.getState().replay).toBe(null);
    expect(screen.queryByTestId('replay-badge')).toBe(null);
  });

  it('pauses without leaving the replayed step on screen', () => {
    const { store, sent } = pageReplaying(5, { running: true });  // scrubbed back while the run plays on
    fireEvent.click(screen.getByTestId('play-pause'));
    expect(sent).toEqual([['pause', 5]]);
    expect(shownStep(store.getState())).toBe(5);
    expect(screen.getByTestId('replay-badge')).toBeTruthy();
  });
});

describe('the top bar\'s step button', () => {
  it('steps from a replayed step by going back to live first', () => {
    const { store, sent } = pageReplaying(2);
    fireEvent.click(screen.getByTestId('step'));
    expect(sent).toEqual([['step', 19]]);
    expect(store.getState().replay).toBe(null);
    expect(screen.queryByTestId('replay-badge')).toBe(null);
  });

  it('steps the live run as before when nothing is replayed', () => {
    const store = storeAt(19);
    const sent = [];
    sendCommand.mockImplementation((command) => sent.push([command.control, shownStep(store.getState())]));
    render(<Page store={store} />);
    fireEvent.click(screen.getByTestId('step'));
    expect(sent).toEqual([['step', 19]]);
  });
});

describe('space', () => {
  it('does the same: goes live and plays, then pauses leaving a later replay on screen', () => {
    const { store, sent } = pageReplaying(2);
    act(() => { fireEvent.keyDown(window, { code: 'Space', key: ' ' }); });
    expect(store.getState().replay).toBe(null);
    setRunning(store, true);
    act(() => showStep(store, 7));
    act(() => { fireEvent.keyDown(window, { code: 'Space', key: ' ' }); });
    expect(sent).toEqual([['play', 19], ['pause', 7]]);
    expect(shownStep(store.getState())).toBe(7);
  });

  it('is left to a focused field or button', () => {
    const { store, sent } = pageReplaying(2);
    fireEvent.keyDown(screen.getByTestId('step'), { code: 'Space', key: ' ' });
    expect(sent).toEqual([]);
    expect(shownStep(store.getState())).toBe(2);
  });
});
