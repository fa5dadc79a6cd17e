// Where the graph may be drawn: the part of its container that the boxes laid over it (headline,
// legend, notices, badges) leave free, and the viewport that fits the network into that part. Pure:
// rectangles in, a rectangle and a viewport out, all in rendered pixels relative to the container
// (x to the right, y down), except the graph's box, which is in model units.
//
// Each box sits against an edge of the container, so it can be kept off the graph in two ways: by a
// band across the container above or below it (a vertical cut), or by a band beside it (a horizontal
// cut). Every combination of cuts is tried; the network is drawn as large as the best one allows, and as
// near the container's centre as the area leaves it: a network pushed aside by a corner box (a world's
// tag) reads as misplaced, so an area in which it sits nearer the centre wins if the network is drawn at
// least CENTRED_SHARE as large there. Whichever wins, no box overlaps the free area, so no bank drawn
// inside it lies under a box.

/** @typedef {{x1: number, y1: number, x2: number, y2: number}} Rect */

const EMPTY_LIMIT = 12;  // boxes this close to empty (px) are not worth a cut
/** A free area that puts the network nearer the centre wins if the network is drawn at least this share as large. */
export const CENTRED_SHARE = 0.9;

/** The rect clipped to the container of the given size; null when nothing of it is inside or it is empty. */
function clip(rect, width, height) {
  const r = { x1: Math.max(0, rect.x1), y1: Math.max(0, rect.y1), x2: Math.min(width, rect.x2), y2: Math.min(height, rect.y2) };
  return r.x2 - r.x1 > 0 && r.y2 - r.y1 > 0 ? r : null;
}

/** The two ways to keep `box` off the free area: shrink the free area from the nearer top/bottom or left/right. */
function cutsFor(box, width, height) {
  const above = (box.y1 + box.y2) / 2 < height / 2;
  const leftOf = (box.x1 + box.x2) / 2 < width / 2;
  return [
    above ? (a) => ({ ...a, y1: Math.max(a.y1, box.y2) }) : (a) => ({ ...a, y2: Math.min(a.y2, box.y1) }),
    leftOf ? (a) => ({ ...a, x1: Math.max(a.x1, box.x2) }) : (a) => ({ ...a, x2: Math.min(a.x2, box.x1) }),
  ];
}

/** The zoom at which a graph of `graph` {w, h} model units fills `area` less `padding` px on each side. */
function zoomFor(area, graph, padding) {
  const w = area.x2 - area.x1 - 2 * padding;
  const h = area.y2 - area.y1 - 2 * padding;
  if (w <= 0 || h <= 0) return 0;
  return Math.min(w / Math.max(graph.w, 1), h / Math.max(graph.h, 1));
}

/**
 * Where a graph of `graph` {w, h} model units drawn at `zoom` goes in `area`: its centre (px), the point
 * nearest `centre` (the area's own centre when null) at which its rendered box and `padding` stay inside
 * the area (centred in the area along a side too short for it).
 */
export function placeIn(area, graph, zoom, padding = 0, centre = null) {
  const halfW = (zoom * Math.max(graph.w, 1)) / 2 + padding;
  const halfH = (zoom * Math.max(graph.h, 1)) / 2 + padding;
  const want = centre ?? { x: (area.x1 + area.x2) / 2, y: (area.y1 + area.y2) / 2 };
  const clampTo = (v, lo, hi) => (lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v)));
  return { x: clampTo(want.x, area.x1 + halfW, area.x2 - halfW), y: clampTo(want.y, area.y1 + halfH, area.y2 - halfH) };
}

/**
 * The free area for a graph of `graph` {w, h} (model units; only its proportions matter) in a container
 * of `width` × `height` px with `boxes` (Rects, px, relative to the container) over it: of the areas the
 * cuts leave, the one in which the graph is drawn largest, unless another draws it at least
 * CENTRED_SHARE as large and nearer the container's centre (then the nearest such). Returns a Rect that
 * intersects none of the boxes (touching an edge is not intersecting). With no boxes it is the whole
 * container.
 */
export function freeArea({ width, height, boxes = [], graph = { w: 1, h: 1 }, padding = 0 }) {
  const inside = boxes.map((b) => clip(b, width, height))
    .filter((b) => b && b.x2 - b.x1 >= 1 && b.y2 - b.y1 >= 1 && Math.max(b.x2 - b.x1, b.y2 - b.y1) >= EMPTY_LIMIT);
  const choices = inside.map((b) => cutsFor(b, width, height));
  const centre = { x: width / 2, y: height / 2 };
  const candidates = [];
  for (let mask = 0; mask < 1 << choices.length; mask++) {
    let area = { x1: 0, y1: 0, x2: width, y2: height };
    choices.forEach((cuts, i) => { area = cuts[(mask >> i) & 1](area); });
    const zoom = zoomFor(area, graph, padding);
    const at = placeIn(area, graph, zoom, padding, centre);
    const size = Math.max(0, area.x2 - area.x1) * Math.max(0, area.y2 - area.y1);
    candidates.push({ area, zoom, size, offset: Math.hypot(at.x - centre.x, at.y - centre.y) });
  }
  const largest = Math.max(...candidates.map((c) => c.zoom));
  const eligible = candidates.filter((c) => c.zoom >= CENTRED_SHARE * largest - 1e-9);
  // Nearest the centre to the pixel, then drawn largest, then the larger area.
  eligible.sort((a, b) => Math.round(a.offset) - Math.round(b.offset) || b.zoom - a.zoom || b.size - a.size);
  return eligible[0].area;
}

/**
 * The viewport {zoom, pan} that draws the model box `bounds` {x1, y1, w, h} in `area`, as large as fits
 * with `padding` px around it, with the zoom kept within [minZoom, maxZoom], centred at the point of the
 * area nearest `centre` (px; the area's own centre when null: placeIn), and that point (`at`, px). Below
 * minZoom the graph would overflow the area: choose a minZoom small enough for the largest network.
 */
export function viewportFor(bounds, area, { padding = 0, minZoom = 0, maxZoom = Infinity, centre = null } = {}) {
  const zoom = Math.min(maxZoom, Math.max(minZoom, zoomFor(area, bounds, padding) || minZoom));
  const at = placeIn(area, bounds, zoom, padding, centre);
  return { zoom, pan: { x: at.x - zoom * (bounds.x1 + bounds.w / 2), y: at.y - zoom * (bounds.y1 + bounds.h / 2) }, at };
}

/** A box that changed over the graph refits it only if the fit would draw the banks this much larger. */
export const REFIT_GAIN = 0.05;

/**
 * Whether the viewport `current` {zoom, pan} may stay when the boxes over the graph change and the fit
 * would now be `fitted` {zoom}: it still draws the model box `bounds` {x1, y1, w, h} wholly inside the new
 * free `area` (no bank covered, none cut off), and the fit would not draw it more than REFIT_GAIN larger.
 * A headline whose text changes width each step then leaves the network still, instead of nudging it (and
 * redrawing it whole) at every change. Returns the point (px) the banks are centred at when it may, else null.
 */
export function keptCentre(current, bounds, area, fitted) {
  if (!(fitted.zoom <= current.zoom * (1 + REFIT_GAIN))) return null;
  const x1 = current.pan.x + current.zoom * bounds.x1;
  const y1 = current.pan.y + current.zoom * bounds.y1;
  const x2 = x1 + current.zoom * bounds.w;
  const y2 = y1 + current.zoom * bounds.h;
  if (x1 < area.x1 || y1 < area.y1 || x2 > area.x2 || y2 > area.y2) return null;
  return { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
}

/** The largest Rect inside `area` centred on `at` (px): where a graph placed at `at` is centred. */
export function centredWithin(area, at) {
  const halfW = Math.max(0, Math.min(at.x - area.x1, area.x2 - at.x));
  const halfH = Math.max(0, Math.min(at.y - area.y1, area.y2 - at.y));
  return { x1: at.x - halfW, y1: at.y - halfH, x2: at.x + halfW, y2: at.y + halfH };
}

/** Whether two Rects overlap by more than a touch. */
export function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
