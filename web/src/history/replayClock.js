// The replay's own clock: plays kept frames at a chosen rate, in the page, independent of the engine's
// speed. 1× is REPLAY_STEPS_PER_SECOND, the pace at which every event's animation (0.9–1.6 s,
// animation/effects.js) plays out in full; 0.25× is slow motion for the shock, 4× skims. Fixed cadence
// without drift and without a catch-up burst after a stall (as the worker's step loop).

export const REPLAY_RATES = Object.freeze([0.25, 0.5, 1, 2, 4]);
export const REPLAY_STEPS_PER_SECOND = 2;

/** Milliseconds between replayed steps at `rate`. */
export function replayInterval(rate) {
  return 1000 / (REPLAY_STEPS_PER_SECOND * rate);
}

/**
 * @param {object} deps
 * @param {() => boolean} deps.onTick   shows the next frame; returns false when there is none (the clock stops)
 */
export function createReplayClock({ onTick, setTimer = setTimeout, clearTimer = clearTimeout,
  now = () => performance.now() }) {
  let timer = null;
  let rate = 1;
  let nextDue = 0;

  function schedule() {
    timer = setTimer(tick, Math.max(0, nextDue - now()));
  }

  function tick() {
    timer = null;
    if (onTick() === false) return;
    // After a stall (the tab hidden, a long task) resume one interval from now: no catch-up burst.
    const interval = replayInterval(rate);
    nextDue += interval;
    if (nextDue < now()) nextDue = now() + interval;
    schedule();
  }

  function stop() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  return {
    /** Starts playing: the first frame advances one interval from now. */
    start() {
      if (timer !== null) return;
      nextDue = now() + replayInterval(rate);
      schedule();
    },
    stop,
    /** Changes the rate; a playing clock's next step comes one new interval from now. */
    setRate(next) {
      if (!REPLAY_RATES.includes(next)) throw new RangeError(`replay rate ${next} is not one of ${REPLAY_RATES.join(', ')}`);
      rate = next;
      if (timer !== null) {
        stop();
        nextDue = now() + replayInterval(rate);
        schedule();
      }
    },
    rate: () => rate,
    playing: () => timer !== null,
  };
}
