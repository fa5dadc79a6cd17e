// The displayed step: what the graph, the headline, the metrics cursor and the inspector show. Live
// (the store's `replay` is null) they show the newest step received; scrubbed back, they show a kept
// frame of the run's history (frameHistory.js) — all in the page, no engine call, so scrubbing is
// instant. The live stream goes on arriving underneath and is shown again with goLive().
//
// Every function takes the store (zustand vanilla: getState/setState), so a page showing two worlds
// can drive each one's own.

/** How many steps of events the explanation narrates around a replayed step. */
export const NARRATED_STEPS = 4;

/** The STATE_UPDATE payload on screen: the replayed frame's, else the newest. */
export const shownState = (s) => (s.replay ? s.replay.state : s.state);
/** The METRICS_UPDATE payload of the step on screen. */
export const shownMetrics = (s) => (s.replay ? s.replay.metrics : s.metrics);
/** The step on screen, or null before the first snapshot. */
export const shownStep = (s) => shownState(s)?.timestep ?? null;
export const isReplaying = (s) => s.replay !== null;
/** The newest step kept (what "Live" shows). */
export const newestStep = (s) => s.state?.timestep ?? null;

/** The replay view of the kept frame for `step`: the frame plus the events narrated around it. */
export function replayFrame(frames, step) {
  const frame = frames.frameAt(step);
  if (!frame || !frame.state) return null;
  return { ...frame, recentEvents: frames.recentEvents(frame.timestep, NARRATED_STEPS) };
}

/**
 * Shows step `step` of the run: the kept frame at or before it. At or beyond the newest step, goes
 * live. Marks `finsim-scrub` for the browser measurements (web/e2e/rewind.mjs).
 */
export function showStep(store, step) {
  const s = store.getState();
  const newest = newestStep(s);
  if (newest === null) return;
  globalThis.performance?.mark?.('finsim-scrub', { detail: { step } });
  if (step >= newest) {
    goLive(store);
    return;
  }
  const frame = replayFrame(s.frames, step);
  if (!frame || frame.timestep === s.replay?.timestep) return;
  store.setState({ replay: frame });
}

/** One kept frame back (−1) or forward (+1) from the step on screen; forward from the newest kept frame goes live. */
export function stepBy(store, direction) {
  const s = store.getState();
  const at = shownStep(s);
  if (at === null) return;
  const next = direction < 0 ? s.frames.stepBefore(at) : s.frames.stepAfter(at);
  if (next === null) {
    if (direction > 0) goLive(store);
    return;
  }
  showStep(store, next);
}

export function goLive(store) {
  if (store.getState().replay !== null) store.setState({ replay: null });
}

/**
 * What the animation overlay is told when the displayed frame changes (items as the message handler
 * emits them: animation/overlay.js). Played forward frame by frame, a replayed step animates its own
 * events as it did live; any other move (a jump, a step back, going live) clears the effects, since
 * the state on screen already shows their outcome.
 */
export function replayAnimations(previous, next) {
  if (next && previous && next.previousStep === previous.timestep) {
    return [...next.events.map((event) => ({ kind: 'event', event })), { kind: 'state', timestep: next.timestep }];
  }
  return [{ kind: 'clear' }];
}
