// Records the graph as it plays: every animation frame, the headline, the graph's canvas layers, the
// legend and a caption are composed onto one offscreen canvas (frameComposer.js), whose captureStream a
// MediaRecorder encodes as WebM. It only reads the page's canvases and the store — the simulation, the
// graph and the store are untouched. Browser only; the window's pieces can be passed in (`env`) for tests.
import { createFrameComposer } from './frameComposer.js';
import { CLIP_BITS_PER_SECOND, CLIP_FPS, limitReached } from './clipLimits.js';

/**
 * Starts recording the graph element `graph` (the element holding the Cytoscape container and the
 * overlay canvas). `shown()` returns what is on screen: {state: the STATE_UPDATE payload shown,
 * replaying, headline: its facts (components/headlineFacts.js)}; it is read once a frame for the
 * headline band, the caption (after `title`, if any) and the steps the clip covers. `type` is a
 * supported WebM type (clipFormat.js). `onStop({blob, type, reason, seconds, firstStep, lastStep, state})`
 * is called once, after the recorder has delivered its last data; `reason` is 'user', 'time', 'size'
 * or 'error'. Returns {stop(), elapsedMs(), bytes()}; stop() may be called more than once.
 * `panes` = [{graph, shown, title}], instead of `graph`, `shown` and `title`, records several graphs side
 * by side, each with its own headline and caption (frameComposer.js: a comparison's two worlds); the
 * steps covered and `state` are then the first pane's.
 */
export function startClipRecording({ graph, shown, type, onStop, title = '', panes = null, limits, env = globalThis }) {
  const { MediaRecorder, requestAnimationFrame, cancelAnimationFrame, performance } = env;
  const { canvas, compose: composeFrame, covered } = createFrameComposer({ panes: panes ?? [{ graph, shown, title }], env });

  const stream = canvas.captureStream(CLIP_FPS);
  const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: CLIP_BITS_PER_SECOND });
  const chunks = [];
  let bytes = 0;
  let reason = null;
  let frame = 0;
  const started = performance.now();
  let stoppedAt = null;
  const elapsedMs = () => (stoppedAt ?? performance.now()) - started;

  function stop(why) {
    if (reason) return;
    reason = why;
    stoppedAt = performance.now();
    cancelAnimationFrame(frame);
    if (recorder.state !== 'inactive') recorder.stop();
  }
  function tick() {
    composeFrame();
    const limit = limitReached({ elapsedMs: elapsedMs(), bytes }, limits);
    if (limit) stop(limit);
    else frame = requestAnimationFrame(tick);
  }

  recorder.ondataavailable = (e) => {
    if (!e.data?.size) return;
    chunks.push(e.data);
    bytes += e.data.size;
    const limit = limitReached({ elapsedMs: elapsedMs(), bytes }, limits);
    if (limit) stop(limit);
  };
  recorder.onerror = () => stop('error');
  recorder.onstop = () => {
    for (const track of stream.getTracks()) track.stop();
    onStop({ blob: new Blob(chunks, { type: 'video/webm' }), type, reason: reason ?? 'error', seconds: elapsedMs() / 1000,
      ...covered() });
  };

  composeFrame();  // the first frame is there before the recorder starts
  recorder.start(1000);  // a chunk a second: the size limit is checked as the data arrive
  frame = requestAnimationFrame(tick);
  return { stop: () => stop('user'), elapsedMs, bytes: () => bytes };
}
