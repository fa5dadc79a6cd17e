import { describe, expect, it } from 'vitest';
import { advanceLabel, formatBarTime } from './barTime.js';

describe('bar times', () => {
  it('shows a day as is and an intraday time after a space', () => {
    expect(formatBarTime('2024-01-05')).toBe('2024-01-05');
    expect(formatBarTime('2024-01-05T09:35')).toBe('2024-01-05 09:35');
    expect(formatBarTime('2024-01-05T09:35:30')).toBe('2024-01-05 09:35:30');
    expect(formatBarTime(null)).toBe(null);
    expect(formatBarTime('TEC1')).toBe('TEC1');  // only a bar's time, never another text with a T
    expect(formatBarTime('2024-01-05T09:35:00Z')).toBe('2024-01-05T09:35:00Z');
    expect(formatBarTime(12)).toBe(12);
  });

  it('names the next bar by what a bar is', () => {
    expect(advanceLabel({ bar: 'intraday' }).text).toBe('Next bar ▸');
    expect(advanceLabel({ bar: 'day' }).text).toBe('Next trading day ▸');
    expect(advanceLabel({}).text).toBe('Next trading day ▸');
  });
});
