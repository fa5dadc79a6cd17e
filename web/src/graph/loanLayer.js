// The loans, drawn on a canvas of their own under the banks' (bankLayer.js). Cytoscape, which drew
// them, repaints everything it draws whenever anything changes: with ~530 loans stroked one by one as its
// own elements, every step's repaint of a 100-bank graph cost a frame over 25 ms on a software-
// rendered 2-core machine (docs/web.md, "Cost"). Here all loans of one width are one path and all
// arrowheads of one colour one fill, and the layer is drawn again only when a loan, the view or the
// layout changed — never because a bank changed colour.
//
// Cytoscape keeps the loans as elements (hidden: `display: none` in cyStyle.js) — they are the graph
// the overlay, the inspector and the tests read; this layer only draws them. It draws what their data
// and classes say: `gone` loans not at all, `highlight` ones (the selected bank's) in their colour above
// the rest.
import { SELECTION_COLOUR } from './cyStyle.js';
import { createCanvasLayer } from './canvasLayer.js';

/** A loan's line. Opaque colours (pre-blended with the background) draw faster than translucent lines. */
export const LOAN_COLOUR = '#3a4a66';
export const LOAN_ARROW_COLOUR = '#55688a';
/** A bank's outline reaches past its disc by half its border (cyStyle.js: border-width 1.5). */
const BORDER_HALF = 0.75;
/** Arrowheads at 0.7 of Cytoscape's own triangle (cyStyle.js once had `arrow-scale: 0.7`). */
const ARROW_SCALE = 0.7;

/**
 * An arrowhead's size in model units for a loan `width` wide: Cytoscape's own triangle (its base size
 * max((13.37 w)^0.9, 29), the triangle 0.3 of it long and 0.3 across), so the loans look as before.
 */
export function arrowSize(width) {
  const base = Math.max((width * 13.37) ** 0.9, 29) * ARROW_SCALE;
  return { length: 0.3 * base, halfWidth: 0.15 * base };
}

/**
 * Where a loan from a bank at `from` (radius `fromRadius`) to one at `to` is drawn: its line from the
 * lender's outline to the arrowhead's base and, when `arrow`, the arrowhead's three corners with its tip
 * on the borrower's outline. Null when the banks overlap (nothing to draw between them).
 */
export function loanGeometry({ from, to, fromRadius, toRadius, width, arrow = true }) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const start = fromRadius + BORDER_HALF;
  const tipAt = length - toRadius - BORDER_HALF;
  if (!(tipAt > start)) return null;
  const ux = dx / length;
  const uy = dy / length;
  const at = (d) => ({ x: from.x + ux * d, y: from.y + uy * d });
  if (!arrow) return { line: [at(start), at(tipAt)], head: null };
  const { length: headLength, halfWidth } = arrowSize(width);
  const baseAt = Math.max(start, tipAt - headLength);
  const base = at(baseAt);
  return {
    line: [at(start), base],
    head: [at(tipAt), { x: base.x - uy * halfWidth, y: base.y + ux * halfWidth }, { x: base.x + uy * halfWidth, y: base.y - ux * halfWidth }],
  };
}

/**
 * The drawing of the loans shown, grouped so that each group is one stroke (lines of one width and
 * colour) or one fill (arrowheads of one colour): `[{kind: 'line'|'head', colour, width, shapes}]`,
 * highlighted loans last (drawn on top). `loans` are `{source, target, width, highlight}`; `banks` maps an
 * id to `{x, y, radius}` (model units).
 */
export function loanDrawing(loans, banks, { arrows = true } = {}) {
  const lines = new Map();
  const heads = new Map();
  for (const loan of loans) {
    const from = banks.get(loan.source);
    const to = banks.get(loan.target);
    if (!from || !to) continue;
    const g = loanGeometry({ from, to, fromRadius: from.radius, toRadius: to.radius, width: loan.width, arrow: arrows });
    if (!g) continue;
    const layer = loan.highlight ? 1 : 0;
    const lineKey = `${layer}|${loan.width}`;
    if (!lines.has(lineKey)) lines.set(lineKey, { kind: 'line', layer, colour: layer ? SELECTION_COLOUR : LOAN_COLOUR, width: loan.width, shapes: [] });
    lines.get(lineKey).shapes.push(g.line);
    if (g.head) {
      if (!heads.has(layer)) heads.set(layer, { kind: 'head', layer, colour: layer ? SELECTION_COLOUR : LOAN_ARROW_COLOUR, shapes: [] });
      heads.get(layer).shapes.push(g.head);
    }
  }
  const groups = [...lines.values(), ...heads.values()];
  return groups.sort((a, b) => a.layer - b.layer || (a.kind === b.kind ? 0 : a.kind === 'line' ? -1 : 1));
}

/** Draws `loanDrawing`'s groups on a 2D context already transformed to model units. */
export function paintLoans(ctx, groups) {
  for (const group of groups) {
    ctx.beginPath();
    for (const points of group.shapes) {
      ctx.moveTo(points[0].x, points[0].y);
      for (let i = 1; i < points.length; i++) ctx.lineTo(points[i].x, points[i].y);
      if (group.kind === 'head') ctx.closePath();
    }
    if (group.kind === 'line') {
      ctx.strokeStyle = group.colour;
      ctx.lineWidth = group.width;
      ctx.stroke();
    } else {
      ctx.fillStyle = group.colour;
      ctx.fill();
    }
  }
}

/** The loans and banks on a Cytoscape instance, as `loanDrawing` reads them. */
export function loansOn(cy) {
  const banks = new Map();
  cy.nodes().forEach((n) => {
    const p = n.position();
    banks.set(n.id(), { x: p.x, y: p.y, radius: (n.data('size') ?? 20) / 2 });
  });
  const loans = [];
  cy.edges().forEach((e) => {
    const d = e.data();
    if (d.gone) return;
    loans.push({ source: d.source, target: d.target, width: d.width, highlight: e.hasClass('highlight') });
  });
  return { loans, banks };
}

/**
 * Draws `cy`'s loans on `canvas` (placed under the banks' canvas, the same size), at Cytoscape's pan and
 * zoom, once per animation frame at most and only after a loan, a bank's place, the view or the
 * container changed. `arrows()` says whether loans get arrowheads (not above ARROW_EDGE_LIMIT loans).
 * Returns {redraw(), draws(), dispose()}: `draws()` counts the paints (for tests and diagnostics).
 */
export function createLoanLayer({ cy, canvas, arrows = () => true, requestFrame, cancelFrame }) {
  return createCanvasLayer({
    cy, canvas, requestFrame, cancelFrame,
    paint(ctx) {
      const { loans, banks } = loansOn(cy);
      paintLoans(ctx, loanDrawing(loans, banks, { arrows: arrows() }));
    },
    events: [['add remove data class', 'edge'], ['add remove position', 'node'], ['viewport resize']],
  });
}
