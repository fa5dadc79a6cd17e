import { describe, expect, it } from 'vitest';
import { firstUnforcedFailure } from './firstFailure.js';

const def = (from, timestamp, cause) => ({ event_type: 'DEFAULT', from, timestamp, cause, event_id: `evt-${timestamp}-${from}` });

describe('the failure the narration explains', () => {
  it('is the earliest one nothing forced, the lowest bank of its step', () => {
    const milestones = [def(9, 14, 'illiquid'), def(0, 10, 'forced'), def(7, 12, 'insolvent'), def(4, 12, 'illiquid'),
      { event_type: 'PRICE_DROP', timestamp: 11, amount: -0.1 }];
    expect(firstUnforcedFailure(milestones)).toEqual({ bank: 4, step: 12 });
  });

  it('is none while every failure was forced, or nothing failed', () => {
    expect(firstUnforcedFailure([def(0, 10, 'forced')])).toBeNull();
    expect(firstUnforcedFailure([])).toBeNull();
    expect(firstUnforcedFailure(undefined)).toBeNull();
  });
});
