// A GIF of the graph for slides: how often a frame is taken, how large it is, how long and how heavy the
// file may grow before recording stops by itself (stated beside the control, as clipLimits.js does for
// the WebM clip), and how each frame's delay is written. Pure.

/** Frames a second: enough to follow the pulses and collapses, light enough to encode in the page. */
export const GIF_FPS = 10;
/** The widest GIF frame (px): a slide's column, and about 40 KB a frame. */
export const GIF_MAX_WIDTH = 800;
/** Recording stops after this many seconds… */
export const GIF_MAX_SECONDS = 20;
/** …or once the encoded file passes this many bytes, whichever comes first. */
export const GIF_MAX_BYTES = 16 * 1024 * 1024;
export const GIF_LIMITS = { maxSeconds: GIF_MAX_SECONDS, maxBytes: GIF_MAX_BYTES };
/** Browsers play a delay under 20 ms as 100 ms: a frame is never written shorter. */
const MIN_DELAY_MS = 20;

/**
 * Whether a frame is due at `elapsedMs` (since recording started) when the last one was taken at
 * `lastMs` (null: none yet). A frame taken up to half an animation frame early (8 ms) counts as on
 * time, so that sampling on a 60 Hz display does not drift to every seventh frame.
 */
export function gifFrameDue(elapsedMs, lastMs, fps = GIF_FPS) {
  return lastMs === null || elapsedMs - lastMs >= 1000 / fps - 8;
}

/**
 * The delay written for a frame shown from `fromMs` until the next was taken at `toMs`, in the GIF's
 * unit (1/100 s, as ms): what the page showed for that long plays for that long.
 */
export function gifFrameDelay(fromMs, toMs) {
  return Math.max(MIN_DELAY_MS, Math.round((toMs - fromMs) / 10) * 10);
}

/** The limits in words, for the page. */
export function gifLimitSentence({ maxSeconds = GIF_MAX_SECONDS, maxBytes = GIF_MAX_BYTES } = {}) {
  return `GIF of the graph, ${GIF_FPS} frames a second, at most ${GIF_MAX_WIDTH} px wide; stops by itself after ${maxSeconds} s or ${Math.round(maxBytes / 2 ** 20)} MB.`;
}
