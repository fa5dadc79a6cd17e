// One timeline for both worlds of a comparison: scrubbed back, both show the same kept step of their own
// history (history/frameHistory.js, which each world's message handler keeps), through the one-world
// replay (history/replayView.js); live, both show the lockstep view's newest step. The replayed frame is
// set on each world's own store and reaches its lockstep view at once (compare/lockstep.js, PAGE_CHOICES),
// so the two graphs never show different steps, replayed or live.
//
// `worlds`: [{store, view: {store}}] as compare/compareSession.js makes them — `store` the world's own
// (its frames), `view.store` what the page shows of it.
import { goLive, newestStep, replayFrame } from '../history/replayView.js';

/** The newest step both worlds show live (the lockstep view's), or null before both have a snapshot. */
export function comparisonNewest(worlds) {
  const steps = worlds.map((w) => newestStep(w.view.store.getState()));
  return steps.some((s) => s === null) ? null : Math.min(...steps);
}

/** The step on screen in both worlds: the replayed one, else the newest both show. */
export function comparisonShownStep(worlds) {
  const replay = worlds[0].view.store.getState().replay;
  return replay ? replay.timestep : comparisonNewest(worlds);
}

export const comparisonReplaying = (worlds) => worlds[0].view.store.getState().replay !== null;

/** The first step both worlds keep (each keeps its run's first step), or null. */
export function comparisonFirstStep(worlds) {
  const steps = worlds.map((w) => w.store.getState().frames.firstStep());
  return steps.some((s) => s === null) ? null : Math.max(...steps);
}

/**
 * The latest step at or before `step` that every world keeps a frame for. Worlds thin their history
 * apart (frameHistory.js) only past its budget; until then this is `step` itself. Null when none.
 */
export function commonKeptStep(worlds, step) {
  let at = step;
  for (let round = 0; round < 64; round++) {
    const kept = worlds.map((w) => w.store.getState().frames.frameAt(at)?.timestep ?? null);
    if (kept.some((s) => s === null)) return null;
    if (kept.every((s) => s === kept[0])) return kept[0];
    const earlier = Math.min(...kept);
    if (earlier >= at) return null;  // a world keeps nothing at or before `at`: no step in common
    at = earlier;
  }
  return null;
}

export function goLiveComparison(worlds) {
  for (const w of worlds) goLive(w.store);
}

/**
 * Shows step `step` in every world: the kept frame both have at or before it; at or beyond the newest
 * step both show live, goes live. Marks `finsim-scrub` (web/e2e/compare.mjs measures the time to scrub).
 */
export function showComparisonStep(worlds, step) {
  const newest = comparisonNewest(worlds);
  if (newest === null) return;
  globalThis.performance?.mark?.('finsim-scrub', { detail: { step, worlds: worlds.length } });
  if (step >= newest) {
    goLiveComparison(worlds);
    return;
  }
  const common = commonKeptStep(worlds, step);
  if (common === null) return;
  const frames = worlds.map((w) => replayFrame(w.store.getState().frames, common));
  if (frames.some((f) => f === null)) return;
  worlds.forEach((w, i) => {
    if (w.store.getState().replay?.timestep !== common) w.store.setState({ replay: frames[i] });
  });
}

/**
 * One kept frame back (−1) or forward (+1) in both worlds from the step on screen; forward from the last
 * step both keep before the newest goes live. Returns whether the step on screen changed.
 */
export function stepComparisonBy(worlds, direction) {
  const at = comparisonShownStep(worlds);
  if (at === null) return false;
  const histories = worlds.map((w) => w.store.getState().frames);
  if (direction < 0) {
    const before = histories.map((h) => h.stepBefore(at));
    if (before.some((s) => s === null)) return false;
    const common = commonKeptStep(worlds, Math.max(...before));
    if (common === null) return false;
    showComparisonStep(worlds, common);
    return true;
  }
  if (!comparisonReplaying(worlds)) return false;
  const newest = comparisonNewest(worlds);
  for (let from = at; ;) {
    const after = histories.map((h) => h.stepAfter(from));
    const next = after.some((s) => s === null) ? null : Math.min(...after);
    if (next === null || next >= newest) {
      goLiveComparison(worlds);
      return true;
    }
    const common = commonKeptStep(worlds, next);
    if (common !== null && common > at) {
      showComparisonStep(worlds, common);
      return true;
    }
    from = next;
  }
}
