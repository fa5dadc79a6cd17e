import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createBus } from '../animation/animationBus.js';
import { createLockstepClock, createLockstepView, mayShow, nextMove, viewLimit } from './lockstep.js';

const model = (timestep) => ({ state: timestep === null ? null : { timestep } });

// A world whose engine answers a step after `delay` fake milliseconds (0: at once).
function fakeWorld(clock, { delay = 0 } = {}) {
  const store = createStore(() => model(0));
  const sent = [];
  return {
    store,
    sent,
    send(command) {
      sent.push(command);
      if (command.control !== 'step') return;
      const answer = () => store.setState({ state: { timestep: store.getState().state.timestep + 1 } });
      if (delay === 0) answer();
      else clock.later(answer, delay);
    },
  };
}

// Fake timers: `later(fn, ms)` and `advance(ms)` runs what is due, in order.
function fakeTime() {
  let now = 0;
  let queue = [];
  const later = (fn, ms) => {
    const t = { at: now + ms, fn };
    queue.push(t);
    return t;
  };
  return {
    later,
    setTimer: later,
    clearTimer: (t) => { queue = queue.filter((x) => x !== t); },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const next = queue[0];
        if (!next || next.at > end) break;
        queue.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

describe('the next move of the clock', () => {
  it('steps only when both worlds stand at the step asked for', () => {
    expect(nextMove({ target: 4, steps: [4, 4] })).toEqual({ kind: 'step', target: 5, interventions: [] });
    expect(nextMove({ target: 5, steps: [5, 4] })).toEqual({ kind: 'wait' });
    expect(nextMove({ target: 5, steps: [null, 5] })).toEqual({ kind: 'wait' });
    expect(nextMove({ target: 5, steps: [4, 4] })).toEqual({ kind: 'wait' });  // neither has answered step 5 yet
  });

  it('adopts the step both worlds agree on after a reset, and names the interventions due', () => {
    expect(nextMove({ target: 30, steps: [0, 0] })).toEqual({ kind: 'sync', target: 0 });
    const interventions = [{ world: 1, step: 10, command: { control: 'price_shock', share: 0.1 } }, { world: 1, step: 12, command: {} }];
    expect(nextMove({ target: 9, steps: [9, 9], interventions }).interventions).toEqual([interventions[0]]);
  });
});

describe('the lockstep clock', () => {
  it('plays both worlds at its speed, never one ahead by more than the step in flight', () => {
    const time = fakeTime();
    const a = fakeWorld(time);
    const b = fakeWorld(time, { delay: 30 });
    const gaps = [];
    for (const w of [a, b]) w.store.subscribe(() => gaps.push(a.store.getState().state.timestep - b.store.getState().state.timestep));
    const clock = createLockstepClock({ worlds: [a, b], speed: 10, setTimer: time.setTimer, clearTimer: time.clearTimer });
    clock.play();
    time.advance(950);  // ticks at 0, 100, …, 900 ask for steps 1 … 10
    expect(b.store.getState().state.timestep).toBe(10);
    expect(a.store.getState().state.timestep).toBe(10);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1);
    clock.pause();
    time.advance(1000);
    expect(a.store.getState().state.timestep).toBe(10);
  });

  it('asks for a step once, however long both worlds take to answer it', () => {
    const time = fakeTime();
    const a = fakeWorld(time, { delay: 120 });
    const b = fakeWorld(time, { delay: 120 });  // both slower than the 50 ms ticks
    const clock = createLockstepClock({ worlds: [a, b], speed: 20, setTimer: time.setTimer, clearTimer: time.clearTimer });
    clock.play();
    time.advance(1000);
    // A second step asked for while the first is in flight would take a world two steps ahead.
    for (const w of [a, b]) expect(w.sent.length - w.store.getState().state.timestep).toBeLessThanOrEqual(1);
    expect(a.store.getState().state.timestep).toBe(b.store.getState().state.timestep);
    expect(a.store.getState().state.timestep).toBeGreaterThanOrEqual(7);  // one step per 120 ms answer
  });

  it('lets the slower world set the pace without a catch-up burst', () => {
    const time = fakeTime();
    const a = fakeWorld(time);
    const b = fakeWorld(time, { delay: 250 });  // slower than the 100 ms ticks
    const clock = createLockstepClock({ worlds: [a, b], speed: 10, setTimer: time.setTimer, clearTimer: time.clearTimer });
    clock.play();
    time.advance(1000);
    expect(b.store.getState().state.timestep).toBe(4);  // one step per 250 ms answer
    expect(a.sent.filter((c) => c.control === 'step').length).toBe(b.sent.length);
  });

  it('steps once when paused, and sends an intervention to its world just before the step it acts in', async () => {
    const time = fakeTime();
    const a = fakeWorld(time);
    const b = fakeWorld(time);
    const shock = { control: 'price_shock', share: 0.1 };
    const clock = createLockstepClock({ worlds: [a, b], interventions: [{ world: 1, step: 2, command: shock }],
      setTimer: time.setTimer, clearTimer: time.clearTimer });
    clock.step();
    expect([a.store.getState().state.timestep, b.store.getState().state.timestep]).toEqual([1, 1]);
    clock.step();
    await new Promise((resolve) => setTimeout(resolve, 0));  // world B's step follows its intervention's answer
    expect([a.store.getState().state.timestep, b.store.getState().state.timestep]).toEqual([2, 2]);
    expect(a.sent).toEqual([{ control: 'step' }, { control: 'step' }]);
    expect(b.sent).toEqual([{ control: 'step' }, shock, { control: 'step' }]);
  });

  it('runs both worlds to a step and pauses there (a lesson opens before the shock)', () => {
    const time = fakeTime();
    const a = fakeWorld(time, { delay: 5 });
    const b = fakeWorld(time, { delay: 7 });
    const states = [];
    const clock = createLockstepClock({ worlds: [a, b], setTimer: time.setTimer, clearTimer: time.clearTimer, onChange: (s) => states.push(s) });
    clock.runTo(9);
    time.advance(1000);
    expect([a.store.getState().state.timestep, b.store.getState().state.timestep]).toEqual([9, 9]);
    expect(states[states.length - 1]).toMatchObject({ playing: false, runningTo: null, target: 9 });
  });
});

describe('the lockstep view', () => {
  it('shows each world only up to the step both have reached, with its animations held until then', () => {
    const worlds = [0, 1].map(() => {
      const bus = createBus();
      return { bus, store: createStore(() => model(0)) };
    });
    const view = createLockstepView(worlds);
    const seen = [];
    view.views[0].bus.subscribe((items) => seen.push({ items, shown: view.views[0].store.getState().state.timestep }));
    worlds[0].bus.emit([{ kind: 'event', event: { event_id: 'evt-1-0' } }]);
    worlds[0].store.setState(model(1));
    expect(view.views[0].store.getState().state.timestep).toBe(0);  // world B is still at 0
    expect(seen).toEqual([]);
    worlds[1].store.setState(model(1));
    expect(view.views.map((v) => v.store.getState().state.timestep)).toEqual([1, 1]);
    expect(seen).toEqual([{ items: [{ kind: 'event', event: { event_id: 'evt-1-0' } }], shown: 0 }]);  // effects before the snapshot
    view.dispose();
  });

  it('passes the page\'s own choices (a replayed frame, the selected bank) to a held world at once', () => {
    const worlds = [0, 1].map(() => ({ bus: createBus(), store: createStore(() => ({ ...model(0), replay: null, selectedBank: null })) }));
    const view = createLockstepView(worlds);
    worlds[0].store.setState(model(1));  // world A ahead: held at step 0
    const frame = { timestep: 0, state: model(0).state };
    worlds[0].store.setState({ replay: frame, selectedBank: '3' });
    const held = view.views[0].store.getState();
    expect(held.state.timestep).toBe(0);
    expect(held.replay).toBe(frame);
    expect(held.selectedBank).toBe('3');
    worlds[1].store.setState(model(1));
    expect(view.views[0].store.getState()).toBe(worlds[0].store.getState());  // released: the world's own model again
    view.dispose();
  });

  it('never shows two worlds at different steps when one runs two steps ahead, or skips one', () => {
    const worlds = [0, 1].map(() => ({ bus: createBus(), store: createStore(() => model(0)) }));
    const view = createLockstepView(worlds);
    const shown = () => view.views.map((v) => v.store.getState().state.timestep);
    worlds[0].store.setState(model(1));
    worlds[0].store.setState(model(2));  // world A two steps ahead
    worlds[1].store.setState(model(1));  // world A cannot show step 1 any more: both stay at 0
    expect(shown()).toEqual([0, 0]);
    worlds[1].store.setState(model(2));
    expect(shown()).toEqual([2, 2]);
    worlds[0].store.setState(model(3));
    worlds[1].store.setState(model(5));  // world B's batch skipped steps 3 and 4
    worlds[0].store.setState(model(4));
    expect(shown()).toEqual([2, 2]);
    worlds[0].store.setState(model(5));
    expect(shown()).toEqual([5, 5]);
    expect(viewLimit([3, 5], [2, 2])).toBe(2);
    expect(viewLimit([3, 3], [2, 2])).toBe(3);
    expect(viewLimit([3, null], [2, 2])).toBe(null);
    view.dispose();
  });

  it('keeps the worlds at one step when a view\'s subscriber changes a world while the views update', () => {
    const worlds = [0, 1].map(() => ({ bus: createBus(), store: createStore(() => model(0)) }));
    const view = createLockstepView(worlds);
    // World B's answer lands from inside world A's view update (a synchronous subscriber of the page).
    view.views[0].store.subscribe((s) => {
      if (s.state.timestep === 1 && worlds[1].store.getState().state.timestep === 1) worlds[1].store.setState(model(2));
    });
    worlds[0].store.setState(model(1));
    worlds[1].store.setState(model(1));
    expect(view.views.map((v) => v.store.getState().state.timestep)).toEqual([1, 1]);
    worlds[0].store.setState(model(2));
    expect(view.views.map((v) => v.store.getState().state.timestep)).toEqual([2, 2]);
    view.dispose();
  });

  it('shows a world that has no partner state yet, and a reset at once', () => {
    expect(mayShow(model(5), null)).toBe(true);
    expect(mayShow(model(null), 3)).toBe(true);
    expect(mayShow(model(4), 3)).toBe(false);
    const worlds = [model(7), model(7)].map((m) => ({ bus: createBus(), store: createStore(() => m) }));
    const view = createLockstepView(worlds);
    worlds[0].store.setState(model(0));
    expect(view.views[0].store.getState().state.timestep).toBe(0);
    expect(view.views[1].store.getState().state.timestep).toBe(7);
  });
});
