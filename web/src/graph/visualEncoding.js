// Visual encoding (brief §7): what a node and an edge look like, from the fields the engine sent.
// These are display scales only (which colour, how thick), not calculations about the system.
import { tierGap } from './layout.js';

/** Capital ratio → colour: red at or below 0, amber around the usual 6 % requirement, green from 12 %. */
const CAPITAL_STOPS = [
  [0.0, [220, 38, 38]],
  [0.04, [234, 88, 12]],
  [0.07, [234, 179, 8]],
  [0.1, [132, 204, 22]],
  [0.13, [22, 163, 74]],
];

export function capitalColour(ratio) {
  const r = Number.isFinite(ratio) ? ratio : 0;
  if (r <= CAPITAL_STOPS[0][0]) return rgb(CAPITAL_STOPS[0][1]);
  for (let i = 1; i < CAPITAL_STOPS.length; i++) {
    const [x1, c1] = CAPITAL_STOPS[i];
    if (r <= x1) {
      const [x0, c0] = CAPITAL_STOPS[i - 1];
      const f = (r - x0) / (x1 - x0);
      return rgb(c0.map((v, k) => Math.round(v + (c1[k] - v) * f)));
    }
  }
  return rgb(CAPITAL_STOPS[CAPITAL_STOPS.length - 1][1]);
}

function rgb([r, g, b]) {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Colour quantised to 24 steps so that a bank's style changes only when its colour visibly does. */
export function capitalColourQuantised(ratio) {
  const r = Number.isFinite(ratio) ? ratio : 0;
  return capitalColour(Math.round(Math.max(-0.01, Math.min(0.14, r)) * 160) / 160);
}

/** Above this many banks a tier's banks sit one gap apart on sub-rings (graph/layout.js). */
export const LARGE_NETWORK = 300;
/**
 * The share of its tier's gap that a bank's disc fills in a large network: the dots as large as the
 * layout leaves room for, with a dark margin between neighbours so that a crowd stays a crowd of dots.
 * At 1,000 banks fitted into a 1280 × 800 page (zoom ≈ 0.22) a tier-3 bank is then ≈ 4.8 px across.
 */
export const LARGE_NETWORK_FILL = 0.85;

/**
 * Node diameter (model units) by tier: the brief's sizes at up to LARGE_NETWORK banks; above, each tier
 * fills LARGE_NETWORK_FILL of its layout gap — never less than the small network's size — because the
 * whole network is drawn at a fifth of the zoom and smaller dots could be neither seen nor clicked.
 */
export function nodeSize(tier, bankCount) {
  const base = tier === 1 ? 44 : tier === 2 ? 26 : 16;
  if (bankCount <= LARGE_NETWORK) return base;
  return Math.max(base, Math.floor(LARGE_NETWORK_FILL * tierGap(tier)));
}

/** Stress in [0, 1] → glow level 0..5 (0 = none). */
export function glowLevel(stress) {
  if (!(stress > 0.05)) return 0;
  return Math.min(5, Math.ceil(stress * 5));
}

/** Exposure → edge width in pixels on a log scale (a few units to thousands). */
export function edgeWidth(weight) {
  if (!(weight > 0)) return 0.5;
  return Math.round(Math.min(7, Math.max(0.6, 0.9 * Math.log10(1 + weight) * 1.6)) * 4) / 4;
}

/** The node's data for Cytoscape, from a STATE_UPDATE node. */
export function nodeData(node, bankCount) {
  const defaulted = node.status === 'defaulted';
  return {
    id: node.id,
    label: node.tier === 1 || bankCount <= 30 ? node.id : '',
    size: nodeSize(node.tier, bankCount),
    colour: defaulted ? '#6b7280' : capitalColourQuantised(node.capital_ratio),
    glow: defaulted ? 0 : glowLevel(node.stress),
    defaulted,
    tier: node.tier,
  };
}

export function edgeId(edge) {
  return `${edge.source}>${edge.target}`;
}

export function edgeData(edge) {
  return { id: edgeId(edge), source: edge.source, target: edge.target, width: edgeWidth(edge.weight) };
}
