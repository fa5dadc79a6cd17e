// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CompareControls } from './CompareControls.jsx';
import { showComparisonStep } from './comparisonReplay.js';
import { comparisonAt, shownByViews } from './comparisonTestRun.js';

// The comparison's clock as the controls see it (compare/lockstep.js): what it was told, in order.
function fakeClock(comparison) {
  const told = [];
  let playing = false;
  comparison.clock = {
    state: () => ({ playing }),
    play() { told.push('play'); playing = true; },
    pause() { told.push('pause'); playing = false; },
    step() { told.push('step'); },
  };
  comparison.control.setState({ ready: true });
  return told;
}

afterEach(cleanup);

describe('the comparison\'s play button', () => {
  it('plays from a replayed step by going back to live in both worlds first', () => {
    const comparison = comparisonAt(30);
    const told = fakeClock(comparison);
    render(<CompareControls comparison={comparison} />);
    showComparisonStep(comparison.worlds, 12);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([12, 12]);
    fireEvent.click(screen.getByTestId('compare-play'));
    expect(told).toEqual(['play']);
    expect(comparison.worlds.map((w) => w.store.getState().replay)).toEqual([null, null]);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([30, 30]);
  });

  it('space does the same, and pauses without leaving the step on screen', () => {
    const comparison = comparisonAt(30);
    const told = fakeClock(comparison);
    render(<CompareControls comparison={comparison} />);
    showComparisonStep(comparison.worlds, 12);
    fireEvent.keyDown(window, { code: 'Space', key: ' ' });
    expect(comparison.worlds.map((w) => w.store.getState().replay)).toEqual([null, null]);
    showComparisonStep(comparison.worlds, 20);  // scrubbed back while both play on
    fireEvent.keyDown(window, { code: 'Space', key: ' ' });
    expect(told).toEqual(['play', 'pause']);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([20, 20]);
  });
});

describe('the comparison\'s step button', () => {
  it('steps from a replayed step by going back to live in both worlds first', () => {
    const comparison = comparisonAt(30);
    const told = fakeClock(comparison);
    render(<CompareControls comparison={comparison} />);
    showComparisonStep(comparison.worlds, 12);
    fireEvent.click(screen.getByTestId('compare-step'));
    expect(told).toEqual(['step']);
    expect(comparison.worlds.map((w) => w.store.getState().replay)).toEqual([null, null]);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([30, 30]);
  });
});
