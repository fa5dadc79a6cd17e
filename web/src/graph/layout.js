// Node positions, computed once per network (never while it runs): concentric rings by tier, core
// banks in the middle. Periphery banks are ordered around their ring by the core bank they are most
// linked to at timestep 0, so that each core bank's clients sit together and edges stay short.
// A tier too large for one ring of sensible size (hundreds of banks) zigzags over a few sub-rings one
// gap apart, still in that order: at 1,000 banks the network is a disk a third as wide as one ring per
// tier would make it, so each bank is drawn three to four times larger when the whole network is fitted.

/** Centre-to-centre distance between neighbouring banks of a tier (model units, at spacing 1): along a
 *  ring, and between the sub-rings of a large tier. visualEncoding.js sizes large networks' banks by it. */
export const TIER_GAP = { 1: 70, 2: 38, 3: 26 };

/** The gap of `tier` (a tier beyond 3, should one come, is spaced like tier 3). */
export const tierGap = (tier) => TIER_GAP[tier] ?? TIER_GAP[3];

export function networkSignature(nodes) {
  let s = `${nodes.length}:`;
  for (const n of nodes) s += n.tier;
  return s;
}

/** {id → {x, y}} for the STATE_UPDATE's nodes and edges (edges only guide the order in each ring). */
export function concentricLayout(nodes, edges, { spacing = 1 } = {}) {
  const tiers = new Map();
  for (const n of nodes) {
    if (!tiers.has(n.tier)) tiers.set(n.tier, []);
    tiers.get(n.tier).push(n.id);
  }
  const core = (tiers.get(1) ?? []).slice().sort((a, b) => Number(a) - Number(b));
  const coreIndex = new Map(core.map((id, i) => [id, i]));
  const anchor = new Map();
  for (const e of edges) {
    for (const [self, other] of [[e.source, e.target], [e.target, e.source]]) {
      if (!coreIndex.has(other) || coreIndex.has(self)) continue;
      const best = anchor.get(self);
      if (!best || e.weight > best.weight) anchor.set(self, { core: coreIndex.get(other), weight: e.weight });
    }
  }
  const positions = {};
  const ringOrder = [...tiers.keys()].sort((a, b) => a - b);
  let radius = 0;
  let previousSize = 0;
  for (const tier of ringOrder) {
    const ids = tier === 1 ? core : tiers.get(tier).slice().sort((a, b) => {
      const ka = anchor.get(a)?.core ?? core.length;
      const kb = anchor.get(b)?.core ?? core.length;
      return ka - kb || Number(a) - Number(b);
    });
    const gap = tierGap(tier) * spacing;
    const inner = radius + (previousSize ? 110 * spacing : 0);
    const { rings, first } = tier === 1 ? { rings: 1, first: Math.max(inner, ringRadius(ids.length, gap, 1)) } : subRings(ids.length, gap, inner);
    const start = ids.length === 1 && radius === 0 ? 0 : first;
    previousSize = ids.length;
    // Start each ring where its anchor core bank sits, so spokes point outwards.
    ids.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2 + (tier === 1 ? 0 : Math.PI / Math.max(1, core.length));
      const r = start + (i % rings) * gap;
      positions[id] = { x: Math.round(r * Math.cos(angle) * 10) / 10, y: Math.round(r * Math.sin(angle) * 10) / 10 };
    });
    radius = start + (rings - 1) * gap;
  }
  return positions;
}

/** The radius at which `count` banks, spread over `rings` sub-rings, sit `gap` apart along their ring. */
function ringRadius(count, gap, rings) {
  return (count * gap) / (2 * Math.PI * rings);
}

/**
 * How many sub-rings `count` banks take (the number whose outermost ring is smallest, the fewest on a
 * tie) and the first one's radius, given that it may not start inside `inner`.
 */
export function subRings(count, gap, inner) {
  let best = { rings: 1, first: Math.max(inner, ringRadius(count, gap, 1)) };
  for (let rings = 2; rings <= Math.max(1, Math.ceil(Math.sqrt(count))); rings++) {
    const first = Math.max(inner, ringRadius(count, gap, rings));
    if (first + (rings - 1) * gap < best.first + (best.rings - 1) * gap - 1e-9) best = { rings, first };
  }
  return best;
}
