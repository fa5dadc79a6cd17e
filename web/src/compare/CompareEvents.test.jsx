// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CompareEvents } from './CompareEvents.jsx';
import { linkSelection } from './sharedSelection.js';
import { showComparisonStep } from './comparisonReplay.js';
import { comparisonAt, shownByViews } from './comparisonTestRun.js';

let unlink = null;
afterEach(() => { cleanup(); unlink?.(); unlink = null; });

function renderEvents(comparison) {
  unlink = linkSelection(comparison.worlds.map((w) => w.store));
  render(<CompareEvents worlds={comparison.worlds} />);
}

const lines = () => screen.queryAllByTestId('compare-event').map((li) => `${li.dataset.world}${li.dataset.step}:${li.dataset.bank}`);

describe('both worlds\' failures in one list', () => {
  it('lists each world\'s failures with its world and step, newest first, up to the step on screen', () => {
    const comparison = comparisonAt(30);
    renderEvents(comparison);
    expect(lines()).toEqual(['b18:2', 'a15:2', 'a12:1']);
    expect(screen.getAllByTestId('compare-event')[2].textContent).toMatch(/^A.*t12.*Bank 1 defaulted/);
    act(() => showComparisonStep(comparison.worlds, 14));
    expect(lines()).toEqual(['a12:1']);
  });

  it('a DEFAULT line selects its bank in both worlds and moves both to its step', () => {
    const comparison = comparisonAt(30);
    renderEvents(comparison);
    fireEvent.click(screen.getAllByTestId('compare-event')[1].querySelector('button'));  // world A, bank 2 at step 15
    expect(comparison.worlds.map((w) => w.view.store.getState().selectedBank)).toEqual(['2', '2']);
    expect(shownByViews(comparison)).toEqual([{ step: 15, failed: ['1', '2'] }, { step: 15, failed: [] }]);
    expect(lines()).toEqual(['a15:2', 'a12:1']);
  });
});
