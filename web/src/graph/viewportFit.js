// Keeps the network in the part of its stage that the boxes over it leave free (graph/fitArea.js): the
// graph is fitted there when a network is built, when its container changes size (a window or an
// embedding frame resized, a phone turned) and when a box over it appears, disappears or changes size
// (a notice, the replay badge, a headline that wraps) — the last only while the reader has not panned or
// zoomed since, so the page never takes the view out of their hands. Browser-only (ResizeObserver,
// MutationObserver); fitArea.js holds the geometry and its tests.
//
// The boxes are the stage's children other than the graph itself, the loading cover, the replay frame
// (a border drawn inside the stage's edge) and page-level toasts; a group (.stage-top: the headline with
// the notices under it; .stage-foot: a compared world's tag with the replay badge) counts as its
// children. Anything placed over the graph later is kept off the banks without being listed here.
//
// The banks are placed as near the stage's centre as the free area allows (fitArea.js, placeIn). The part
// of the free area centred on them is marked on the graph's container (FIT_AREA) until the reader moves
// the view, so that a recorded frame can centre it (export/frameComposition.js, graphOrigin).
import { centredWithin, freeArea, keptCentre, viewportFor } from './fitArea.js';

export const NOT_OVER_GRAPH = '.graph, .loading, .replay-frame, .toast';
export const GROUP = '.stage-top, .stage-foot';
export const STAGE = '.stage';
const PADDING = 16;  // px between the outermost banks and the free area's edge
/** The container's attribute holding the area the banks were fitted in: "x1 y1 x2 y2", px relative to it. */
export const FIT_AREA = 'data-fit-area';

/** Marks `area` (a Rect relative to `container`) as the one the banks are centred in; null unmarks. */
export function markFitArea(container, area) {
  if (area) container.setAttribute(FIT_AREA, [area.x1, area.y1, area.x2, area.y2].map((v) => Math.round(v)).join(' '));
  else container.removeAttribute(FIT_AREA);
}

/**
 * The marked fit area of the container inside `element` (or of `element` itself) as a CSS box in the
 * page's coordinates ({left, top, width, height}, as getBoundingClientRect gives), or null: never fitted,
 * or the reader has moved the view since.
 */
export function fitAreaBox(element) {
  const container = element.matches?.(`[${FIT_AREA}]`) ? element : element.querySelector(`[${FIT_AREA}]`);
  const [x1, y1, x2, y2] = (container?.getAttribute(FIT_AREA) ?? '').split(' ').map(Number);
  if (!(x2 > x1 && y2 > y1)) return null;
  const origin = container.getBoundingClientRect();
  return { left: origin.left + x1, top: origin.top + y1, width: x2 - x1, height: y2 - y1 };
}

/** The elements over the graph in `stage`: its children, a group's children in its place. */
export function overlayElements(stage) {
  const out = [];
  for (const child of stage.children) {
    if (child.matches(NOT_OVER_GRAPH)) continue;
    if (child.matches(GROUP)) out.push(...child.children);
    else out.push(child);
  }
  return out;
}

/** The boxes over the graph, in the coordinates of the graph's container (px). */
export function overlayBoxes(stage, container) {
  const origin = container.getBoundingClientRect();
  const boxes = [];
  for (const element of overlayElements(stage)) {
    const r = element.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    boxes.push({ x1: r.left - origin.left, y1: r.top - origin.top, x2: r.right - origin.left, y2: r.bottom - origin.top });
  }
  return boxes;
}

export function createViewportFit(cy) {
  const container = cy.container();
  const stage = container.closest(STAGE) ?? container.parentElement;
  let fitting = false;
  let readerMoved = false;
  let frame = 0;

  /**
   * Fits every bank into the free area; returns the part of it centred on them (px, relative to the
   * graph's container). `keep`: a box over the graph changed, so the view stays where it is if it still
   * shows every bank clear of the boxes and the fit would not draw them notably larger (fitArea.keptCentre).
   */
  function fit(keep = false) {
    const nodes = cy.nodes();
    const width = container.clientWidth;
    const height = container.clientHeight;
    if (nodes.empty() || width === 0 || height === 0) {
      markFitArea(container, null);
      return null;
    }
    const bounds = nodes.boundingBox();
    const area = freeArea({ width, height, boxes: overlayBoxes(stage, container), graph: bounds, padding: PADDING });
    const centre = { x: width / 2, y: height / 2 };
    const { zoom, pan, at } = viewportFor(bounds, area, { padding: PADDING, minZoom: cy.minZoom(), maxZoom: cy.maxZoom(), centre });
    const kept = keep ? keptCentre({ zoom: cy.zoom(), pan: cy.pan() }, bounds, area, { zoom }) : null;
    if (kept) {
      const stays = centredWithin(area, kept);
      markFitArea(container, stays);
      return stays;
    }
    fitting = true;
    cy.viewport({ zoom, pan });
    fitting = false;
    readerMoved = false;
    // What a recorded frame centres (export/frameComposition.js): the part of the area centred on the banks.
    const fitted = centredWithin(area, at);
    markFitArea(container, fitted);
    return fitted;
  }

  // One fit per frame at most; `force` (the container resized) fits even after the reader moved the view.
  let forced = false;
  const later = (force) => {
    forced ||= force;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (forced || !readerMoved) fit(!forced);
      forced = false;
    });
  };
  const onViewport = () => {
    if (fitting) return;
    readerMoved = true;
    markFitArea(container, null);
  };
  cy.on('viewport', onViewport);

  const containerObserver = new ResizeObserver(() => { cy.resize(); later(true); });
  containerObserver.observe(container);
  // Each box is watched for its size; the stage and its groups for boxes coming and going.
  const boxObserver = new ResizeObserver(() => later(false));
  let watched = new Set();
  const watchBoxes = () => {
    const now = new Set(overlayElements(stage));
    for (const e of watched) if (!now.has(e)) boxObserver.unobserve(e);
    for (const e of now) if (!watched.has(e)) boxObserver.observe(e);
    watched = now;
    later(false);
  };
  const childObserver = new MutationObserver(watchBoxes);
  childObserver.observe(stage, { childList: true });
  for (const group of stage.querySelectorAll(`:scope > :is(${GROUP})`)) childObserver.observe(group, { childList: true });
  watchBoxes();

  return {
    fit,
    dispose() {
      cancelAnimationFrame(frame);
      cy.off('viewport', onViewport);
      containerObserver.disconnect();
      boxObserver.disconnect();
      childObserver.disconnect();
    },
  };
}
