// The clip's file: a WebM video in a codec this browser records, named for the run and the steps it shows.
// Pure: the browser's MediaRecorder and canvas are passed in, so the choice is testable anywhere.

/** The WebM types tried, best first: VP9 is smaller at the same quality, VP8 is recorded more widely. */
export const CLIP_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/**
 * Whether this browser can record a clip, and in which type: {type} or {unavailable: a sentence for the
 * page}. `recorder` is the MediaRecorder constructor (undefined where there is none); `canvasProto` the
 * HTMLCanvasElement prototype (its captureStream is what turns the composed frames into video).
 */
export function clipSupport({ recorder = globalThis.MediaRecorder, canvasProto = globalThis.HTMLCanvasElement?.prototype } = {}) {
  if (typeof recorder !== 'function') return { unavailable: 'Recording is not available in this browser (it has no MediaRecorder).' };
  if (typeof canvasProto?.captureStream !== 'function') {
    return { unavailable: 'Recording is not available in this browser (a canvas cannot be captured as video).' };
  }
  const type = CLIP_TYPES.find((t) => recorder.isTypeSupported?.(t));
  if (!type) return { unavailable: 'Recording is not available in this browser (it records no WebM video).' };
  return { type };
}

/** The codec of a type, for people: 'video/webm;codecs=vp9' → 'VP9'; a bare 'video/webm' → 'WebM'. */
export function codecLabel(type) {
  if (type === 'image/gif') return 'GIF';
  const codec = /codecs=([^,;]+)/.exec(type ?? '')?.[1];
  return codec ? codec.toUpperCase() : 'WebM';
}

/**
 * The file name: finsim-<scenario>-seed<seed>-<policy>-steps<first>-<last>.<extension>, 'webm' or 'gif'
 * (…-step<n>… when one step was on screen throughout; parts not known are left out; …-<policy>-compare-… for a comparison's two
 * worlds, named by world A's run). Only [A-Za-z0-9_.-] survive, as in the CSV's.
 */
export function clipFileName({ scenario = 'run', seed, policy, firstStep, lastStep, compare = false } = {}, extension = 'webm') {
  const parts = ['finsim', scenario];
  if (seed !== undefined && seed !== null && seed !== '') parts.push(`seed${seed}`);
  if (policy) parts.push(policy);
  if (compare) parts.push('compare');
  if (Number.isFinite(firstStep) && Number.isFinite(lastStep)) {
    parts.push(firstStep === lastStep ? `step${firstStep}` : `steps${firstStep}-${lastStep}`);
  }
  return `${parts.join('-')}.${extension}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
