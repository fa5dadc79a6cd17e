// The run's past, kept in the page so that any step can be shown again without asking the engine: one
// frame per timestep received, holding that step's STATE_UPDATE, METRICS_UPDATE and EVENTs exactly as
// they arrived. Bounded: beyond FRAME_BUDGET_BYTES (estimated) or MAX_FRAMES the oldest frames are
// thinned — every other frame of the older half goes, its DEFAULT and PRICE_DROP events moving to the
// frame after it — so a long run keeps its recent steps frame by frame and its early story coarser.
//
// Owned by the message handler (store/messageHandler.js), which feeds it and clears it at a new run,
// like the seen-event set: a mutable object inside the model. Reads never change what is kept, except
// that a snapshot kept as text (one a batch superseded, never parsed: messageHandler.reduceTexts) is
// parsed the first time it is shown.

/**
 * The estimated cost of kept frames, in bytes of JavaScript heap. Measured with V8 (Node 20, the real
 * engine, liquidity_freeze, 200 steps; docs/web.md "Timeline: rewind and replay"): 100 banks ≈ 59 KB a
 * frame (11.8 MB for 201 frames), 1,000 banks ≈ 660 KB. The figures below are the crisis run's, the
 * costliest measured (a calm run's nodes cost a third as much).
 */
export const BYTES_PER_NODE = 330;
export const BYTES_PER_EDGE = 90;
export const BYTES_PER_EVENT = 180;
export const BYTES_PER_METRICS = 300;
export const BYTES_PER_FRAME = 200;

/** 48 MiB: about 800 frames of a 100-bank crisis at full resolution, about 75 of a 1,000-bank one. */
export const FRAME_BUDGET_BYTES = 48 * 1024 * 1024;
/** Never more frames than this, whatever their size (the series keeps 5,000 steps too). */
export const MAX_FRAMES = 5000;
/** Events a thinned frame hands on to the frame after it (the story's turning points). */
export const KEPT_WHEN_THINNED = new Set(['DEFAULT', 'PRICE_DROP']);

const STATE_PREFIX = /^\{"type":"STATE_UPDATE","schema_version":"1\.0","payload":\{"timestep":(\d+),/;

/** The timestep of a STATE_UPDATE text read from its guaranteed prefix (docs/contract.md), or null. */
export function stateTextTimestep(text) {
  const match = STATE_PREFIX.exec(text);
  return match ? Number(match[1]) : null;
}

/** Estimated heap bytes of one STATE_UPDATE payload. */
export function stateBytes(payload) {
  return payload.nodes.length * BYTES_PER_NODE + payload.edges.length * BYTES_PER_EDGE;
}

function frameBytes(frame) {
  const state = frame.payload ? stateBytes(frame.payload) : frame.text ? frame.text.length : 0;
  const withdrawals = frame.payload ? 0 : (frame.withdrawals?.length ?? 0) * BYTES_PER_NODE;
  return BYTES_PER_FRAME + state + withdrawals + (frame.metrics ? BYTES_PER_METRICS : 0) + frame.events.length * BYTES_PER_EVENT;
}

const displayable = (frame) => frame.payload !== null || frame.text !== null;

// A node's deposits withdrawn this step, by the scenario's shock or a run (sent only when there were some).
const withdrawnFrom = (node) => node.run_withdrawal > 0 || node.shock_withdrawal > 0;
// What every snapshot text with a withdrawal holds: `"run_withdrawal":` or `"shock_withdrawal":`.
const WITHDRAWAL_KEY = '_withdrawal":';

/** n of an event's id evt-<t>-<n>: its place in its step's story. */
function eventSequence(event) {
  const n = Number(String(event.event_id).split('-')[2]);
  return Number.isFinite(n) ? n : 0;
}

/**
 * @param {{budgetBytes?: number, maxFrames?: number}} [limits]
 */
export function createFrameHistory({ budgetBytes = FRAME_BUDGET_BYTES, maxFrames = MAX_FRAMES } = {}) {
  let frames = [];   // oldest first, one per timestep, some without a state yet (events arrive first)
  let bytes = 0;
  let thinned = 0;   // frames removed by thinning since the run began

  // Index of the first frame with timestep >= t.
  function lowerBound(t) {
    let lo = 0;
    let hi = frames.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (frames[mid].timestep < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function frameFor(t) {
    const i = lowerBound(t);
    if (i < frames.length && frames[i].timestep === t) return frames[i];
    const frame = { timestep: t, payload: null, text: null, withdrawals: null, metrics: null, events: [], bytes: 0 };
    frames.splice(i, 0, frame);
    return frame;
  }

  function update(frame, change) {
    bytes -= frame.bytes;
    change(frame);
    frame.bytes = frameBytes(frame);
    bytes += frame.bytes;
    enforceLimits();
  }

  // Removes every other frame of the older half (never the first one), handing its turning points on.
  function thin() {
    if (frames.length <= 2) {
      if (frames.length > 1) remove(0);
      return;
    }
    const half = Math.floor(frames.length / 2);
    const kept = [frames[0]];
    for (let i = 1; i < frames.length; i++) {
      const frame = frames[i];
      if (i <= half && i % 2 === 1) {
        const next = frames[i + 1];
        const handed = frame.events.filter((e) => KEPT_WHEN_THINNED.has(e.event_type));
        if (handed.length) {
          bytes -= next.bytes;
          next.events = handed.concat(next.events);
          next.bytes = frameBytes(next);
          bytes += next.bytes;
        }
        bytes -= frame.bytes;
        thinned++;
      } else {
        kept.push(frame);
      }
    }
    frames = kept;
  }

  function remove(i) {
    bytes -= frames[i].bytes;
    frames.splice(i, 1);
    thinned++;
  }

  function enforceLimits() {
    while ((bytes > budgetBytes || frames.length > maxFrames) && frames.length > 1) thin();
  }

  function parsed(frame) {
    if (frame.payload === null && frame.text !== null) {
      const text = frame.text;
      update(frame, (f) => { f.payload = JSON.parse(text).payload; f.text = null; f.withdrawals = null; });
    }
    return frame.payload;
  }

  // Index of the displayable frame with the largest timestep <= t, or -1.
  function indexAtOrBefore(t) {
    for (let i = lowerBound(t + 1) - 1; i >= 0; i--) if (displayable(frames[i])) return i;
    return -1;
  }

  function firstDisplayable() {
    return frames.findIndex(displayable);
  }

  return {
    /** Keeps a parsed STATE_UPDATE payload as its step's state (a repeat replaces it). */
    putState(payload) {
      update(frameFor(payload.timestep), (f) => { f.payload = payload; f.text = null; f.withdrawals = null; });
    },
    /** Keeps a STATE_UPDATE text unparsed, for a step whose snapshot the page skipped; parsed when shown. */
    putStateText(timestep, text) {
      update(frameFor(timestep), (f) => { if (f.payload === null) f.text = text; });
    },
    putMetrics(metrics) {
      if (typeof metrics?.timestep !== 'number') return;
      update(frameFor(metrics.timestep), (f) => { f.metrics = metrics; });
    },
    addEvent(event) {
      if (typeof event?.timestamp !== 'number') return;
      update(frameFor(event.timestamp), (f) => { f.events.push(event); });
    },
    /** Forgets every frame after `step` (the run was rewound to it). */
    truncateAfter(step) {
      const i = lowerBound(step + 1);
      for (let k = i; k < frames.length; k++) bytes -= frames[k].bytes;
      frames = frames.slice(0, i);
    },
    clear() {
      frames = [];
      bytes = 0;
      thinned = 0;
    },
    /**
     * The frame shown for `step`: the kept step at or before it (the first kept step when `step` is
     * earlier), as {timestep, state, metrics, events, previousStep}, or null when nothing is kept.
     * `events` are those received for the frame's step (and those handed on by thinned frames);
     * `previousStep` is the kept step before it (null for the first).
     */
    frameAt(step) {
      let i = indexAtOrBefore(step);
      if (i < 0) i = firstDisplayable();
      if (i < 0) return null;
      const frame = frames[i];
      let previous = i - 1;
      while (previous >= 0 && !displayable(frames[previous])) previous--;
      return { timestep: frame.timestep, state: parsed(frame), metrics: frame.metrics, events: frame.events,
        previousStep: previous >= 0 ? frames[previous].timestep : null };
    },
    /**
     * The nodes deposits left at exactly `step` (those with `run_withdrawal` or `shock_withdrawal`,
     * docs/contract.md), or null when that step's snapshot is not kept. A snapshot kept as text (a fast
     * run's skipped step) stays text: it is read for them once, only where the text names a withdrawal
     * at all, and only they are kept from it (`withdrawals`), so the narration tells the deposits of
     * steps the page never drew without holding their snapshots parsed.
     */
    withdrawalsAt(step) {
      const i = lowerBound(step);
      const frame = i < frames.length && frames[i].timestep === step ? frames[i] : null;
      if (frame?.payload) return frame.payload.nodes.filter(withdrawnFrom);
      if (!frame?.text) return null;
      if (!frame.withdrawals) {
        const text = frame.text;
        const nodes = text.includes(WITHDRAWAL_KEY) ? JSON.parse(text).payload.nodes.filter(withdrawnFrom) : [];
        update(frame, (f) => { f.withdrawals = nodes; });
      }
      return frame.withdrawals;
    },
    /**
     * Events of the kept steps up to `step`, newest first (as the timeline lists them), from at most
     * `steps` steps with events and at most `maxEvents` events.
     */
    recentEvents(step, steps = 4, maxEvents = Infinity) {
      const out = [];
      let taken = 0;
      for (let i = lowerBound(step + 1) - 1; i >= 0 && taken < steps && out.length < maxEvents; i--) {
        if (!frames[i].events.length) continue;
        const events = [...frames[i].events].sort((a, b) => eventSequence(b) - eventSequence(a));
        for (const e of events) if (out.length < maxEvents) out.push(e);
        taken++;
      }
      return out;
    },
    /** The kept step just before / after `step` that can be shown, or null. */
    stepBefore(step) {
      const i = indexAtOrBefore(step - 1);
      return i < 0 ? null : frames[i].timestep;
    },
    stepAfter(step) {
      for (let i = lowerBound(step + 1); i < frames.length; i++) if (displayable(frames[i])) return frames[i].timestep;
      return null;
    },
    firstStep() {
      const i = firstDisplayable();
      return i < 0 ? null : frames[i].timestep;
    },
    lastStep() {
      const i = indexAtOrBefore(Infinity);
      return i < 0 ? null : frames[i].timestep;
    },
    /** {frames, bytes, thinned}: what is kept and what thinning removed, for the docs and tests. */
    stats: () => ({ frames: frames.length, bytes, thinned }),
    limits: { budgetBytes, maxFrames },
  };
}
