import { describe, expect, it } from 'vitest';
import { comparisonEvents, failedBank, mergedStepCounts } from './comparisonEvents.js';

const event = (type, t, n, from) => ({ event_id: `evt-${t}-${n}`, event_type: type, timestamp: t, from });
// Milestones as the stores keep them: newest first.
const A = [event('DEFAULT', 15, 1, 2), event('DEFAULT', 12, 0, 1), event('PRICE_DROP', 10, 3)];
const B = [event('DEFAULT', 18, 0, 2), event('DEFAULT', 12, 4, 7)];

describe('both worlds\' turning points in one list', () => {
  it('lists them newest first, tagged with their world, world A first within a step', () => {
    const lines = comparisonEvents({ a: A, b: B });
    expect(lines.map((l) => `${l.world}${l.event.timestamp}:${l.event.from ?? '-'}`)).toEqual(['b18:2', 'a15:2', 'a12:1', 'b12:7', 'a10:-']);
    expect(new Set(lines.map((l) => l.key)).size).toBe(5);  // the same event id in two worlds is two lines
  });

  it('stops at the step on screen, and at the limit', () => {
    expect(comparisonEvents({ a: A, b: B }, 12).map((l) => l.key)).toEqual(['a:evt-12-0', 'b:evt-12-4', 'a:evt-10-3']);
    expect(comparisonEvents({ a: A, b: B }, 9)).toEqual([]);
    expect(comparisonEvents({ a: A, b: B }, null, 2).map((l) => l.key)).toEqual(['b:evt-18-0', 'a:evt-15-1']);
  });

  it('names the failed bank of a DEFAULT line only', () => {
    expect(failedBank(event('DEFAULT', 3, 0, 7))).toBe('7');
    expect(failedBank(event('DEFAULT', 3, 0, 0))).toBe('0');
    expect(failedBank(event('PRICE_DROP', 3, 0))).toBe(null);
  });

  it('sums both worlds\' counts per step for the timeline\'s ticks', () => {
    const merged = mergedStepCounts([{ timestep: 3, DEFAULT: 1, LEND: 2 }, { timestep: 5, PRICE_DROP: 1 }],
      [{ timestep: 1, HOARD: 1 }, { timestep: 3, DEFAULT: 2 }]);
    expect(merged).toEqual([{ timestep: 1, HOARD: 1 }, { timestep: 3, DEFAULT: 3, LEND: 2 }, { timestep: 5, PRICE_DROP: 1 }]);
  });
});
