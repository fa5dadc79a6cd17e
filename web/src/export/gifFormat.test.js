import { describe, expect, it } from 'vitest';
import { GIF_FPS, GIF_MAX_BYTES, GIF_MAX_SECONDS, GIF_MAX_WIDTH, gifFrameDelay, gifFrameDue, gifLimitSentence } from './gifFormat.js';
import { limitReached } from './clipLimits.js';
import { clipFileName } from './clipFormat.js';

describe('sampling the frames', () => {
  it('takes the first frame at once, then one every 1/GIF_FPS s', () => {
    expect(gifFrameDue(0, null)).toBe(true);
    expect(gifFrameDue(50, 0)).toBe(false);
    expect(gifFrameDue(100, 0)).toBe(true);
  });

  it('takes a frame half an animation frame early rather than wait for the next (no drift on a 60 Hz display)', () => {
    // At 60 Hz the frames come every 16.7 ms: 100.2 ms is the sixth, 83.5 ms the fifth.
    expect(gifFrameDue(1000 / 60 * 6 - 7, 0)).toBe(true);
    expect(gifFrameDue(1000 / 60 * 5, 0)).toBe(false);
    const taken = [];
    let last = null;
    for (let t = 0; t < 2000; t += 1000 / 60) if (gifFrameDue(t, last)) { taken.push(t); last = t; }
    expect(taken).toHaveLength(2 * GIF_FPS);
  });

  it('writes each frame for as long as the page showed it, in the GIF\'s hundredths, never under 20 ms', () => {
    expect(gifFrameDelay(0, 100)).toBe(100);
    expect(gifFrameDelay(100, 233)).toBe(130);
    expect(gifFrameDelay(0, 4)).toBe(20);  // browsers play shorter delays as 100 ms
  });
});

describe('limits and naming', () => {
  it('sizes a GIF for a slide', () => {
    expect(GIF_FPS).toBe(10);
    expect(GIF_MAX_WIDTH).toBeLessThanOrEqual(800);
  });

  it('stops at its own time and size limits', () => {
    const limits = { maxSeconds: GIF_MAX_SECONDS, maxBytes: GIF_MAX_BYTES };
    expect(limitReached({ elapsedMs: GIF_MAX_SECONDS * 1000 - 1, bytes: 0 }, limits)).toBeNull();
    expect(limitReached({ elapsedMs: GIF_MAX_SECONDS * 1000, bytes: 0 }, limits)).toBe('time');
    expect(limitReached({ elapsedMs: 0, bytes: GIF_MAX_BYTES }, limits)).toBe('size');
  });

  it('states the limits', () => {
    expect(gifLimitSentence()).toBe('GIF of the graph, 10 frames a second, at most 800 px wide; stops by itself after 20 s or 16 MB.');
  });

  it('names the file as the clip, with .gif', () => {
    expect(clipFileName({ scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', firstStep: 3, lastStep: 22 }, 'gif'))
      .toBe('finsim-liquidity_freeze-seed42-heuristic-steps3-22.gif');
  });
});
