// The turning points of both worlds in one list: each world's DEFAULT and PRICE_DROP events (its store's
// `milestones`, as the engine sent them), tagged with the world, newest first, up to the step on screen.
// Pure. Clicking a DEFAULT line selects that bank in both worlds and shows its step (CompareEvents.jsx).

/** How many lines the list shows at most. */
export const EVENTS_SHOWN = 60;

/**
 * `milestones`: {a: [...], b: [...]}, each a world's milestones (newest first); `upTo`: the step on
 * screen (null: every one). Returns [{world, event, key}] newest first; within a step world A's before
 * world B's, each world's in its own order (newest first); at most `limit`.
 */
export function comparisonEvents(milestones, upTo = null, limit = EVENTS_SHOWN) {
  const lines = [];
  for (const [world, events] of Object.entries(milestones)) {
    events.forEach((event, order) => {
      if (upTo === null || event.timestamp <= upTo) lines.push({ world, event, order, key: `${world}:${event.event_id}` });
    });
  }
  lines.sort((x, y) => y.event.timestamp - x.event.timestamp || x.world.localeCompare(y.world) || x.order - y.order);
  return lines.slice(0, limit).map(({ world, event, key }) => ({ world, event, key }));
}

/** The bank a DEFAULT line names (its `from`, as a node id), or null for another event. */
export function failedBank(event) {
  return event.event_type === 'DEFAULT' && event.from !== undefined && event.from !== null ? String(event.from) : null;
}

/**
 * Both worlds' per-step event counts ([{timestep, DEFAULT, PRICE_DROP, …}] each, oldest first, as the
 * stores' `stepCounts`) as one list, a step's counts summed, for the timeline's crisis ticks.
 */
export function mergedStepCounts(...worlds) {
  const byStep = new Map();
  for (const counts of worlds) {
    for (const c of counts) {
      const sum = byStep.get(c.timestep) ?? { timestep: c.timestep };
      for (const [type, n] of Object.entries(c)) if (type !== 'timestep') sum[type] = (sum[type] ?? 0) + n;
      byStep.set(c.timestep, sum);
    }
  }
  return [...byStep.values()].sort((x, y) => x.timestep - y.timestep);
}
