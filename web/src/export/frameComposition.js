// What one frame of a clip holds and where, from top to bottom: a headline band (the headline's facts of
// the step on screen, components/headlineFacts.js), the graph's canvas layers (Cytoscape's and the
// animation overlay) drawn in page order over the page's background, a legend band (the legend's rows,
// components/legendEntries.js) and a caption band naming the run and the step — so a slide says what it
// shows and how to read it, and no box is drawn over a bank. A comparison's graphs stand side by side
// (panes), each with its own headline and caption, under one legend. Pure geometry and text: text widths come from
// a `measure(text, fontPx)` function (a canvas's measureText in the page); frameOverlays.js and
// frameComposer.js draw.
import { humanName } from '../format.js';
import { LEGEND_ROWS } from '../components/legendEntries.js';
import { glyphWidth } from '../components/legendGlyphs.js';

/** The widest frame recorded (px): enough for a slide, and light on a software encoder. */
export const CLIP_MAX_WIDTH = 1280;
/**
 * The frame's text is sized for the frame capped at this width (the clip's) and scaled with the graphs for
 * any other cap: a GIF's frame (at most 800 px) is the clip's shrunk, text and all, as a slide would show it.
 */
const TYPE_MAX_WIDTH = CLIP_MAX_WIDTH;
/** The caption band's height as a share of the frame's width (with a floor, below). */
const CAPTION_SHARE = 0.03;
const CAPTION_MIN_PX = 22;
/** Lines the headline band holds; its font shrinks (to HEADLINE_MIN_SHARE of its size) rather than drop a fact. */
export const HEADLINE_LINES = 2;
const HEADLINE_MIN_SHARE = 0.6;
/** A label ("STEP") is drawn this much smaller than its value, as on the page. */
export const LABEL_SHARE = 0.8;
/** Widths of the legend's swatches, in ems of the legend's font (the page's, app.css). */
const SWATCH_EMS = { gradient: 4.5, glow: 1, failed: 1, sizes: 2.6, arrow: 1 };
/** A mark's glyph (components/legendGlyphs.js) is this many ems of the legend's font tall, within its line. */
export const GLYPH_EMS = 1.4;
const LINE_HEIGHT = 1.5;

const even = (n) => Math.max(2, 2 * Math.round(n / 2));  // encoders want even dimensions

/** A rough measure for tests and for sizes before a canvas exists: 0.55 em a character. */
export const roughMeasure = (text, fontPx) => text.length * fontPx * 0.55;

/**
 * Places items of the given widths left to right in lines no wider than `width`, `gap` apart, starting
 * a new line when the next one does not fit (an item wider than a line gets a line of its own). Returns
 * one entry per item: {line, x}.
 */
export function flowLines(widths, width, gap) {
  const placed = [];
  let line = 0;
  let x = 0;
  for (const w of widths) {
    if (x > 0 && x + w > width) { line += 1; x = 0; }
    placed.push({ line, x });
    x += w + gap;
  }
  return placed;
}
const lineCount = (placed) => (placed.length ? placed[placed.length - 1].line + 1 : 0);

/**
 * A headline fact as the spans drawn for it: its label (drawn smaller, upper case, muted), its value, a
 * replay tag, a detail. `style` is 'label', 'value', 'good', 'bad' or 'tag' (frameOverlays.js colours them).
 */
export function factSpans(fact) {
  const spans = [];
  if (fact.label) spans.push({ text: `${fact.label.toUpperCase()} `, style: 'label' });
  spans.push({ text: fact.value, style: fact.tone ?? 'value' });
  if (fact.replay) spans.push({ text: ' REPLAY', style: 'tag' });
  if (fact.detail) spans.push({ text: ` · ${fact.detail}`, style: 'label' });
  return spans;
}

/** The legend as items to flow: a swatch row is one item; a row of marks is one item per mark. */
export function legendItems(rows = LEGEND_ROWS) {
  return rows.flatMap((row) => (row.marks
    ? row.marks.map((m) => ({ glyph: m.glyph, text: m.text }))
    : [{ swatch: row.swatch, text: row.text }]));
}

const spanWidth = (span, fontPx, measure) => measure(span.text, span.style === 'label' || span.style === 'tag' ? fontPx * LABEL_SHARE : fontPx);
/** The width of a headline fact at `fontPx`. */
export const factWidth = (fact, fontPx, measure) => factSpans(fact).reduce((w, s) => w + spanWidth(s, fontPx, measure), 0);
/** The width of a legend item at `fontPx`: swatch or glyph, a space, the words. */
export function legendItemWidth(item, fontPx, measure) {
  const mark = item.swatch ? SWATCH_EMS[item.swatch] * fontPx : glyphWidth(GLYPH_EMS * fontPx);
  return mark + 0.4 * fontPx + measure(item.text, fontPx);
}

/**
 * The frame for graphs side by side (a comparison's two worlds; usually one graph), each `width` ×
 * `height` CSS px: all scaled by one `scale` — the device's pixel ratio, but never wider together than
 * `maxWidth` — left to right, each pane with its own headline band above its graph and its own caption
 * band at the bottom, one legend band across the frame between the graphs and the captions. All in frame
 * pixels, dimensions even. The bands' type is sized for the narrowest pane of the frame capped at
 * TYPE_MAX_WIDTH (the clip's, with a legible floor there) and scaled with the graphs from there
 * (`typeScale`), so the clip's frame and the GIF's are one frame at two sizes: their text the same share
 * of the frame, their lines broken in the same places. The legend's items are placed once (they do not
 * change); the headline's, which change with the step, by headlineLayout each frame.
 * Returns {width, height, scale, typeScale, panes: [{x, width}], graphTop, graphHeight (the tallest
 * graph's), headline, legend: {…, items: [{item, x, y}]}, caption}, each band {top, height, fontSize, padding}.
 */
export function panesFrameSize(boxes, { pixelRatio = 1, maxWidth = CLIP_MAX_WIDTH, measure = roughMeasure, legend = legendItems() } = {}) {
  if (!boxes.length) throw new RangeError('there is no graph to record');
  for (const { width, height } of boxes) {
    if (!(width > 0 && height > 0)) throw new RangeError(`the graph has no area (${width} × ${height})`);
  }
  const graphsWidth = boxes.reduce((sum, b) => sum + b.width, 0);
  const scaleWithin = (cap) => Math.min(Math.max(1, pixelRatio), cap / graphsWidth);
  const scale = scaleWithin(maxWidth);
  const typeFrameScale = scaleWithin(TYPE_MAX_WIDTH);
  const typeScale = scale / typeFrameScale;
  const panes = [];
  let x = 0;
  for (const box of boxes) {
    panes.push({ x, width: even(box.width * scale) });
    x += panes[panes.length - 1].width;
  }
  const frameWidth = x;
  const graphHeight = even(Math.max(...boxes.map((b) => b.height)) * scale);
  // The type as in the frame capped at TYPE_MAX_WIDTH (whole pixels there), then scaled with the graphs.
  const typePaneWidth = Math.min(...boxes.map((b) => even(b.width * typeFrameScale)));
  const typeBand = even(Math.max(CAPTION_MIN_PX, typePaneWidth * CAPTION_SHARE));
  const typeFont = Math.round(typeBand * 0.6);
  const band = even(typeBand * typeScale);
  const captionFont = typeFont * typeScale;

  const headlineFont = captionFont;
  const headlinePadding = Math.round(headlineFont * 0.5);
  const headlineHeight = even(HEADLINE_LINES * Math.round(headlineFont * LINE_HEIGHT) + 2 * headlinePadding);

  const legendFont = Math.max(10, Math.round(typeFont * 0.8)) * typeScale;
  const legendPadding = Math.round(legendFont * 0.6);
  const legendLine = Math.round(legendFont * LINE_HEIGHT);
  const placed = flowLines(legend.map((item) => legendItemWidth(item, legendFont, measure)), frameWidth - 2 * legendPadding, legendFont * 1.4);
  const legendHeight = legend.length ? even(lineCount(placed) * legendLine + 2 * legendPadding) : 0;

  const graphTop = headlineHeight;
  const legendTop = graphTop + graphHeight;
  const captionTop = legendTop + legendHeight;
  return {
    width: frameWidth, height: captionTop + band, scale, typeScale, panes, graphTop, graphHeight,
    headline: { top: 0, height: headlineHeight, fontSize: headlineFont, padding: headlinePadding },
    legend: {
      top: legendTop, height: legendHeight, fontSize: legendFont, padding: legendPadding, lineHeight: legendLine,
      items: legend.map((item, i) => ({
        item, x: legendPadding + placed[i].x, y: legendTop + legendPadding + (placed[i].line + 0.5) * legendLine,
      })),
    },
    caption: { top: captionTop, height: band, fontSize: captionFont, padding: Math.round(band * 0.4) },
  };
}

/** The frame for one graph: panesFrameSize with a single pane. */
export const frameSize = (box, options) => panesFrameSize([box], options);

/**
 * Where this frame's headline facts go in the headline band of `frame` (panesFrameSize's), above `pane`
 * (one of frame.panes, the first by default): {fontSize, facts: [{fact, x, y}]} with y the middle of the
 * fact's line. The facts flow over HEADLINE_LINES lines; if they do not fit, the font shrinks step by
 * step (to HEADLINE_MIN_SHARE of its size, then the last line runs long and the drawing squeezes it) — a
 * fact is never left out.
 */
export function headlineLayout(facts, frame, measure = roughMeasure, pane = frame.panes[0]) {
  const band = frame.headline;
  const width = pane.width - 2 * band.padding;
  let fontSize = band.fontSize;
  let placed;
  for (;;) {
    placed = flowLines(facts.map((f) => factWidth(f, fontSize, measure)), width, fontSize * 1.2);
    if (lineCount(placed) <= HEADLINE_LINES || fontSize <= band.fontSize * HEADLINE_MIN_SHARE) break;
    fontSize = Math.max(band.fontSize * HEADLINE_MIN_SHARE, fontSize * 0.9);  // in proportion: a GIF's shrinks as its clip's
  }
  const line = (band.height - 2 * band.padding) / HEADLINE_LINES;
  return {
    fontSize,
    facts: facts.map((fact, i) => ({
      fact, x: pane.x + band.padding + placed[i].x,
      y: band.top + band.padding + (Math.min(placed[i].line, HEADLINE_LINES - 1) + 0.5) * line,
    })),
  };
}

/**
 * Where a layer lands in the frame: its CSS box (`layer`, from getBoundingClientRect) relative to the
 * graph's (`graph`), times `scale`, from `origin` (frame px: its pane's left edge, the top of the graph
 * area). Null for a layer with no area (hidden), which is not drawn.
 */
export function layerPlacement(graph, layer, scale, origin = { x: 0, y: 0 }) {
  if (!(layer.width > 0 && layer.height > 0)) return null;
  return {
    x: origin.x + (layer.left - graph.left) * scale, y: origin.y + (layer.top - graph.top) * scale,
    width: layer.width * scale, height: layer.height * scale,
  };
}

/**
 * Where a pane's graph goes in the frame: the origin (frame px) for layerPlacement — where the top-left
 * corner of the graph's element (`graph`, its CSS box from getBoundingClientRect) lands — such that the
 * centre of `focus` (a CSS box in the same coordinates) is the centre of the pane's graph area (`pane`:
 * one of frame.panes; frame.graphTop, graphHeight, scale). `focus` is where the page centred the network:
 * the part of the graph its boxes (headline, a world's tag, the replay badge…) leave free
 * (graph/viewportFit.js). A frame draws those boxes' words in bands of their own, so centring what they
 * left free centres each world in its pane, whatever boxes its page had. Without a focus (the reader
 * moved the view: it is theirs) the graph's element is centred. Whole pixels, so layers are not resampled.
 */
export function graphOrigin(frame, pane, graph, focus = null) {
  const f = focus ?? graph;
  const fromGraph = { x: f.left + f.width / 2 - graph.left, y: f.top + f.height / 2 - graph.top };
  return {
    x: Math.round(pane.x + pane.width / 2 - fromGraph.x * frame.scale),
    y: Math.round(frame.graphTop + frame.graphHeight / 2 - fromGraph.y * frame.scale),
  };
}

/**
 * The caption: "FinSim · Liquidity freeze · seed 42 · heuristic · step 13" from the STATE_UPDATE on
 * screen (`shown`: {scenario, seed, policy, timestep}); "(replay)" when that step is a replayed one.
 * `title`, when given, follows "FinSim" (e.g. which world of a comparison: "B: No hoarding").
 */
export function captionText(shown, { replaying = false, title = '' } = {}) {
  const parts = ['FinSim', title];
  if (!shown) return parts.filter(Boolean).join(' · ');
  parts.push(humanName(shown.scenario));
  if (shown.seed !== undefined && shown.seed !== null) parts.push(`seed ${shown.seed}`);
  if (shown.policy) parts.push(shown.policy);
  if (Number.isFinite(shown.timestep)) parts.push(`step ${shown.timestep}${replaying ? ' (replay)' : ''}`);
  return parts.filter(Boolean).join(' · ');
}

/** The frame's background: the first opaque colour among the graph's and its ancestors' (nearest first). */
export function backgroundColour(colours, fallback = '#070b14') {
  return colours.find((c) => c && c !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(c)) ?? fallback;
}
