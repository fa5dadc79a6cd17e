import { describe, expect, it } from 'vitest';
import { CLIP_BITS_PER_SECOND, CLIP_MAX_BYTES, CLIP_MAX_SECONDS, clock, limitReached, limitSentence, sizeText } from './clipLimits.js';

describe('limitReached', () => {
  it('goes on below both limits', () => {
    expect(limitReached({ elapsedMs: 59_999, bytes: CLIP_MAX_BYTES - 1 })).toBeNull();
  });

  it('stops at the time limit, then at the size limit', () => {
    expect(limitReached({ elapsedMs: CLIP_MAX_SECONDS * 1000, bytes: 0 })).toBe('time');
    expect(limitReached({ elapsedMs: 1000, bytes: CLIP_MAX_BYTES })).toBe('size');
    expect(limitReached({ elapsedMs: 2000, bytes: 10 }, { maxSeconds: 2, maxBytes: 100 })).toBe('time');
    expect(limitReached({ elapsedMs: 100, bytes: 100 }, { maxSeconds: 2, maxBytes: 100 })).toBe('size');
  });

  it('lets a full-length clip at the target bit rate fit under the size limit', () => {
    expect((CLIP_BITS_PER_SECOND / 8) * CLIP_MAX_SECONDS).toBeLessThan(CLIP_MAX_BYTES);
  });
});

describe('words for the page', () => {
  it('states the limits', () => {
    expect(limitSentence()).toBe('WebM video of the graph; stops by itself after 60 s or 32 MB.');
  });

  it('formats a clock and a size', () => {
    expect(clock(7400)).toBe('0:07');
    expect(clock(60_000)).toBe('1:00');
    expect(clock(-5)).toBe('0:00');
    expect(sizeText(1_234_567)).toBe('1.2 MB');
    expect(sizeText(52_000)).toBe('51 KB');
    expect(sizeText(10)).toBe('1 KB');
  });
});
