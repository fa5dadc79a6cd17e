// Two worlds in lockstep. Neither engine plays on its own: one clock in the page sends `step` to both,
// and only when both have reported the step it asked for (their STATE_UPDATEs have landed). On top of
// that, what the page shows of each world is held at one step both have reached — the lockstep view —
// so that even between the two answers of one step no graph, chart or narration shows a step the other
// world has not reached, nor a different step from the other world's. Both parts take the worlds' stores (store/simulationStore.js) and nothing else.
import { createStore } from 'zustand/vanilla';
import { createBus } from '../animation/animationBus.js';

/** The timestep a world's store shows, or null before its first STATE_UPDATE. */
export function shownStep(model) {
  return model?.state ? model.state.timestep : null;
}

/**
 * What the clock does next, given the step both worlds were asked to reach (`target`, null before they
 * agree on one) and the steps they report: {kind:'wait'} while a step is in flight (the worlds disagree,
 * or both still stand at target − 1: neither has answered yet) or a world has no state; {kind:'sync',
 * target} when the worlds agree on another step the clock did not ask for (a reset); {kind:'step',
 * target: t + 1, interventions} when both stand at t, with the interventions due in step t + 1.
 * A step is never asked for twice: a second one in flight would let a world run two steps ahead.
 */
export function nextMove({ target, steps, interventions = [] }) {
  if (steps.some((s) => s === null || s === undefined)) return { kind: 'wait' };
  const agreed = steps.every((s) => s === steps[0]) ? steps[0] : null;
  if (agreed === null) return { kind: 'wait' };
  if (target !== null && agreed === target - 1) return { kind: 'wait' };
  if (agreed !== target) return { kind: 'sync', target: agreed };
  return { kind: 'step', target: agreed + 1, interventions: interventions.filter((i) => i.step === agreed + 1) };
}

/**
 * The page's clock for a pair of worlds. `worlds`: [{store, send(command) → maybe a Promise}], the
 * interventions ([{world, step, command}]) each go to world `world` just before the step they act in.
 * `play()` ticks at `speed` steps per second; a tick that finds a step still in flight waits for it (the
 * slower world sets the pace, without a catch-up burst); `step()` advances one step when paused;
 * `runTo(step)` advances as fast as the worlds answer until both stand at `step`, then pauses.
 * `onChange({playing, speed, target})` reports the clock's own state for the controls.
 */
export function createLockstepClock({ worlds, interventions = [], speed = 2, setTimer = setTimeout,
  clearTimer = clearTimeout, onChange = () => {} }) {
  let target = null;
  let playing = false;
  let due = false;        // a tick (or a step request) is waiting for both worlds
  let runToStep = null;
  let timer = null;
  let stopped = false;

  const report = () => onChange({ playing, speed, target, runningTo: runToStep });

  async function sendStep(move) {
    await Promise.all(worlds.map(async (world, i) => {
      for (const { command } of move.interventions.filter((x) => x.world === i)) await world.send(command);
      await world.send({ control: 'step' });
    }));
  }

  function advance() {
    if (stopped) return;
    const move = nextMove({ target, steps: worlds.map((w) => shownStep(w.store.getState())), interventions });
    if (move.kind === 'wait') return;
    if (move.kind === 'sync') {
      target = move.target;
      report();
      advance();
      return;
    }
    if (runToStep !== null && target >= runToStep) {
      runToStep = null;  // arrived: a run-to ends paused
      due = false;
      report();
      return;
    }
    if (!due && runToStep === null) return;
    due = false;
    target = move.target;
    report();
    sendStep(move);
  }

  function tick() {
    timer = null;
    if (!playing || stopped) return;
    due = true;
    advance();
    timer = setTimer(tick, 1000 / speed);
  }

  const unsubscribes = worlds.map((w) => w.store.subscribe((s, previous) => {
    if (s.state !== previous.state) advance();
  }));

  return {
    play() {
      if (playing || stopped) return;
      playing = true;
      runToStep = null;
      report();
      tick();
    },
    pause() {
      playing = false;
      due = false;
      if (timer !== null) clearTimer(timer);
      timer = null;
      report();
    },
    step() {
      if (playing) return;
      due = true;
      advance();
    },
    runTo(step) {
      this.pause();
      runToStep = step;
      report();
      advance();
    },
    setSpeed(stepsPerSecond) {
      speed = stepsPerSecond;
      report();
      if (playing) {
        if (timer !== null) clearTimer(timer);
        timer = setTimer(tick, 1000 / speed);
      }
    },
    /** Forget the step asked for (after a reset the worlds agree on step 0 again). */
    resync() { target = null; due = false; runToStep = null; report(); },
    state: () => ({ playing, speed, target, runningTo: runToStep }),
    stop() {
      stopped = true;
      this.pause();
      for (const u of unsubscribes) u();
    },
  };
}

/** Animations a world ahead keeps for its next shown step at most (a stalled partner must not grow them). */
export const PENDING_LIMIT = 2000;

/**
 * The step every world's view may show (null: no limit, before every world has a state), given each
 * world's newest step (`steps`) and the step its view shows now (`shown`, null when it shows none). A
 * world at the lowest newest step can show it; a world beyond that can show only what its view holds
 * (its own earlier model, not the frame of that step), so when one world got two steps ahead, or its
 * batch skipped a step, the others are held back with it: the views never show different steps.
 */
export function viewLimit(steps, shown) {
  if (steps.some((s) => s === null)) return null;
  const newest = Math.min(...steps);
  const reachable = steps.map((s, i) => (s <= newest ? s : shown[i])).filter((s) => s !== null);
  return Math.min(...reachable);
}

/** Whether a world's model may be shown while every view is limited to step `limit` (null: no limit). */
export function mayShow(model, limit) {
  const step = shownStep(model);
  return step === null || limit === null || step <= limit;
}

/**
 * What the page chose to show, as against what the engine sent: the replayed frame (history/replayView.js,
 * set on both worlds at once by compare/comparisonReplay.js) and the selected bank. A world held behind
 * the other takes these at once; only the run's own data waits for the other world.
 */
export const PAGE_CHOICES = Object.freeze(['replay', 'selectedBank']);

/**
 * The lockstep view of a pair (or more) of worlds: for each world a store and an animation bus that show
 * its model only up to the step every world has reached, all views at one step (viewLimit). `worlds`:
 * [{store, bus}] where `bus` is the bus the world's store emits its animations on. A world ahead keeps
 * showing its previous model, and its animations wait with it; they are released, in order, just before
 * its model is shown (as in the single-world store: effects see the graph before the snapshot lands).
 * The page's own choices (PAGE_CHOICES) reach a held world's view at once. A world's store changed by a
 * view's subscriber while the views are being updated is synced again once they are, never with a
 * limit worked out before that change.
 */
export function createLockstepView(worlds) {
  const views = worlds.map(({ store }) => ({ store: createStore(() => store.getState()), bus: createBus(), pending: [] }));
  let syncing = false;
  let changedMeanwhile = false;

  function sync() {
    if (syncing) {
      changedMeanwhile = true;
      return;
    }
    syncing = true;
    try {
      do {
        changedMeanwhile = false;
        syncOnce();
      } while (changedMeanwhile);
    } finally {
      syncing = false;
    }
  }

  // One pass over the worlds' models as they stood when it began, so that every view it updates agrees.
  function syncOnce() {
    const reals = worlds.map(({ store }) => store.getState());
    const limit = viewLimit(reals.map(shownStep), views.map((view) => shownStep(view.store.getState())));
    reals.forEach((real, i) => {
      const view = views[i];
      const shown = view.store.getState();
      if (real === shown) return;
      if (!mayShow(real, limit)) {
        const changed = PAGE_CHOICES.filter((key) => real[key] !== shown[key]);
        if (changed.length) view.store.setState(Object.fromEntries(changed.map((key) => [key, real[key]])));
        return;
      }
      const animations = view.pending;
      view.pending = [];
      if (animations.length) view.bus.emit(animations);
      view.store.setState(real, true);
    });
  }

  const unsubscribes = worlds.flatMap(({ store, bus }, i) => [
    bus.subscribe((items) => {
      const pending = views[i].pending;
      pending.push(...items);
      if (pending.length > PENDING_LIMIT) pending.splice(0, pending.length - PENDING_LIMIT);
    }),
    store.subscribe(sync),
  ]);

  return {
    views: views.map(({ store, bus }) => ({ store, bus })),
    dispose() { for (const u of unsubscribes) u(); },
  };
}
