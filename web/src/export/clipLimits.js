// How long and how large a clip may grow before recording stops by itself, and how it is encoded. The page
// states these limits beside the control (limitSentence), so a person knows before pressing Record.

/** Frames per second captured from the composed canvas. */
export const CLIP_FPS = 30;
/** The encoder's target bit rate (bits/s): a 60 s clip is about 19 MB at this rate. */
export const CLIP_BITS_PER_SECOND = 2_500_000;
/** Recording stops after this many seconds… */
export const CLIP_MAX_SECONDS = 60;
/** …or once the recorded data pass this many bytes, whichever comes first. */
export const CLIP_MAX_BYTES = 32 * 1024 * 1024;

/** Why recording must stop now: 'time', 'size', or null to go on. `elapsedMs` ≥ 0, `bytes` ≥ 0. */
export function limitReached({ elapsedMs, bytes }, { maxSeconds = CLIP_MAX_SECONDS, maxBytes = CLIP_MAX_BYTES } = {}) {
  if (elapsedMs >= maxSeconds * 1000) return 'time';
  if (bytes >= maxBytes) return 'size';
  return null;
}

/** The limits in words, for the page. */
export function limitSentence({ maxSeconds = CLIP_MAX_SECONDS, maxBytes = CLIP_MAX_BYTES } = {}) {
  return `WebM video of the graph; stops by itself after ${maxSeconds} s or ${Math.round(maxBytes / 2 ** 20)} MB.`;
}

/** A duration for the page: 7400 ms → "0:07". */
export function clock(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A size for the page: 1_234_567 → "1.2 MB", 52_000 → "51 KB". */
export function sizeText(bytes) {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
