// Which events the timeline lists under a filter. Defaults and price drops come from the run's
// milestones (kept for the whole run); the frequent types from the recent timeline window.
import { MILESTONE_TYPES } from './messageHandler.js';

export const TIMELINE_FILTERS = [
  ['ALL', 'All events'], ['DEFAULT', 'Defaults'], ['PRICE_DROP', 'Price drops'],
  ['FIRE_SALE', 'Fire sales'], ['HOARD', 'Hoarding'], ['LEND', 'Lending'],
];

export function visibleEvents({ timeline, milestones }, filter) {
  if (filter === 'ALL') return timeline;
  const source = MILESTONE_TYPES.has(filter) ? milestones : timeline;
  return source.filter((e) => e.event_type === filter);
}
