// What a rewind does to the page's record of a run. The engine's `rewind {step}` control returns the
// session to a past step (it replays the run's recipe) and publishes that step's STATE_UPDATE: a lower
// timestep of the same network, which the message handler would otherwise take for a new run. When the
// page itself asked for it (a branch: history/branch.js sets `branchExpected`), the run goes on: what
// was received up to that step is kept, and what came after it — frames, series, events — belonged to
// the original run and is forgotten. (A policy switch, the `policy` control, is no new run either: the
// STATE_UPDATE keeps the run's `policy` and adds `current_policy`.) Viewers that did not ask (another
// page on the same server) see a new run, which is safe: they lose their scrubbing history, never their
// state.

/** Same scenario, seed and size: the same network. */
function sameNetwork(previous, next) {
  return next.scenario === previous.scenario && next.seed === previous.seed && next.nodes.length === previous.nodes.length;
}

/** The rewind this page asked for has arrived: the expected step, on the same network, not later. */
export function isExpectedRewind(model, payload) {
  const expected = model.branchExpected;
  return !!expected && !!model.state && payload.timestep === expected.step &&
    payload.timestep <= model.state.timestep && sameNetwork(model.state, payload);
}

const eventStep = (eventId) => Number(String(eventId).split('-')[1]);

/**
 * The model with everything after `step` forgotten (the frames are truncated in place). Events after
 * it leave the seen-event set too: the branch's steps reuse their ids (evt-<t>-<n>). The timeline is
 * refilled from the kept frames (at most `timelineLimit` events), so the narration of the steps before
 * the rewind is back.
 */
export function rewoundModel(model, step, timelineLimit) {
  model.frames.truncateAfter(step);
  for (const id of model.seenEvents) if (eventStep(id) > step) model.seenEvents.delete(id);
  const series = model.series.filter((m) => m.timestep <= step);
  return {
    ...model,
    series,
    metrics: series[series.length - 1] ?? null,
    timeline: model.frames.recentEvents(step, Infinity, timelineLimit),
    milestones: model.milestones.filter((e) => e.timestamp <= step),
    stepCounts: model.stepCounts.filter((c) => c.timestep <= step),
    replay: null,
    branchExpected: null,
  };
}
