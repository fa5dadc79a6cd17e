// What one frame of a clip holds and where: the graph's canvas layers (Cytoscape's and the animation
// overlay) drawn in page order onto one canvas, over the page's background, with a caption band below
// naming the run and the step so a slide says what it shows. Pure geometry and text; clipRecorder.js draws.
import { humanName } from '../format.js';

/** The widest frame recorded (px): enough for a slide, and light on a software encoder. */
export const CLIP_MAX_WIDTH = 1280;
/** The caption band's height as a share of the frame's width (with a floor, below). */
const CAPTION_SHARE = 0.03;
const CAPTION_MIN_PX = 22;

const even = (n) => Math.max(2, 2 * Math.round(n / 2));  // encoders want even dimensions

/**
 * The frame's size for a graph of `width` × `height` CSS px: the graph scaled by `scale` — the
 * device's pixel ratio, but never wider than `maxWidth` — with the caption band under it. All in frame
 * pixels, even. Returns {width, height, scale, graphHeight, caption: {top, height, fontSize, padding}}.
 */
export function frameSize({ width, height }, { pixelRatio = 1, maxWidth = CLIP_MAX_WIDTH } = {}) {
  if (!(width > 0 && height > 0)) throw new RangeError(`the graph has no area (${width} × ${height})`);
  const scale = Math.min(Math.max(1, pixelRatio), maxWidth / width);
  const frameWidth = even(width * scale);
  const graphHeight = even(height * scale);
  const band = even(Math.max(CAPTION_MIN_PX, frameWidth * CAPTION_SHARE));
  return {
    width: frameWidth, height: graphHeight + band, scale, graphHeight,
    caption: { top: graphHeight, height: band, fontSize: Math.round(band * 0.6), padding: Math.round(band * 0.4) },
  };
}

/**
 * Where a layer lands in the frame: its CSS box (`layer`, from getBoundingClientRect) relative to the
 * graph's (`graph`), times `scale`. Null for a layer with no area (hidden), which is not drawn.
 */
export function layerPlacement(graph, layer, scale) {
  if (!(layer.width > 0 && layer.height > 0)) return null;
  return {
    x: (layer.left - graph.left) * scale, y: (layer.top - graph.top) * scale,
    width: layer.width * scale, height: layer.height * scale,
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
