import { describe, expect, it } from 'vitest';
import { createMessageBatcher } from './messageBatcher.js';

describe('the message batcher', () => {
  it('delivers a burst once per frame, in order', () => {
    const frames = [];
    const delivered = [];
    const b = createMessageBatcher((texts) => delivered.push(texts), {
      requestFrame: (f) => frames.push(f), setTimer: () => 1, clearTimer: () => {},
    });
    b.push('a'); b.push('b'); b.push('c');
    expect(delivered).toEqual([]);
    frames.shift()();
    expect(delivered).toEqual([['a', 'b', 'c']]);
  });

  it('flushes on the fallback timer when frames do not run (hidden tab)', () => {
    const timers = [];
    const delivered = [];
    const b = createMessageBatcher((texts) => delivered.push(texts), {
      requestFrame: () => 0, setTimer: (f) => timers.push(f), clearTimer: () => {},
    });
    b.push('x');
    timers.shift()();
    expect(delivered).toEqual([['x']]);
    expect(b.pending()).toBe(0);
  });
});
