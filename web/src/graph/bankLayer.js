// The banks, drawn on a canvas of their own above the loans' (loanLayer.js). Cytoscape drew each bank
// from a texture it renders again whenever the bank's look changes: in a crisis step or a scrub most
// banks change at once, and those textures (their rendering and their `drawImage`) were most of the
// graph's time (docs/web.md, "Cost"). Here banks of one look are one path, filled once and outlined
// once, and the layer is painted again only when a bank's data, its selection, the view or the layout
// changed. Cytoscape keeps the banks as elements — invisible (`opacity: 0` in cyStyle.js) but still what
// is clicked, selected, fitted and read by the tests — and this layer draws what their data say.
import { SELECTION_COLOUR } from './cyStyle.js';
import { createCanvasLayer } from './canvasLayer.js';

/** The stress glow's colour by level 1–5 (visualEncoding.glowLevel). */
export const GLOW_COLOURS = [null, '#f59e0b', '#f97316', '#ef4444', '#dc2626', '#b91c1c'];
const OUTLINE = '#0b1220';
const LABEL = '#e2e8f0';
/** A failed bank: grey, its fill half transparent, its outline dashed, the whole at half opacity. */
export const FAILED = { fill: '#4b5563', fillAlpha: 0.55, border: '#9ca3af', label: '#9ca3af', opacity: 0.5 };
/** Labels smaller than this on screen are not drawn (they could not be read). */
const MIN_LABEL_PX = 8;
const FONT_PX = 11;

/**
 * How a bank looks, from its Cytoscape data ({size, colour, glow, defaulted, label}), whether it is
 * selected, and the zoom: {radius, fill, fillAlpha, border, borderWidth, dashed, opacity, glow: {colour,
 * alpha, radius} | null, label: {text, colour} | null}. Model units; alphas in [0, 1].
 */
export function bankLook(data, { selected = false, zoom = 1 } = {}) {
  const radius = data.size / 2;
  const failed = Boolean(data.defaulted);
  const level = failed ? 0 : (data.glow ?? 0);
  const showLabel = Boolean(data.label) && FONT_PX * zoom >= MIN_LABEL_PX;
  return {
    radius,
    fill: failed ? FAILED.fill : data.colour,
    fillAlpha: failed ? FAILED.fillAlpha : 1,
    border: selected ? SELECTION_COLOUR : failed ? FAILED.border : OUTLINE,
    borderWidth: selected ? 4 : 1.5,
    dashed: failed && !selected,
    opacity: failed && !selected ? FAILED.opacity : 1,
    glow: level > 0 ? { colour: GLOW_COLOURS[level], alpha: 0.12 + level * 0.08, radius: radius + 3 + level * 2.2 } : null,
    label: showLabel ? { text: String(data.label), colour: failed ? FAILED.label : LABEL } : null,
  };
}

function group(map, key, make) {
  if (!map.has(key)) map.set(key, make());
  return map.get(key);
}

/**
 * The drawing of the banks, grouped so that each group is one fill or one stroke: glows, then bodies,
 * then outlines (the selected bank's last), then labels. `banks` are `{x, y, look}`.
 */
export function bankDrawing(banks) {
  const glows = new Map();
  const bodies = new Map();
  const outlines = new Map();
  const labels = [];
  for (const { x, y, look } of banks) {
    if (look.glow) group(glows, `${look.glow.colour}|${look.glow.alpha}|${look.opacity}`, () => ({ kind: 'fill', colour: look.glow.colour, alpha: look.glow.alpha * look.opacity, circles: [] })).circles.push({ x, y, r: look.glow.radius });
    group(bodies, `${look.fill}|${look.fillAlpha * look.opacity}`, () => ({ kind: 'fill', colour: look.fill, alpha: look.fillAlpha * look.opacity, circles: [] })).circles.push({ x, y, r: look.radius });
    // The outline is centred on the disc's edge, as Cytoscape drew it (its border-position: center).
    group(outlines, `${look.border}|${look.borderWidth}|${look.dashed}|${look.opacity}`, () => ({ kind: 'stroke', colour: look.border, width: look.borderWidth,
      dashed: look.dashed, alpha: look.opacity, circles: [] })).circles.push({ x, y, r: look.radius });
    if (look.label) labels.push({ kind: 'label', x, y, text: look.label.text, colour: look.label.colour, alpha: look.opacity });
  }
  const selectedLast = [...outlines.values()].sort((a, b) => (a.colour === SELECTION_COLOUR) - (b.colour === SELECTION_COLOUR));
  return [...glows.values(), ...bodies.values(), ...selectedLast, ...labels];
}

/** Draws `bankDrawing`'s groups on a 2D context already transformed to model units. */
export function paintBanks(ctx, groups) {
  for (const g of groups) {
    ctx.globalAlpha = g.alpha;
    if (g.kind === 'label') {
      ctx.font = `600 ${FONT_PX}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineJoin = 'round';
      ctx.lineWidth = 4;  // Cytoscape's text-outline-width 2, on both sides of the glyph's edge
      ctx.strokeStyle = OUTLINE;
      ctx.strokeText(g.text, g.x, g.y);
      ctx.fillStyle = g.colour;
      ctx.fillText(g.text, g.x, g.y);
      continue;
    }
    ctx.beginPath();
    for (const { x, y, r } of g.circles) {
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, Math.max(0, r), 0, 2 * Math.PI);
    }
    if (g.kind === 'fill') {
      ctx.fillStyle = g.colour;
      ctx.fill();
    } else {
      ctx.setLineDash(g.dashed ? [6, 3] : []);
      ctx.strokeStyle = g.colour;
      ctx.lineWidth = g.width;
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  ctx.globalAlpha = 1;
}

/** The banks on a Cytoscape instance with their looks, as `bankDrawing` reads them. */
export function banksOn(cy) {
  const zoom = cy.zoom();
  return cy.nodes().map((n) => {
    const p = n.position();
    return { x: p.x, y: p.y, look: bankLook(n.data(), { selected: n.selected(), zoom }) };
  });
}

/**
 * Draws `cy`'s banks on `canvas` (above the loans' canvas, under the overlay), at Cytoscape's pan and
 * zoom, once per animation frame at most and only after a bank's data, place or selection, the view or
 * the container changed. Returns {redraw(), draws(), dispose(), lookOf(id)}.
 */
export function createBankLayer({ cy, canvas, requestFrame, cancelFrame }) {
  const layer = createCanvasLayer({
    cy, canvas, requestFrame, cancelFrame,
    paint(ctx) { paintBanks(ctx, bankDrawing(banksOn(cy))); },
    events: [['add remove data position select unselect', 'node'], ['viewport resize']],
  });
  return {
    ...layer,
    /** How bank `id` is drawn now (`bankLook`), or null if it is not on the graph: for the tests. */
    lookOf(id) {
      const n = cy.getElementById(String(id));
      return n.empty() ? null : bankLook(n.data(), { selected: n.selected(), zoom: cy.zoom() });
    },
  };
}
