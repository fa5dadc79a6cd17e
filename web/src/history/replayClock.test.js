import { describe, expect, it } from 'vitest';
import { REPLAY_RATES, createReplayClock, replayInterval } from './replayClock.js';

function fakeTime() {
  let clock = 0;
  const timers = [];
  return {
    now: () => clock,
    setTimer: (fn, ms) => { const t = { fn, at: clock + ms }; timers.push(t); return t; },
    clearTimer: (t) => { const i = timers.indexOf(t); if (i >= 0) timers.splice(i, 1); },
    /** Moves the clock without running timers (a blocked main thread). */
    stall(until) { clock = until; },
    /** Advances to `until`, running due timers in order; returns the times they ran at. */
    runUntil(until) {
      const ran = [];
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        if (!timers.length || timers[0].at > until) break;
        const t = timers.shift();
        clock = Math.max(clock, t.at);
        ran.push(clock);
        t.fn();
      }
      clock = until;
      return ran;
    },
  };
}

describe('the replay clock', () => {
  it('1× is two steps a second; 0.25× is slow motion, 4× skims', () => {
    expect(replayInterval(1)).toBe(500);
    expect(replayInterval(0.25)).toBe(2000);
    expect(replayInterval(4)).toBe(125);
    expect(REPLAY_RATES).toEqual([0.25, 0.5, 1, 2, 4]);
  });

  it('ticks at a fixed cadence at the chosen rate', () => {
    const time = fakeTime();
    let ticks = 0;
    const clock = createReplayClock({ onTick: () => { ticks++; return true; }, ...time });
    clock.setRate(0.25);
    clock.start();
    expect(time.runUntil(6100)).toEqual([2000, 4000, 6000]);
    clock.setRate(4);
    expect(time.runUntil(6500)).toEqual([6225, 6350, 6475]);
    expect(ticks).toBe(6);
  });

  it('stops when there is no next frame, and on stop()', () => {
    const time = fakeTime();
    let left = 2;
    const clock = createReplayClock({ onTick: () => --left > 0, ...time });
    clock.start();
    expect(time.runUntil(5000)).toEqual([500, 1000]);
    expect(clock.playing()).toBe(false);
    left = 10;
    clock.start();
    time.runUntil(5600);
    clock.stop();
    expect(time.runUntil(9000)).toEqual([]);
  });

  it('does not burst after a stall: it resumes one interval after the late step', () => {
    const time = fakeTime();
    const clock = createReplayClock({ onTick: () => true, ...time });
    clock.start();
    expect(time.runUntil(500)).toEqual([500]);
    time.stall(3500);  // the step due at 1000 runs 2.5 s late
    expect(time.runUntil(4600)).toEqual([3500, 4000, 4500]);
  });

  it('refuses a rate it does not offer', () => {
    const clock = createReplayClock({ onTick: () => true, ...fakeTime() });
    expect(() => clock.setRate(3)).toThrow(RangeError);
  });
});
