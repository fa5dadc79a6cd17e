// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';

vi.mock('./download.js', () => ({ downloadBlob: vi.fn() }));
const { downloadBlob } = await import('./download.js');
const { RecordClip, savedSentence } = await import('./RecordClip.jsx');
const { createSimulationStore, SimulationStoreContext } = await import('../store/simulationStore.js');
const { createBus } = await import('../animation/animationBus.js');

afterEach(() => { cleanup(); vi.clearAllMocks(); });

const state = { timestep: 4, scenario: 'fire_sale_spiral', policy: 'heuristic', seed: 7 };

function renderWithGraph(props) {
  const store = createSimulationStore({ bus: createBus() });
  store.setState({ state });
  return render(
    <SimulationStoreContext.Provider value={store}>
      <div className="graph"><div data-testid="graph" /><canvas /></div>
      <RecordClip {...props} />
    </SimulationStoreContext.Provider>,
  );
}

describe('RecordClip', () => {
  it('says plainly when the browser cannot record, and offers no button', () => {
    renderWithGraph({ support: { unavailable: 'Recording is not available in this browser (it has no MediaRecorder).' } });
    expect(screen.getByTestId('record-clip-unavailable').textContent).toMatch(/no MediaRecorder/);
    expect(screen.queryByTestId('record-clip')).toBeNull();
  });

  it('states the limits before recording', () => {
    renderWithGraph({ support: { type: 'video/webm;codecs=vp8' }, start: vi.fn() });
    expect(screen.getByText(/stops by itself after 60 s or 32 MB/)).toBeTruthy();
    expect(screen.getByTestId('record-clip').textContent).toBe('● Record clip');
  });

  it('records the graph element, then downloads the clip named for the run and says what it saved', () => {
    let options = null;
    const handle = { stop: vi.fn(), elapsedMs: () => 0 };
    const start = vi.fn((o) => { options = o; return handle; });
    renderWithGraph({ support: { type: 'video/webm;codecs=vp9' }, start, title: 'B: No hoarding' });
    fireEvent.click(screen.getByTestId('record-clip'));
    expect(options.graph.className).toBe('graph');
    expect(options.type).toBe('video/webm;codecs=vp9');
    expect(options.title).toBe('B: No hoarding');
    expect(options.shown()).toEqual({ state, replaying: false });
    expect(screen.getByTestId('record-clip').textContent).toMatch(/Stop recording/);
    fireEvent.click(screen.getByTestId('record-clip'));
    expect(handle.stop).toHaveBeenCalledTimes(1);

    const blob = new Blob([new Uint8Array(2048)], { type: 'video/webm' });
    act(() => options.onStop({ blob, type: 'video/webm;codecs=vp9', reason: 'time', seconds: 60, firstStep: 4, lastStep: 9, state }));
    expect(downloadBlob).toHaveBeenCalledWith(blob, 'finsim-fire_sale_spiral-seed7-heuristic-steps4-9.webm');
    expect(screen.getByTestId('record-clip-status').textContent).toBe(
      'Saved finsim-fire_sale_spiral-seed7-heuristic-steps4-9.webm (2 KB, 60 s, VP9) — stopped because the time limit was reached.');
    expect(screen.getByTestId('record-clip').textContent).toBe('● Record clip');
  });

  it('saves nothing when the browser recorded nothing, and says so', () => {
    let options = null;
    renderWithGraph({ support: { type: 'video/webm' }, start: (o) => { options = o; return { stop() {}, elapsedMs: () => 0 }; } });
    fireEvent.click(screen.getByTestId('record-clip'));
    act(() => options.onStop({ blob: new Blob([]), type: 'video/webm', reason: 'user', seconds: 1, firstStep: null, lastStep: null, state: null }));
    expect(downloadBlob).not.toHaveBeenCalled();
    expect(screen.getByTestId('record-clip-status').textContent).toMatch(/recorded nothing/);
  });

  it('reports a recorder that cannot start instead of failing silently', () => {
    renderWithGraph({ support: { type: 'video/webm' }, start: () => { throw new Error('NotSupportedError'); } });
    fireEvent.click(screen.getByTestId('record-clip'));
    expect(screen.getByTestId('record-clip-status').textContent).toBe('Recording could not start: NotSupportedError');
  });
});

describe('savedSentence', () => {
  it('does not explain a stop the person chose', () => {
    expect(savedSentence({ fileName: 'a.webm', bytes: 3 * 2 ** 20, seconds: 7.4, type: 'video/webm;codecs=vp8', reason: 'user' }))
      .toBe('Saved a.webm (3.0 MB, 7 s, VP8).');
  });
});
