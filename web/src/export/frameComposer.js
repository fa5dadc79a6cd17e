// Composes the frames of a recording onto one offscreen canvas: for each pane (one graph; a comparison's
// two side by side) its headline band, its graph's canvas layers in page order over the page's
// background — the network centred in its pane, not where the page's boxes pushed it (graphOrigin) —
// and its caption; one legend band across them (frameComposition.js places them,
// frameOverlays.js draws the bands). Shared by the WebM recorder (clipRecorder.js) and the GIF recorder
// (gifRecorder.js). It only reads the page's canvases and the stores' state. Browser only; the window's
// pieces can be passed in (`env`) for tests.
import { backgroundColour, captionText, graphOrigin, layerPlacement, panesFrameSize } from './frameComposition.js';
import { canvasMeasure, drawCaption, drawHeadline, drawLegend } from './frameOverlays.js';
import { fitAreaBox } from '../graph/viewportFit.js';

/** The layer of the whole screen's effects (graph/NetworkGraph.jsx): it covers the pane, wherever the banks go. */
const SCREEN_LAYER = '.graph-screen';

/** The page's background behind the graph: its own colour or its nearest opaque ancestor's. */
function pageBackground(element, getStyle) {
  const colours = [];
  for (let e = element; e && e.nodeType === 1; e = e.parentElement) colours.push(getStyle(e).backgroundColor);
  return backgroundColour(colours);
}

/**
 * A composer for `panes` = [{graph, shown, title}], left to right. `graph` is the element holding the
 * Cytoscape container and the overlay canvas; `shown()` returns what is on screen there: {state: the
 * STATE_UPDATE payload shown, replaying, headline: headlineFacts.js's facts}, read once per frame
 * composed; `title`, if any, follows "FinSim" in the caption. The frame's size is fixed here, from the
 * graphs' sizes now and the screen's pixel ratio (at most `maxWidth` wide); `readBack` keeps the canvas
 * in memory for getImageData (the GIF's frames). Returns {canvas, frame, compose(), covered()}:
 * compose() draws one frame; covered() says what the first pane's frames showed so far —
 * {firstStep, lastStep, state}: the first and last timestep, the last STATE_UPDATE (null before any).
 */
export function createFrameComposer({ panes, maxWidth, readBack = false, env = globalThis }) {
  const canvas = env.document.createElement('canvas');
  const ctx = canvas.getContext('2d', readBack ? { willReadFrequently: true } : undefined);
  const measure = canvasMeasure(ctx);
  const frame = panesFrameSize(panes.map((p) => p.graph.getBoundingClientRect()), { pixelRatio: env.devicePixelRatio ?? 1, maxWidth, measure });
  canvas.width = frame.width;
  canvas.height = frame.height;
  const backgrounds = panes.map((p) => pageBackground(p.graph, (e) => env.getComputedStyle(e)));

  let firstStep = null;
  let lastStep = null;
  let lastState = null;
  function drawPane({ graph, shown, title = '' }, i) {
    const now = shown();
    const at = frame.panes[i];
    ctx.fillStyle = backgrounds[i];
    ctx.fillRect(at.x, frame.graphTop, at.width, frame.graphHeight);
    ctx.save();
    ctx.beginPath();
    ctx.rect(at.x, frame.graphTop, at.width, frame.graphHeight);
    ctx.clip();
    const graphBox = graph.getBoundingClientRect();
    const banksOrigin = graphOrigin(frame, at, graphBox, fitAreaBox(graph));
    const screenOrigin = graphOrigin(frame, at, graphBox);
    for (const layer of graph.querySelectorAll('canvas')) {
      const origin = layer.matches?.(SCREEN_LAYER) ? screenOrigin : banksOrigin;
      const place = layerPlacement(graphBox, layer.getBoundingClientRect(), frame.scale, origin);
      if (place && layer.width > 0 && layer.height > 0) ctx.drawImage(layer, 0, 0, layer.width, layer.height, place.x, place.y, place.width, place.height);
    }
    ctx.restore();
    drawHeadline(ctx, frame, now.headline, measure, at);
    drawCaption(ctx, frame, captionText(now.state, { replaying: now.replaying, title }), at);
    return now;
  }
  function compose() {
    panes.forEach((pane, i) => {
      const { state } = drawPane(pane, i);
      if (i > 0 || !state) return;
      lastState = state;
      if (Number.isFinite(state.timestep)) {
        firstStep ??= state.timestep;
        lastStep = state.timestep;
      }
    });
    drawLegend(ctx, frame);
  }

  return { canvas, frame, compose, covered: () => ({ firstStep, lastStep, state: lastState }) };
}
