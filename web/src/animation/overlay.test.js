import { describe, expect, it } from 'vitest';
import { consequenceEffects, createOverlayAnimator, effectFor, hoardsOf, MAX_EFFECTS, MAX_EFFECTS_PER_STEP, selectForAnimation } from './overlay.js';
import { hoardsEffect } from './effects.js';

const lookup = {
  position: (i) => (i < 10 ? { x: i * 10, y: 0 } : null),
  radius: () => 8,
  neighbours: () => [{ x: 5, y: 5 }],
};

function fakeCy() {
  const nodes = new Map([...Array(10).keys()].map((i) => [String(i), { x: i * 10, y: 0 }]));
  const el = (id) => ({
    empty: () => !nodes.has(id), position: () => nodes.get(id), data: () => 16,
    neighborhood: () => ({ map: () => [] }),
  });
  return { getElementById: el, zoom: () => 1, pan: () => ({ x: 0, y: 0 }) };
}

function fakeCanvas() {
  const ctx = new Proxy({}, { get: (t, k) => (k in t ? t[k] : () => {}), set: (t, k, v) => { t[k] = v; return true; } });
  return { clientWidth: 100, clientHeight: 100, width: 0, height: 0, getContext: () => ctx };
}

describe('event effects', () => {
  it('has an effect for each event type, and none for banks not on the graph', () => {
    for (const type of ['LEND', 'HOARD', 'FIRE_SALE', 'DEFAULT']) expect(effectFor({ event_type: type, from: 1, to: 2 }, lookup)).toBeTruthy();
    expect(effectFor({ event_type: 'PRICE_DROP', amount: -0.05 }, lookup).screen).toBe(true);
    expect(effectFor({ event_type: 'LEND', from: 1, to: 99 }, lookup)).toBe(null);
    expect(effectFor({ event_type: 'UNKNOWN', from: 1 }, lookup)).toBe(null);
  });
});

describe('the overlay animator', () => {
  function animator() {
    let clock = 0;
    const frames = [];
    const a = createOverlayAnimator({ cy: fakeCy(), canvas: fakeCanvas(), now: () => clock, requestFrame: (f) => frames.push(f), pixelRatio: () => 1 });
    return { a, frames, setClock: (t) => { clock = t; }, runFrame: () => frames.shift()?.() };
  }

  it('removes effects when they end', () => {
    const { a, setClock, runFrame } = animator();
    a.receive([{ kind: 'event', event: { event_type: 'HOARD', from: 1, timestamp: 1 } }]);
    expect(a.active()).toBe(1);
    setClock(5000);
    runFrame();
    expect(a.active()).toBe(0);
  });

  it('state wins: a newer snapshot drops effects of superseded steps, a new run drops all', () => {
    const { a } = animator();
    a.receive([1, 2, 3].map((t) => ({ kind: 'event', event: { event_type: 'FIRE_SALE', from: 1, timestamp: t } })));
    a.receive([{ kind: 'state', timestep: 3 }]);
    expect(a.active()).toBe(2);
    a.receive([{ kind: 'clear' }]);
    expect(a.active()).toBe(0);
  });

  it('caps concurrent effects, dropping the oldest', () => {
    const { a } = animator();
    for (let t = 1; t <= 10; t++) {
      a.receive([...Array(MAX_EFFECTS_PER_STEP).keys()].map(() => ({ kind: 'event', event: { event_type: 'LEND', from: 1, to: 2, timestamp: t } })));
    }
    expect(a.active()).toBe(MAX_EFFECTS);
    expect(a.stats.dropped).toBe(10 * MAX_EFFECTS_PER_STEP - MAX_EFFECTS);
  });

  it('within a step beyond the budget, draws the most telling events first', () => {
    const lends = [...Array(20).keys()].map((i) => ({ event_type: 'LEND', from: 1, to: 2, timestamp: 4, event_id: `l${i}` }));
    const chosen = selectForAnimation([...lends, { event_type: 'DEFAULT', from: 3, timestamp: 4 },
      { event_type: 'FIRE_SALE', from: 2, forced: true, timestamp: 4 }], new Map(), 5);
    expect(chosen.map((e) => e.event_type)).toEqual(['LEND', 'LEND', 'LEND', 'DEFAULT', 'FIRE_SALE']);
    const seen = new Map([[4, 5]]);
    expect(selectForAnimation(lends.slice(0, 2), seen, 5)).toEqual([]);
    expect(selectForAnimation(lends.slice(0, 3), new Map(), 5)).toHaveLength(3);
  });
});

describe('a step\'s hoards', () => {
  const hoard = (from, timestamp = 4) => ({ event_type: 'HOARD', from, timestamp });

  it('are one effect with every hoarder on the graph once, at most the marks\' bound', () => {
    const events = [hoard(1), hoard(2), hoard(2), hoard(99), { event_type: 'LEND', from: 3, to: 4, timestamp: 4 }, hoard(5)];
    expect(hoardsOf(events, lookup).banks).toBe(3);
    expect(hoardsOf(events, lookup, 2).banks).toBe(2);
    expect(hoardsOf([hoard(99)], lookup)).toBeNull();
  });

  it('are drawn outside the per-step budget: a full step still shows its hoarders', () => {
    let clock = 0;
    const a = createOverlayAnimator({ cy: fakeCy(), canvas: fakeCanvas(), now: () => clock, requestFrame: () => {}, pixelRatio: () => 1 });
    const defaults = [...Array(MAX_EFFECTS_PER_STEP + 3).keys()].map((i) => ({ event_type: 'DEFAULT', from: i % 10, timestamp: 4 }));
    a.receive([...defaults, ...[1, 2, 3, 4, 5, 6, 7, 8].map((b) => hoard(b))].map((event) => ({ kind: 'event', event })));
    expect(a.active()).toBe(MAX_EFFECTS_PER_STEP + 1);
    a.receive([{ kind: 'event', event: hoard(9, 5) }]);
    expect(a.active()).toBe(MAX_EFFECTS_PER_STEP + 2);
  });

  it('are drawn above the effects and marks that started after them', () => {
    const strokes = [];
    const ctx = new Proxy({}, {
      get: (t, k) => (k in t ? t[k] : () => { if (k === 'stroke') strokes.push(t.strokeStyle); }),
      set: (t, k, v) => { t[k] = v; return true; },
    });
    const frames = [];
    const a = createOverlayAnimator({ cy: fakeCy(), canvas: { clientWidth: 100, clientHeight: 100, width: 0, height: 0, getContext: () => ctx },
      now: () => 100, requestFrame: (f) => frames.push(f), pixelRatio: () => 1 });
    a.receive([{ kind: 'event', event: hoard(1) }]);
    a.receive([{ kind: 'event', event: { event_type: 'DEFAULT', from: 2, timestamp: 4 } }]);
    frames.shift()();
    expect(strokes.length).toBeGreaterThan(2);
    expect(strokes.at(-1)).toBe('#fbbf24');
    expect(strokes[0]).not.toBe('#fbbf24');
  });

  it('cost one stroke for all rings, one fill and one stroke for all padlocks, however many banks hoard', () => {
    const calls = { stroke: 0, fill: 0, arc: 0 };
    const ctx = new Proxy({}, {
      get: (t, k) => (k in t ? t[k] : (...args) => { if (k in calls) calls[k]++; return args; }),
      set: (t, k, v) => { t[k] = v; return true; },
    });
    const banks = [...Array(40).keys()].map((i) => ({ at: { x: i * 30, y: 0 }, radius: 8 }));
    hoardsEffect({ banks }).draw(ctx, 0.3);
    expect(calls).toEqual({ stroke: 2, fill: 1, arc: 80 });
    hoardsEffect({ banks }).draw(ctx, 0.9);  // the padlocks are gone by then; the rings still close
    expect(calls).toEqual({ stroke: 3, fill: 1, arc: 120 });
  });
});

describe('which canvases a frame touches', () => {
  // A touched canvas is copied to the compositor whole: an idle canvas must stay untouched.
  function countingCanvas() {
    const surface = { clientWidth: 100, clientHeight: 100, width: 0, height: 0, cleared: 0, drawn: 0 };
    const ctx = new Proxy({}, {
      get: (t, k) => (k in t ? t[k] : () => {
        if (k === 'clearRect') surface.cleared++;
        else if (/^(fill|stroke)/.test(k)) surface.drawn++;
      }),
      set: (t, k, v) => { t[k] = v; return true; },
    });
    surface.getContext = () => ctx;
    return surface;
  }

  it('leaves the screen\'s canvas alone until a price drop, wipes it once when the drop ends, and stops', () => {
    let clock = 0;
    const frames = [];
    const canvas = countingCanvas();
    const screenCanvas = countingCanvas();
    const a = createOverlayAnimator({ cy: fakeCy(), canvas, screenCanvas, now: () => clock, requestFrame: (f) => frames.push(f), pixelRatio: () => 1 });
    const runFrame = () => frames.shift()?.();
    a.receive([{ kind: 'event', event: { event_type: 'HOARD', from: 1, timestamp: 1 } }]);
    runFrame();
    runFrame();
    expect(screenCanvas.cleared).toBe(0);
    expect(canvas.cleared).toBe(2);
    a.receive([{ kind: 'event', event: { event_type: 'PRICE_DROP', amount: -0.05, timestamp: 1 } }]);
    runFrame();
    expect(screenCanvas.cleared).toBe(1);
    expect(screenCanvas.drawn).toBeGreaterThan(0);
    clock = 60000;  // every effect over: each canvas drawn on in the last frame is wiped once
    runFrame();
    expect([canvas.cleared, screenCanvas.cleared]).toEqual([4, 2]);
    expect(frames).toHaveLength(0);
    a.receive([{ kind: 'state', timestep: 2 }]);
    expect(frames).toHaveLength(0);
    expect([canvas.cleared, screenCanvas.cleared]).toEqual([4, 2]);
  });

  it('holds its picture through the frame in which the graph repaints, then draws on', () => {
    const frames = [];
    const canvas = countingCanvas();
    const a = createOverlayAnimator({ cy: fakeCy(), canvas, now: () => 0, requestFrame: (f) => frames.push(f), pixelRatio: () => 1 });
    a.receive([{ kind: 'event', event: { event_type: 'HOARD', from: 1, timestamp: 1 } }]);
    frames.shift()();
    expect([canvas.cleared, canvas.drawn > 0]).toEqual([1, true]);
    const drawn = canvas.drawn;
    a.yieldFrame();
    frames.shift()();
    expect([canvas.cleared, canvas.drawn]).toEqual([1, drawn]);  // untouched: last frame's picture stays
    expect(frames).toHaveLength(1);
    frames.shift()();
    expect(canvas.cleared).toBe(2);
    expect(canvas.drawn).toBeGreaterThan(drawn);
  });
});

describe('marks of cause and effect on the overlay', () => {
  const nodes = [0, 1, 2, 3].map((i) => ({ id: String(i), status: 'active', holdings_value: 5 }));
  const before = { timestep: 19, nodes, edges: [{ source: '3', target: '0', weight: 6 }, { source: '3', target: '1', weight: 6 }, { source: '2', target: '1', weight: 4 }] };
  const after = { timestep: 20, nodes, edges: [{ source: '3', target: '0', weight: 3 }, { source: '3', target: '1', weight: 3 }, { source: '2', target: '1', weight: 4 }] };
  const hoard = { event_id: 'evt-20-0', event_type: 'HOARD', from: 3, amount: 6, repaid: 6, timestamp: 20 };

  /** A canvas whose context logs the calls drawn on it (into `calls`). */
  function loggingCanvas(calls) {
    const ctx = new Proxy({}, { get: (t, k) => (k in t ? t[k] : (...args) => calls.push([k, ...args])), set: (t, k, v) => { t[k] = v; return true; } });
    return { clientWidth: 100, clientHeight: 100, width: 0, height: 0, getContext: () => ctx };
  }

  function animatorWithCanvas({ screen = false } = {}) {
    const calls = [];
    const screenCalls = [];
    const frames = [];
    const a = createOverlayAnimator({ cy: fakeCy(), canvas: loggingCanvas(calls), ...(screen ? { screenCanvas: loggingCanvas(screenCalls) } : {}),
      now: () => 100, requestFrame: (f) => frames.push(f), pixelRatio: () => 1 });
    return { a, calls, screenCalls, runFrame: () => frames.shift()?.() };
  }

  it('draws the whole screen\'s effects (a price drop) on the screen\'s canvas, the banks\' on theirs', () => {
    const drawing = (log) => log.map(([k]) => k).filter((k) => /^(fill|stroke)/.test(k));
    const { a, calls, screenCalls, runFrame } = animatorWithCanvas({ screen: true });
    a.receive([{ kind: 'event', event: { event_id: 'evt-20-1', event_type: 'PRICE_DROP', amount: -0.05, timestamp: 20 } },
      { kind: 'event', event: hoard }, { kind: 'state', timestep: 20 }]);
    runFrame();
    expect(drawing(screenCalls)).toEqual(['fillRect', 'strokeRect']);
    expect(drawing(calls)).not.toContain('strokeRect');
    expect(drawing(calls).length).toBeGreaterThan(0);  // the hoarder's ring
    const one = animatorWithCanvas();  // no screen canvas: both on the one overlay, as before
    one.a.receive([{ kind: 'event', event: { event_id: 'evt-20-1', event_type: 'PRICE_DROP', amount: -0.05, timestamp: 20 } },
      { kind: 'state', timestep: 20 }]);
    one.runFrame();
    expect(drawing(one.calls)).toEqual(['fillRect', 'strokeRect']);
  });

  it('marks the recalled loans and borrowers hit of the step shown, beside the hoarder’s own effect, in one path', () => {
    const { a, calls, runFrame } = animatorWithCanvas();
    a.receive([{ kind: 'event', event: hoard }, { kind: 'state', timestep: 20 }]);
    const marks = a.showConsequences(before, after);
    expect(marks.recalls).toEqual([{ lender: '3', borrower: '0' }, { lender: '3', borrower: '1' }]);
    expect(marks.borrowersHit).toEqual(['0', '1']);
    expect(a.marks()).toBe(marks);
    expect(a.active()).toBe(2);  // the hoarder's ring and one effect for all its recalled loans
    runFrame();
    expect(calls.filter(([k]) => k === 'setLineDash').map(([, dash]) => dash)).toEqual([[5, 3], []]);
  });

  it('marks nothing when the step’s events were not received (effects off, a jump, a new run)', () => {
    const { a } = animatorWithCanvas();
    expect(a.showConsequences(before, after).recalls).toEqual([]);
    a.receive([{ kind: 'event', event: hoard }, { kind: 'clear' }]);
    expect(a.showConsequences(before, after).recalls).toEqual([]);
    expect(a.active()).toBe(0);
  });

  it('draws one effect per kind of mark, leaving out banks not on the graph', () => {
    const marks = { timestep: 20, recalls: [{ lender: '3', borrower: '0' }, { lender: '3', borrower: '99' }], borrowersHit: ['0', '99'],
      losses: [{ creditor: '1', debtor: '2' }], creditorsHit: ['1'], calls: [{ lender: '2', borrower: '0' }], borrowersCalled: ['0'],
      priceReach: ['0', '1', '2', '3'], runs: ['1', '99'], shockHit: ['2'] };
    const effects = consequenceEffects(marks, lookup);
    expect(effects).toHaveLength(6);
    expect(consequenceEffects({ ...marks, recalls: [], borrowersHit: [], losses: [], creditorsHit: [], calls: [], borrowersCalled: [],
      runs: [], shockHit: [] }, lookup)).toHaveLength(1);
  });
});
