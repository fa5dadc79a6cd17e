// The one message handler: every message from either transport (worker or server) goes through
// reduceMessage: (model, message) → { model, animations }, pure but for two records the model owns and
// updates in place for speed (the seen-event set and the frame history). No financial arithmetic
// happens here; it only files what the engine sent.
//
// Rules (brief §8, §11; docs/contract.md):
//  - STATE_UPDATE always wins: the newest one received replaces the snapshot, whatever events said.
//    A timestep lower than the current one, or a different scenario / seed / policy, starts a new run
//    (series, timeline and seen-event set are cleared) — except the rewind this page asked for (a branch:
//    history/rewind.js), which keeps the run up to that step. Every step received is kept in `frames`
//    (history/frameHistory.js) so that it can be shown again.
//  - EVENTs are decoration: duplicates (same event_id) are ignored; an event older than the snapshot
//    on screen is kept for the timeline but not animated (the state already shows its outcome);
//    missing events need nothing (the next STATE_UPDATE is complete).
//  - METRICS_UPDATE appends to the series; a repeated or earlier timestep replaces from that point.

import { initialTraining, reduceTraining } from './trainingModel.js';
import { createFrameHistory, stateTextTimestep } from '../history/frameHistory.js';
import { isExpectedRewind, rewoundModel } from '../history/rewind.js';

export const SERIES_LIMIT = 5000;
export const TIMELINE_LIMIT = 300;
export const SEEN_EVENTS_LIMIT = 20000;
export const STEP_COUNTS_LIMIT = 400;
/** Rare, story-defining events kept beyond the timeline's window so a run's defaults are never lost. */
export const MILESTONE_TYPES = new Set(['DEFAULT', 'PRICE_DROP']);
export const MILESTONE_LIMIT = 2000;
/** Events more than this many steps behind the snapshot on screen are not animated. */
export const ANIMATION_LAG_STEPS = 1;

export function initialModel() {
  return {
    state: null,        // the latest STATE_UPDATE payload, as sent
    runId: 0,           // increments at every new run (reset, new scenario, new seed)
    metrics: null,      // the latest METRICS_UPDATE payload
    series: [],         // METRICS_UPDATE payloads in timestep order
    timeline: [],       // EVENT payloads, newest first, at most TIMELINE_LIMIT
    milestones: [],     // DEFAULT and PRICE_DROP payloads of this run, newest first, at most MILESTONE_LIMIT
    stepCounts: [],     // [{timestep, LEND, HOARD, FIRE_SALE, PRICE_DROP, DEFAULT}] per step with events, oldest first
    seenEvents: new Set(),
    status: null,       // the latest STATUS payload (session status; viewers in server mode)
    lastError: null,    // the latest non-fatal ERROR payload
    fatal: null,        // a fatal ERROR payload (engine could not load or crashed)
    catalogue: null,    // READY / CATALOGUE payload's catalogue
    engine: null,
    connection: null,   // CONNECTION payload from the transport
    messageCount: 0,
    eventsReceived: 0, // distinct EVENTs received since the page opened (diagnostics)
    training: initialTraining(),  // the Train panel's model (trainingModel.js), from TRAINING messages
    frames: createFrameHistory(),  // every step received, to show again (history/frameHistory.js); cleared at a new run
    replay: null,       // the past frame on screen, or null when live (history/replayView.js)
    branchExpected: null,  // {step}: the rewind this page asked for (history/rewind.js)
  };
}

function isNewRun(previous, next) {
  if (!previous) return true;
  return next.timestep < previous.timestep || next.scenario !== previous.scenario ||
    next.seed !== previous.seed || next.policy !== previous.policy ||
    next.nodes.length !== previous.nodes.length;
}

function insertEvent(timeline, event, limit = TIMELINE_LIMIT) {
  // Newest first, ordered by (timestamp, sequence) so that late events land in their place.
  const key = eventOrder(event);
  let i = 0;
  while (i < timeline.length && eventOrder(timeline[i]) > key) i++;
  const next = timeline.slice(0, limit);
  next.splice(i, 0, event);
  if (next.length > limit) next.length = limit;
  return next;
}

/** How many events of each type each step had (what the event strip draws); out-of-order safe. */
function countEvent(stepCounts, event) {
  const t = event.timestamp;
  let i = stepCounts.length;
  while (i > 0 && stepCounts[i - 1].timestep > t) i--;
  const next = stepCounts.slice();
  if (i > 0 && next[i - 1].timestep === t) {
    next[i - 1] = { ...next[i - 1], [event.event_type]: (next[i - 1][event.event_type] ?? 0) + 1 };
  } else {
    next.splice(i, 0, { timestep: t, [event.event_type]: 1 });
  }
  return next.length > STEP_COUNTS_LIMIT ? next.slice(next.length - STEP_COUNTS_LIMIT) : next;
}

/** Sort key of an event: timestamp, then its sequence n in evt-<t>-<n>. */
export function eventOrder(event) {
  const n = Number(String(event.event_id).split('-')[2] ?? 0);
  return event.timestamp * 1e6 + (Number.isFinite(n) ? n : 0);
}

function reduceState(model, payload) {
  if (!payload || !Array.isArray(payload.nodes) || !Array.isArray(payload.edges)) return { model, animations: [] };
  if (isExpectedRewind(model, payload)) {
    const rewound = rewoundModel(model, payload.timestep, TIMELINE_LIMIT);
    rewound.frames.putState(payload);
    return { model: { ...rewound, state: payload }, animations: [{ kind: 'clear' }] };
  }
  if (isNewRun(model.state, payload)) {
    model.frames.clear();
    model.frames.putState(payload);
    return {
      model: { ...model, state: payload, runId: model.runId + 1, series: [], timeline: [], milestones: [], stepCounts: [],
        seenEvents: new Set(), metrics: null, replay: null, branchExpected: null },
      animations: [{ kind: 'clear' }],
    };
  }
  model.frames.putState(payload);
  return { model: { ...model, state: payload }, animations: [{ kind: 'state', timestep: payload.timestep }] };
}

function reduceEvent(model, event) {
  if (!event || typeof event.event_id !== 'string' || model.seenEvents.has(event.event_id)) {
    return { model, animations: [] };
  }
  const seenEvents = model.seenEvents;
  if (seenEvents.size >= SEEN_EVENTS_LIMIT) seenEvents.clear();
  seenEvents.add(event.event_id);
  model.frames.addEvent(event);
  const milestones = MILESTONE_TYPES.has(event.event_type)
    ? insertEvent(model.milestones, event, MILESTONE_LIMIT) : model.milestones;
  const next = { ...model, timeline: insertEvent(model.timeline, event), milestones,
    stepCounts: countEvent(model.stepCounts, event), eventsReceived: model.eventsReceived + 1 };
  const current = model.state ? model.state.timestep : -1;
  const animate = event.timestamp >= current - ANIMATION_LAG_STEPS + 1 || current < 0;
  return { model: next, animations: animate ? [{ kind: 'event', event }] : [] };
}

function reduceMetrics(model, metrics) {
  if (!metrics) return { model, animations: [] };
  let series = model.series;
  const t = metrics.timestep;
  if (typeof t === 'number' && series.length && series[series.length - 1].timestep >= t) {
    series = series.filter((m) => m.timestep < t);
  } else {
    series = series.slice(series.length >= SERIES_LIMIT ? 1 : 0);
  }
  series.push(metrics);
  model.frames.putMetrics(metrics);
  return { model: { ...model, metrics, series }, animations: [] };
}

/** Applies one parsed message. Unknown types are counted and otherwise ignored. */
export function reduceMessage(model, message) {
  const counted = { ...model, messageCount: model.messageCount + 1 };
  const payload = message?.payload;
  switch (message?.type) {
    case 'STATE_UPDATE': return reduceState(counted, payload);
    case 'EVENT': return reduceEvent(counted, payload);
    case 'METRICS_UPDATE': return reduceMetrics(counted, payload);
    case 'STATUS': return { model: { ...counted, status: payload }, animations: [] };
    case 'ERROR':
      return payload?.fatal
        ? { model: { ...counted, fatal: payload }, animations: [] }
        : { model: { ...counted, lastError: { ...payload, at: counted.messageCount } }, animations: [] };
    case 'READY':
    case 'CATALOGUE':
      return { model: { ...counted, catalogue: payload?.catalogue ?? payload, engine: payload?.engine ?? model.engine },
        animations: [] };
    case 'CONNECTION': return { model: { ...counted, connection: payload }, animations: [] };
    case 'TRAINING': return { model: { ...counted, training: reduceTraining(model.training, payload) }, animations: [] };
    default: return { model: counted, animations: [] };
  }
}

/**
 * Applies a batch of message texts in order. STATE_UPDATEs superseded by a later one in the same
 * batch are not parsed (a hidden tab or a slow frame must not make the page parse stale snapshots).
 */
export function reduceTexts(model, texts) {
  let lastState = -1;
  for (let i = texts.length - 1; i >= 0; i--) {
    if (texts[i].startsWith('{"type":"STATE_UPDATE"')) { lastState = i; break; }
  }
  let current = model;
  const animations = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (i < lastState && text.startsWith('{"type":"STATE_UPDATE"') && !startsNewRun(current, text)) {
      keepUnparsed(current, text);
      continue;
    }
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      continue;  // a malformed message is dropped; the next STATE_UPDATE repairs everything
    }
    const out = reduceMessage(current, message);
    current = out.model;
    for (const a of out.animations) animations.push(a);
  }
  return { model: current, animations };
}

// A superseded snapshot can still mark the start of a run (timestep 0) or a rewind (an earlier step):
// parse those.
function startsNewRun(model, text) {
  if (!model.state) return true;
  const t = stateTextTimestep(text);
  return t === 0 || (t !== null && t < model.state.timestep);
}

// A superseded snapshot of a later step is kept as text for the run's history, parsed only if shown.
function keepUnparsed(model, text) {
  const t = stateTextTimestep(text);
  if (t !== null) model.frames.putStateText(t, text);
}
