// Records the graph as it plays: every animation frame, the graph's canvas layers and a caption are
// composed onto one offscreen canvas (frameComposition.js), whose captureStream a MediaRecorder encodes
// as WebM. It only reads the page's canvases — the simulation, the graph and the store are untouched.
// Browser only; the window's pieces can be passed in (`env`) for tests.
import { backgroundColour, captionText, frameSize, layerPlacement } from './frameComposition.js';
import { CLIP_BITS_PER_SECOND, CLIP_FPS, limitReached } from './clipLimits.js';

/** The page's background behind the graph: its own colour or its nearest opaque ancestor's. */
function pageBackground(element, getStyle) {
  const colours = [];
  for (let e = element; e && e.nodeType === 1; e = e.parentElement) colours.push(getStyle(e).backgroundColor);
  return backgroundColour(colours);
}

function drawCaption(ctx, size, text) {
  const { top, height, fontSize, padding } = size.caption;
  ctx.fillStyle = '#0f1626';
  ctx.fillRect(0, top, size.width, height);
  ctx.fillStyle = '#e5e7eb';
  ctx.font = `600 ${fontSize}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, padding, top + height / 2, size.width - 2 * padding);
}

/**
 * Starts recording the graph element `graph` (the element holding the Cytoscape container and the
 * overlay canvas). `shown()` returns what is on screen: {state: the STATE_UPDATE payload shown,
 * replaying}; it is read once a frame for the caption (after `title`, if any) and the steps the clip covers. `type` is a
 * supported WebM type (clipFormat.js). `onStop({blob, type, reason, seconds, firstStep, lastStep, state})`
 * is called once, after the recorder has delivered its last data; `reason` is 'user', 'time', 'size'
 * or 'error'. Returns {stop(), elapsedMs(), bytes()}; stop() may be called more than once.
 */
export function startClipRecording({ graph, shown, type, onStop, title = '', limits, env = globalThis }) {
  const { document, MediaRecorder, requestAnimationFrame, cancelAnimationFrame, performance } = env;
  const box = graph.getBoundingClientRect();
  const size = frameSize(box, { pixelRatio: env.devicePixelRatio ?? 1 });
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  const background = pageBackground(graph, (e) => env.getComputedStyle(e));

  let firstStep = null;
  let lastStep = null;
  let lastState = null;
  function composeFrame() {
    const { state, replaying } = shown();
    if (state) {
      lastState = state;
      if (Number.isFinite(state.timestep)) {
        firstStep ??= state.timestep;
        lastStep = state.timestep;
      }
    }
    const graphBox = graph.getBoundingClientRect();
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, size.width, size.graphHeight);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, size.width, size.graphHeight);
    ctx.clip();
    for (const layer of graph.querySelectorAll('canvas')) {
      const at = layerPlacement(graphBox, layer.getBoundingClientRect(), size.scale);
      if (at && layer.width > 0 && layer.height > 0) ctx.drawImage(layer, 0, 0, layer.width, layer.height, at.x, at.y, at.width, at.height);
    }
    ctx.restore();
    drawCaption(ctx, size, captionText(state, { replaying, title }));
  }

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
      firstStep, lastStep, state: lastState });
  };

  composeFrame();  // the first frame is there before the recorder starts
  recorder.start(1000);  // a chunk a second: the size limit is checked as the data arrive
  frame = requestAnimationFrame(tick);
  return { stop: () => stop('user'), elapsedMs, bytes: () => bytes };
}
