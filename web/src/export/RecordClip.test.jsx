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
    expect(options.shown()).toMatchObject({ state, replaying: false });
    expect(options.shown().headline.map((f) => f.key)).toEqual(['step', 'scenario', 'price']);  // the headline (no status: no policy)
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

describe('Record GIF', () => {
  it('is offered beside the clip with its own limits, and downloads a .gif named for the run', () => {
    let options = null;
    const startGif = vi.fn((o) => { options = o; return { stop: vi.fn(), elapsedMs: () => 0 }; });
    renderWithGraph({ support: { type: 'video/webm;codecs=vp9' }, start: vi.fn(), startGif });
    expect(screen.getByText('GIF of the graph, 10 frames a second, at most 800 px wide; stops by itself after 20 s or 16 MB.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('record-gif'));
    expect(startGif).toHaveBeenCalledTimes(1);
    expect(options.graph.className).toBe('graph');
    expect(screen.getByTestId('record-gif').textContent).toMatch(/Stop recording/);
    expect(screen.getByTestId('record-clip').disabled).toBe(true);  // one recording at a time

    const blob = new Blob([new Uint8Array(3000)], { type: 'image/gif' });
    act(() => options.onStop({ blob, type: 'image/gif', reason: 'size', seconds: 12.2, frames: 122, firstStep: 4, lastStep: 30, state }));
    expect(downloadBlob).toHaveBeenCalledWith(blob, 'finsim-fire_sale_spiral-seed7-heuristic-steps4-30.gif');
    expect(screen.getByTestId('record-clip-status').textContent).toBe(
      'Saved finsim-fire_sale_spiral-seed7-heuristic-steps4-30.gif (3 KB, 12 s, GIF, 122 frames) — stopped because the size limit was reached.');
    expect(screen.getByTestId('record-gif').textContent).toBe('● Record GIF');
  });

  it('is still offered where the browser cannot record video', () => {
    renderWithGraph({ support: { unavailable: 'Recording is not available in this browser (it has no MediaRecorder).' } });
    expect(screen.getByTestId('record-clip-unavailable')).toBeTruthy();
    expect(screen.getByTestId('record-gif').disabled).toBe(false);
  });
});

describe('savedSentence', () => {
  it('does not explain a stop the person chose', () => {
    expect(savedSentence({ fileName: 'a.webm', bytes: 3 * 2 ** 20, seconds: 7.4, type: 'video/webm;codecs=vp8', reason: 'user' }))
      .toBe('Saved a.webm (3.0 MB, 7 s, VP8).');
  });

  it('records several panes side by side, each captioned from its own store, the file marked as a comparison', () => {
    const stores = ['a', 'b'].map((w, i) => {
      const store = createSimulationStore({ bus: createBus() });
      store.setState({ state: { ...state, policy: i ? 'heuristic+no_hoard' : 'heuristic' } });
      return store;
    });
    let options = null;
    const start = vi.fn((o) => { options = o; return { stop: vi.fn(), elapsedMs: () => 0 }; });
    render(
      <>
        <div className="graph-a"><div data-testid="graph-a" /></div>
        <div className="graph-b"><div data-testid="graph-b" /></div>
        <RecordClip support={{ type: 'video/webm' }} start={start} panes={[{ graphTestId: 'graph-a', title: 'A: Heuristic', store: stores[0] },
          { graphTestId: 'graph-b', title: 'B: No hoarding', store: stores[1] }]} />
      </>,
    );
    fireEvent.click(screen.getByTestId('record-clip'));
    expect(options.panes.map((p) => [p.graph.className, p.title])).toEqual([['graph-a', 'A: Heuristic'], ['graph-b', 'B: No hoarding']]);
    expect(options.panes[1].shown().state.policy).toBe('heuristic+no_hoard');
    stores[1].setState({ replay: { state: { ...state, timestep: 2 } } });
    expect(options.panes[1].shown()).toMatchObject({ replaying: true, state: { timestep: 2 } });
    const blob = new Blob([new Uint8Array(10)], { type: 'video/webm' });
    act(() => options.onStop({ blob, type: 'video/webm', reason: 'user', seconds: 3, firstStep: 4, lastStep: 6, state }));
    expect(downloadBlob).toHaveBeenCalledWith(blob, 'finsim-fire_sale_spiral-seed7-heuristic-compare-steps4-6.webm');
  });

  it('says so when a pane\'s graph is not there', () => {
    const start = vi.fn();
    render(<RecordClip support={{ type: 'video/webm' }} start={start} panes={[{ graphTestId: 'graph-a', title: 'A', store: createSimulationStore({ bus: createBus() }) }]} />);
    fireEvent.click(screen.getByTestId('record-clip'));
    expect(start).not.toHaveBeenCalled();
    expect(screen.getByTestId('record-clip-status').textContent).toBe('There is no graph to record yet.');
  });
});
