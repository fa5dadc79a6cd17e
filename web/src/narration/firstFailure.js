// Which failure the narration asks the engine to explain (narration/FirstFailure.jsx): the run's first
// failure that no intervention or scenario shock forced — where contagion began. A forced failure is its
// own explanation ("pushed into default"); the first one the system caused is the one a class asks about.
// Pure: it reads the DEFAULT events the page kept for the whole run (the store's milestones).

/**
 * {bank, step} of the earliest DEFAULT whose cause is not `forced` (the lowest bank number within its
 * step), or null when there is none. `milestones` are EVENT payloads, any order.
 */
export function firstUnforcedFailure(milestones) {
  let first = null;
  for (const e of milestones ?? []) {
    if (e?.event_type !== 'DEFAULT' || e.cause === 'forced' || typeof e.from !== 'number') continue;
    if (!first || e.timestamp < first.step || (e.timestamp === first.step && e.from < first.bank)) first = { bank: e.from, step: e.timestamp };
  }
  return first;
}
