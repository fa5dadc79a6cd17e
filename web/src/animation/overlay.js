// The overlay animator: a canvas above Cytoscape's, sharing its pan and zoom, where every event's
// effect is drawn in a requestAnimationFrame loop that runs only while effects are alive. It never
// touches Cytoscape's styles (so state updates are never blocked) and obeys "state wins": when a
// newer STATE_UPDATE arrives, effects of steps already superseded are dropped; a new run clears all.
// Once a snapshot has landed, the graph controller asks it for the step's marks of cause and effect
// (consequences.js: recalled loans, borrowers hit, creditors who lost, a price drop's reach), drawn
// beside the events' effects and outside their per-step budget (one effect per kind of mark).
// Effects of the whole screen (a price drop's dimming) go to `screenCanvas` when one is given: a
// recorded frame moves the banks' layers to centre the network, never the screen's (export/frameComposer.js).
import { defaultEffect, fireSaleEffect, hoardEffect, hoardsEffect, lendEffect, priceDropEffect } from './effects.js';
import { callEffect, lossEffect, priceReachEffect, recallEffect, withdrawalEffect } from './consequenceEffects.js';
import { consequencesOf, MAX_MARKS_PER_KIND, noConsequences } from './consequences.js';

export const MAX_EFFECTS = 60;
/**
 * At most this many new effects per timestep. The brief's budget is 10 events per second; crisis
 * steps can emit dozens. Beyond the budget the most telling events are drawn (defaults, the price,
 * forced sales, then voluntary sales and lending); every event still reaches the timeline and the
 * narration. Measured in docs/web.md: unbounded effects cost dropped frames in software rendering.
 * Hoards are outside the budget: a step's hoards are one effect (`hoardsEffect`, one path for all
 * their rings), so that a crisis step shows every bank that locked its liquidity away, not the few
 * the defaults and sales leave room for.
 */
export const MAX_EFFECTS_PER_STEP = 12;

const PRIORITY = { DEFAULT: 0, PRICE_DROP: 1, FIRE_SALE: 2, LEND: 5 };
export function effectPriority(event) {
  const p = PRIORITY[event.event_type] ?? 6;
  return event.event_type === 'FIRE_SALE' && !event.forced ? 4 : p;
}

/**
 * The one effect that draws the hoards among `events` (of one step), each hoarder once, at most
 * MAX_MARKS_PER_KIND of them (the marks' own bound); null when none is on the graph.
 */
export function hoardsOf(events, lookup, limit = MAX_MARKS_PER_KIND) {
  const seen = new Set();
  const banks = [];
  for (const e of events) {
    if (e.event_type !== 'HOARD' || seen.has(e.from) || banks.length >= limit) continue;
    seen.add(e.from);
    const at = lookup.position(e.from);
    if (at) banks.push({ at, radius: lookup.radius(e.from) });
  }
  return banks.length ? hoardsEffect({ banks }) : null;
}

/** The events of one batch that get an effect: all if within budget, else the most telling ones. */
export function selectForAnimation(events, alreadyThisStep = new Map(), budget = MAX_EFFECTS_PER_STEP) {
  const byStep = new Map();
  for (const e of events) {
    if (!byStep.has(e.timestamp)) byStep.set(e.timestamp, []);
    byStep.get(e.timestamp).push(e);
  }
  const chosen = [];
  for (const [t, list] of byStep) {
    const room = Math.max(0, budget - (alreadyThisStep.get(t) ?? 0));
    const picked = list.length <= room ? list
      : list.map((e, i) => ({ e, i })).sort((a, b) => effectPriority(a.e) - effectPriority(b.e) || a.i - b.i)
        .slice(0, room).sort((a, b) => a.i - b.i).map((x) => x.e);
    alreadyThisStep.set(t, (alreadyThisStep.get(t) ?? 0) + picked.length);
    chosen.push(...picked);
  }
  return chosen;
}
/** Effects of steps older than (state timestep − this) are removed when a state arrives. */
export const KEEP_STEPS = 1;

/** Geometry of an event on the current graph, or null if its banks are not on it. */
export function effectFor(event, lookup) {
  switch (event.event_type) {
    case 'LEND': {
      const from = lookup.position(event.from);
      const to = lookup.position(event.to);
      return from && to ? lendEffect({ from, to }) : null;
    }
    case 'HOARD': {
      const at = lookup.position(event.from);
      return at ? hoardEffect({ at, radius: lookup.radius(event.from) }) : null;
    }
    case 'FIRE_SALE': {
      const at = lookup.position(event.from);
      return at ? fireSaleEffect({ at, radius: lookup.radius(event.from), forced: !!event.forced }) : null;
    }
    case 'PRICE_DROP': return priceDropEffect({ relative: event.amount });
    case 'DEFAULT': {
      const at = lookup.position(event.from);
      return at ? defaultEffect({ at, radius: lookup.radius(event.from), neighbours: lookup.neighbours(event.from) }) : null;
    }
    default: return null;
  }
}

/** The effects that draw a step's marks (consequences.js) on the current graph: one per kind of mark. */
export function consequenceEffects(marks, lookup) {
  const bank = (id) => {
    const at = lookup.position(id);
    return at ? { at, radius: lookup.radius(id) } : null;
  };
  const flow = (from, to) => {
    const a = lookup.position(from);
    const b = lookup.position(to);
    return a && b ? { from: a, to: b } : null;
  };
  const present = (list) => list.filter(Boolean);
  const effects = [];
  if (marks.recalls.length) {
    effects.push(recallEffect({ loans: present(marks.recalls.map((r) => flow(r.borrower, r.lender))),
      hit: present(marks.borrowersHit.map(bank)) }));
  }
  if (marks.losses.length) {
    effects.push(lossEffect({ losses: present(marks.losses.map((l) => flow(l.debtor, l.creditor))),
      hit: present(marks.creditorsHit.map(bank)) }));
  }
  if (marks.calls.length) {
    effects.push(callEffect({ loans: present(marks.calls.map((c) => flow(c.borrower, c.lender))),
      hit: present(marks.borrowersCalled.map(bank)) }));
  }
  if (marks.priceReach.length) effects.push(priceReachEffect({ banks: present(marks.priceReach.map(bank)) }));
  if (marks.shockHit?.length) effects.push(withdrawalEffect({ kind: 'shock', banks: present(marks.shockHit.map(bank)) }));
  if (marks.runs?.length) effects.push(withdrawalEffect({ kind: 'run', banks: present(marks.runs.map(bank)) }));
  return effects;
}

/** Looks banks up on a Cytoscape instance (model coordinates). */
export function cyLookup(cy) {
  return {
    position(index) {
      const n = cy.getElementById(String(index));
      return n.empty() ? null : n.position();
    },
    radius(index) {
      const n = cy.getElementById(String(index));
      return n.empty() ? 10 : (n.data('size') ?? 20) / 2;
    },
    neighbours(index) {
      const n = cy.getElementById(String(index));
      return n.empty() ? [] : n.neighborhood('node').map((m) => ({ ...m.position() }));
    },
  };
}

export function createOverlayAnimator({ cy, canvas, screenCanvas = canvas, now = () => performance.now(),
  requestFrame = (f) => requestAnimationFrame(f), pixelRatio = () => Math.min(2, window.devicePixelRatio || 1) }) {
  let effects = [];
  let frame = null;
  const lookup = cyLookup(cy);
  const stats = { drawn: 0, dropped: 0 };

  let lastMarks = noConsequences();
  let stepEvents = new Map();  // every event received per timestep, drawn or not: what the marks read

  function add(event) {
    const effect = effectFor(event, lookup);
    if (effect) start(effect, event.timestamp);
  }

  function start(effect, timestamp) {
    effect.start = now();
    effect.timestamp = timestamp;
    if (effects.length >= MAX_EFFECTS) {
      effects.shift();
      stats.dropped++;
    }
    effects.push(effect);
    if (frame === null) frame = requestFrame(render);
  }

  // The canvas's context at the page's pixel ratio, cleared.
  function cleared(surface, ratio) {
    const ctx = surface.getContext('2d');
    const width = Math.round(surface.clientWidth * ratio);
    const height = Math.round(surface.clientHeight * ratio);
    if (surface.width !== width || surface.height !== height) {
      surface.width = width;
      surface.height = height;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, surface.width, surface.height);
    return ctx;
  }

  // The canvases drawn on in the last frame. A canvas is touched only when it is drawn on now or must
  // be wiped of the last frame: a touched canvas is copied to the compositor whole, which is most of a
  // frame's cost in software rendering (docs/web.md, "Cost"), and the screen's canvas is idle but for a
  // price drop.
  let drawnOn = new Set();
  let yielding = false;

  function render() {
    frame = null;
    if (yielding && effects.length) {
      // The graph repaints this frame: the overlay holds its last picture one frame longer.
      yielding = false;
      frame = requestFrame(render);
      return;
    }
    yielding = false;
    const ratio = pixelRatio();
    const t = now();
    effects = effects.filter((e) => t - e.start < e.duration);
    const surfaceOf = (effect) => (effect.screen ? screenCanvas : canvas);
    const wanted = new Set(effects.map(surfaceOf));
    const contexts = new Map();
    for (const surface of [canvas, screenCanvas]) {
      if (!contexts.has(surface) && (wanted.has(surface) || drawnOn.has(surface))) contexts.set(surface, cleared(surface, ratio));
    }
    drawnOn = wanted;
    if (!effects.length) return;
    const zoom = cy.zoom();
    const pan = cy.pan();
    // Effects marked `above` (the hoarders' padlocks) are drawn last, over the marks of what others did.
    for (const effect of [...effects.filter((e) => !e.above), ...effects.filter((e) => e.above)]) {
      const p = Math.min(1, (t - effect.start) / effect.duration);
      const surface = surfaceOf(effect);
      const on = contexts.get(surface);
      const view = { width: surface.width / ratio, height: surface.height / ratio };
      if (effect.screen) on.setTransform(ratio, 0, 0, ratio, 0, 0);
      else on.setTransform(zoom * ratio, 0, 0, zoom * ratio, pan.x * ratio, pan.y * ratio);
      effect.draw(on, p, view);
      stats.drawn++;
    }
    for (const ctx of contexts.values()) ctx.globalAlpha = 1;
    frame = requestFrame(render);
  }

  let perStep = new Map();  // effects started per timestep (for the per-step budget)

  function receive(items) {
    const events = [];
    const flushEvents = () => {
      const batch = events.splice(0);
      for (const e of selectForAnimation(batch.filter((x) => x.event_type !== 'HOARD'), perStep)) add(e);
      const hoardSteps = new Set(batch.filter((x) => x.event_type === 'HOARD').map((x) => x.timestamp));
      for (const t of hoardSteps) {
        const effect = hoardsOf(batch.filter((x) => x.timestamp === t), lookup);
        if (effect) start(effect, t);
      }
    };
    for (const item of items) {
      if (item.kind === 'event') {
        events.push(item.event);
        const t = item.event.timestamp;
        if (!stepEvents.has(t)) stepEvents.set(t, []);
        stepEvents.get(t).push(item.event);
        continue;
      }
      flushEvents();
      if (item.kind === 'clear') {
        effects = [];
        perStep = new Map();
        stepEvents = new Map();
        lastMarks = noConsequences();
      } else if (item.kind === 'state') {
        effects = effects.filter((e) => e.timestamp >= item.timestep - KEEP_STEPS);
        for (const t of perStep.keys()) if (t < item.timestep - KEEP_STEPS) perStep.delete(t);
        for (const t of stepEvents.keys()) if (t < item.timestep - KEEP_STEPS) stepEvents.delete(t);
      }
    }
    flushEvents();
  }

  /**
   * Marks what the step `after` shows did to others (consequences.js), from the previous snapshot on
   * screen (`before`), the new one and the events received for its step. Call after the state item of
   * `after` was received. Returns the marks (no marks across a gap or without events).
   */
  function showConsequences(before, after) {
    lastMarks = consequencesOf(before, after, stepEvents.get(after?.timestep) ?? []);
    for (const effect of consequenceEffects(lastMarks, lookup)) start(effect, lastMarks.timestep);
    return lastMarks;
  }

  return {
    receive,
    showConsequences,
    /**
     * Cytoscape repaints the graph in the coming frame (a snapshot landed): the overlay skips that
     * frame's drawing, keeping its canvases as they are, so that the two repaints fall in different
     * frames (in software rendering each costs about half a frame; docs/web.md "Cost").
     */
    yieldFrame() { yielding = true; },
    /** The marks of the last step shown (for tests and diagnostics). */
    marks: () => lastMarks,
    active: () => effects.length,
    stats,
    dispose() { effects = []; },
  };
}
