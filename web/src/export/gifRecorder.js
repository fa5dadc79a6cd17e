// Records the graph as a GIF for slides: GIF_FPS times a second the frame is composed (frameComposer.js:
// headline, graph, legend, caption, at most GIF_MAX_WIDTH wide), read back and handed to the GIF encoder
// (gifEncoding.js), which runs in a worker so the graph keeps its pace. Each frame is sent when the next
// is taken, with the time it was on screen as its delay, so the GIF plays at the pace the page did; when
// the encoder falls behind (MAX_BACKLOG frames), the frame on screen is simply held longer. It only reads
// the page's canvases and the store. Browser only; the window's pieces and the encoder can be passed in.
import { createFrameComposer } from './frameComposer.js';
import { limitReached } from './clipLimits.js';
import { workerGifEncoder } from './gifEncoding.js';
import { GIF_FPS, GIF_LIMITS, GIF_MAX_WIDTH, gifFrameDelay, gifFrameDue } from './gifFormat.js';

/** Frames sent to the encoder and not yet encoded, at most, before a frame is skipped (≈ 1.7 MB each at 800 × 536). */
const MAX_BACKLOG = 3;

/**
 * Starts recording the graph element `graph` as a GIF; `shown`, `title` and `panes` as for
 * startClipRecording (clipRecorder.js). `onStop({blob, type: 'image/gif', reason, seconds, frames,
 * firstStep, lastStep, state})` is called once, when the GIF is encoded; `reason` is 'user', 'time',
 * 'size' (GIF_LIMITS unless `limits`) or 'error' (then the blob is empty). `encoder` is gifEncoding.js's
 * interface (a worker's by default). Returns {stop(), elapsedMs(), bytes()}; stop() may be called more
 * than once.
 */
export function startGifRecording({ graph, shown, title = '', panes = null, onStop, limits = GIF_LIMITS, encoder = workerGifEncoder(),
  env = globalThis }) {
  const { requestAnimationFrame, cancelAnimationFrame, performance } = env;
  const composer = createFrameComposer({ panes: panes ?? [{ graph, shown, title }], maxWidth: GIF_MAX_WIDTH, readBack: true, env });
  const { width, height } = composer.frame;
  const ctx = composer.canvas.getContext('2d');
  const started = performance.now();
  let stoppedAt = null;
  const elapsedMs = () => (stoppedAt ?? performance.now()) - started;
  let pending = null;  // the last frame taken, sent once the next is taken (its delay is then known)
  let frames = 0;
  let reason = null;
  let tickId = 0;

  function send(until) {
    encoder.add(pending.rgba, width, height, gifFrameDelay(pending.at, until));
    frames += 1;
  }
  function take(at) {
    composer.compose();
    const { data } = ctx.getImageData(0, 0, width, height);
    if (pending) send(at);
    pending = { rgba: data, at };
  }
  function stop(why) {
    if (reason) return;
    reason = why;
    stoppedAt = performance.now();
    cancelAnimationFrame(tickId);
    if (pending) send(Math.max(elapsedMs(), pending.at + 1000 / GIF_FPS));
    const done = (gif, finalReason) => onStop({ blob: new Blob(gif ? [gif] : [], { type: 'image/gif' }), type: 'image/gif',
      reason: finalReason, seconds: elapsedMs() / 1000, frames, ...composer.covered() });
    encoder.finish().then((gif) => done(gif, reason), () => done(null, 'error'));
  }
  function tick() {
    const now = elapsedMs();
    if (gifFrameDue(now, pending?.at ?? null) && encoder.backlog() < MAX_BACKLOG) take(now);
    const limit = limitReached({ elapsedMs: elapsedMs(), bytes: encoder.bytes() }, limits);
    if (limit) stop(limit);
    else tickId = requestAnimationFrame(tick);
  }

  try {
    take(0);
  } catch (error) {
    encoder.dispose();
    throw error;
  }
  tickId = requestAnimationFrame(tick);
  return { stop: () => stop('user'), elapsedMs, bytes: () => encoder.bytes() };
}
