// Where the graph may be drawn: the part of its container that the boxes laid over it (headline,
// legend, notices, badges) leave free, and the viewport that fits the network into that part. Pure:
// rectangles in, a rectangle and a viewport out, all in rendered pixels relative to the container
// (x to the right, y down), except the graph's box, which is in model units.
//
// Each box sits against an edge of the container, so it can be kept off the graph in two ways: by a
// band across the container above or below it (a vertical cut), or by a band beside it (a horizontal
// cut). Every combination of cuts is tried and the one in which the network can be drawn largest wins;
// whichever wins, no box overlaps the free area, so no bank drawn inside it lies under a box.

/** @typedef {{x1: number, y1: number, x2: number, y2: number}} Rect */

const EMPTY_LIMIT = 12;  // boxes this close to empty (px) are not worth a cut

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
 * The largest free area for a graph of `graph` {w, h} (model units; only its proportions matter) in a
 * container of `width` × `height` px with `boxes` (Rects, px, relative to the container) over it.
 * Returns a Rect that intersects none of the boxes (touching an edge is not intersecting). With no
 * boxes it is the whole container.
 */
export function freeArea({ width, height, boxes = [], graph = { w: 1, h: 1 }, padding = 0 }) {
  const inside = boxes.map((b) => clip(b, width, height))
    .filter((b) => b && b.x2 - b.x1 >= 1 && b.y2 - b.y1 >= 1 && Math.max(b.x2 - b.x1, b.y2 - b.y1) >= EMPTY_LIMIT);
  const choices = inside.map((b) => cutsFor(b, width, height));
  let best = { x1: 0, y1: 0, x2: width, y2: height };
  let bestZoom = -1;
  let bestSize = -1;
  for (let mask = 0; mask < 1 << choices.length; mask++) {
    let area = { x1: 0, y1: 0, x2: width, y2: height };
    choices.forEach((cuts, i) => { area = cuts[(mask >> i) & 1](area); });
    const zoom = zoomFor(area, graph, padding);
    const size = Math.max(0, area.x2 - area.x1) * Math.max(0, area.y2 - area.y1);
    if (zoom > bestZoom + 1e-9 || (Math.abs(zoom - bestZoom) <= 1e-9 && size > bestSize)) {
      best = area;
      bestZoom = zoom;
      bestSize = size;
    }
  }
  return best;
}

/**
 * The viewport {zoom, pan} that draws the model box `bounds` {x1, y1, w, h} centred in `area`, as large
 * as fits with `padding` px around it, with the zoom kept within [minZoom, maxZoom]. Below minZoom the
 * graph would overflow the area: choose a minZoom small enough for the largest network.
 */
export function viewportFor(bounds, area, { padding = 0, minZoom = 0, maxZoom = Infinity } = {}) {
  const zoom = Math.min(maxZoom, Math.max(minZoom, zoomFor(area, bounds, padding) || minZoom));
  const cx = (area.x1 + area.x2) / 2;
  const cy = (area.y1 + area.y2) / 2;
  return { zoom, pan: { x: cx - zoom * (bounds.x1 + bounds.w / 2), y: cy - zoom * (bounds.y1 + bounds.h / 2) } };
}

/** Whether two Rects overlap by more than a touch. */
export function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
