// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { SimulationStoreContext } from '../store/simulationStore.js';
import { ReplayBadge } from '../components/Scrubber.jsx';
import { CompareTimeline } from './CompareTimeline.jsx';
import { CompareChart } from './CompareChart.jsx';
import { DifferencePanel } from './DifferencePanel.jsx';
import { goLiveComparison } from './comparisonReplay.js';
import { comparisonAt, shownByViews } from './comparisonTestRun.js';

const LABELS = { a: 'Heuristic', b: 'Heuristic, no hoarding' };

function renderComparison(comparison) {
  const onLive = () => goLiveComparison(comparison.worlds);
  render(
    <>
      {comparison.worlds.map((w) => (
        <SimulationStoreContext.Provider key={w.id} value={w.view.store}>
          <div data-testid={`pane-${w.id}`}><ReplayBadge onLive={onLive} /></div>
        </SimulationStoreContext.Provider>
      ))}
      <CompareTimeline worlds={comparison.worlds} />
      <DifferencePanel worlds={comparison.worlds} labels={LABELS} actsAt={null} />
      <CompareChart worlds={comparison.worlds} labels={LABELS} />
    </>,
  );
}

const steps = (comparison) => shownByViews(comparison).map((v) => v.step);

afterEach(cleanup);

describe('the timeline of both worlds', () => {
  it('is live at the newest step both show, with no replay marks', () => {
    renderComparison(comparisonAt(30));
    expect(screen.getByTestId('scrub-step').textContent).toBe('Step 30');
    expect(screen.queryAllByTestId('replay-badge')).toEqual([]);
    expect(screen.getByTestId('go-live').disabled).toBe(true);
    expect(screen.queryAllByTestId('compare-cursor')).toEqual([]);
  });

  it('the slider shows a past step in both worlds, each marked as a replay; the narration and chart follow', () => {
    const comparison = comparisonAt(30);
    renderComparison(comparison);
    fireEvent.change(screen.getByTestId('scrub-range'), { target: { value: '13' } });
    expect(shownByViews(comparison)).toEqual([{ step: 13, failed: ['1'] }, { step: 13, failed: [] }]);
    expect(screen.getByTestId('scrub-step').textContent).toBe('Step 13 of 30');
    for (const w of ['a', 'b']) {
      expect(within(screen.getByTestId(`pane-${w}`)).getByTestId('replay-badge').textContent).toMatch(/Replay.*step 13.*live is at 30/);
    }
    expect(screen.getByTestId('difference').textContent).toContain('Heuristic: 1 bank failed by step 13; Heuristic, no hoarding: 0.');
    expect(screen.getAllByTestId('compare-cursor')).toHaveLength(4);  // one per overlaid metric
    expect(screen.getAllByTestId('compare-cursor')[0].getAttribute('x1')).toBe(String(Number(((13 / 30) * 240).toFixed(1))));
  });

  it('‹ › and the arrow keys move both worlds a frame; "Back to live" on either graph returns both', () => {
    const comparison = comparisonAt(30);
    renderComparison(comparison);
    fireEvent.change(screen.getByTestId('scrub-range'), { target: { value: '16' } });
    fireEvent.click(screen.getByTestId('scrub-forward'));
    expect(steps(comparison)).toEqual([17, 17]);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(shownByViews(comparison)).toEqual([{ step: 18, failed: ['1', '2'] }, { step: 18, failed: ['2'] }]);
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    fireEvent.click(screen.getByTestId('scrub-back'));
    expect(steps(comparison)).toEqual([16, 16]);
    fireEvent.keyDown(window, { key: 'Home' });
    expect(steps(comparison)).toEqual([0, 0]);
    fireEvent.click(within(screen.getByTestId('pane-b')).getByText('Back to live'));
    expect(steps(comparison)).toEqual([30, 30]);
    expect(comparison.worlds.map((w) => w.store.getState().replay)).toEqual([null, null]);
    expect(screen.getByTestId('scrub-step').textContent).toBe('Step 30');
  });
});
