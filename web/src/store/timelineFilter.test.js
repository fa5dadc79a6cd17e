import { describe, expect, it } from 'vitest';
import { initialModel, reduceTexts, TIMELINE_LIMIT } from './messageHandler.js';
import { visibleEvents } from './timelineFilter.js';

const event = (t, n, type, from = n) => JSON.stringify({ type: 'EVENT', payload: {
  event_id: `evt-${t}-${n}`, timestamp: t, event_type: type, from, to: null, amount: 1 } });

describe('timeline filter', () => {
  it('keeps a run\'s defaults after many later events have pushed them out of the recent window', () => {
    const texts = [event(1, 0, 'DEFAULT', 7)];
    for (let n = 0; n < TIMELINE_LIMIT + 50; n++) texts.push(event(2 + Math.floor(n / 10), n, 'LEND'));
    const { model } = reduceTexts(initialModel(), texts);
    expect(model.timeline.some((e) => e.event_type === 'DEFAULT')).toBe(false);
    expect(visibleEvents(model, 'DEFAULT').map((e) => e.event_id)).toEqual(['evt-1-0']);
    expect(visibleEvents(model, 'LEND').length).toBe(TIMELINE_LIMIT);
    expect(visibleEvents(model, 'ALL')).toBe(model.timeline);
  });

  it('lists only the chosen type, newest first', () => {
    const { model } = reduceTexts(initialModel(), [event(1, 0, 'HOARD'), event(2, 0, 'FIRE_SALE'), event(3, 0, 'HOARD')]);
    expect(visibleEvents(model, 'HOARD').map((e) => e.timestamp)).toEqual([3, 1]);
    expect(visibleEvents(model, 'PRICE_DROP')).toEqual([]);
  });
});
