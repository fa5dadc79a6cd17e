import { describe, expect, it } from 'vitest';
import { createComparison } from './compareSession.js';
import { FAILURES, comparisonAt, feedWorld, shownByViews } from './comparisonTestRun.js';
import { commonKeptStep, comparisonFirstStep, comparisonNewest, comparisonReplaying, comparisonShownStep, goLiveComparison,
  showComparisonStep, stepComparisonBy } from './comparisonReplay.js';

describe('one timeline for both worlds', () => {
  it('is live at the newest step both show', () => {
    const { worlds } = comparisonAt(30);
    expect(comparisonNewest(worlds)).toBe(30);
    expect(comparisonFirstStep(worlds)).toBe(0);
    expect(comparisonReplaying(worlds)).toBe(false);
    expect(comparisonShownStep(worlds)).toBe(30);
  });

  it('scrubbed back, both worlds show that step of their own run, the live runs untouched', () => {
    const comparison = comparisonAt(30);
    showComparisonStep(comparison.worlds, 13);
    expect(shownByViews(comparison)).toEqual([{ step: 13, failed: ['1'] }, { step: 13, failed: [] }]);
    expect(comparison.worlds.map((w) => w.store.getState().state.timestep)).toEqual([30, 30]);
    expect(comparisonShownStep(comparison.worlds)).toBe(13);
    // Each world's own metrics for that step.
    expect(comparison.worlds.map((w) => w.view.store.getState().replay.metrics.defaulted_banks)).toEqual([1, 0]);
  });

  it('steps frame by frame in both; forward past the last kept step goes live', () => {
    const comparison = comparisonAt(20);
    showComparisonStep(comparison.worlds, 17);
    expect(stepComparisonBy(comparison.worlds, +1)).toBe(true);
    expect(shownByViews(comparison)).toEqual([{ step: 18, failed: ['1', '2'] }, { step: 18, failed: ['2'] }]);
    stepComparisonBy(comparison.worlds, -1);
    stepComparisonBy(comparison.worlds, -1);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([16, 16]);
    showComparisonStep(comparison.worlds, 19);
    stepComparisonBy(comparison.worlds, +1);
    expect(comparisonReplaying(comparison.worlds)).toBe(false);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([20, 20]);
    showComparisonStep(comparison.worlds, 0);
    expect(stepComparisonBy(comparison.worlds, -1)).toBe(false);  // nothing before the first step
    goLiveComparison(comparison.worlds);
    expect(comparison.worlds.map((w) => w.view.store.getState().replay)).toEqual([null, null]);
  });

  it('never shows a step the other world has not reached: the slider ends at the lockstep view\'s step', () => {
    const comparison = comparisonAt(20);
    const [a, b] = comparison.worlds;
    feedWorld(a, { from: 21, to: 21, failures: FAILURES.a });  // world A's step 21 landed, world B's not yet
    expect(comparisonNewest(comparison.worlds)).toBe(20);
    expect(a.view.store.getState().state.timestep).toBe(20);  // held
    showComparisonStep(comparison.worlds, 21);  // beyond what both show: live
    expect(comparisonReplaying(comparison.worlds)).toBe(false);
    showComparisonStep(comparison.worlds, 14);
    // World A's view is held at step 20 for its run, but shows the replayed step 14 at once, as B's does.
    expect(shownByViews(comparison)).toEqual([{ step: 14, failed: ['1'] }, { step: 14, failed: [] }]);
    feedWorld(b, { from: 21, to: 21, failures: FAILURES.b, policy: 'heuristic+no_hoard' });
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([14, 14]);
    expect(comparisonNewest(comparison.worlds)).toBe(21);
  });

  it('uses a step both worlds keep when their histories were thinned apart', () => {
    const comparison = createComparison();
    const [a, b] = comparison.worlds;
    // World A keeps no frame of steps 6 and 7 (as if thinned away), world B every step.
    feedWorld(a, { to: 5, failures: FAILURES.a });
    feedWorld(a, { from: 8, to: 10, failures: FAILURES.a });
    feedWorld(b, { to: 10, failures: FAILURES.b, policy: 'heuristic+no_hoard' });
    expect(a.store.getState().frames.frameAt(7).timestep).toBe(5);
    expect(commonKeptStep(comparison.worlds, 7)).toBe(5);
    expect(commonKeptStep(comparison.worlds, 9)).toBe(9);
    showComparisonStep(comparison.worlds, 7);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([5, 5]);
    expect(stepComparisonBy(comparison.worlds, +1)).toBe(true);
    expect(shownByViews(comparison).map((v) => v.step)).toEqual([8, 8]);
  });

  it('a new run in both worlds ends the replay', () => {
    const comparison = comparisonAt(20);
    showComparisonStep(comparison.worlds, 5);
    for (const w of comparison.worlds) feedWorld(w, { to: 0 });
    expect(comparisonReplaying(comparison.worlds)).toBe(false);
    expect(comparisonNewest(comparison.worlds)).toBe(0);
  });
});
