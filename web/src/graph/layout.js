// Node positions, computed once per network (never while it runs): concentric rings by tier, core
// banks in the middle. Periphery banks are ordered around their ring by the core bank they are most
// linked to at timestep 0, so that each core bank's clients sit together and edges stay short.

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
    const nodeGap = tier === 1 ? 70 : tier === 2 ? 38 : 26;
    const minRadius = (ids.length * nodeGap * spacing) / (2 * Math.PI);
    radius = ids.length === 1 && radius === 0 ? 0 : Math.max(minRadius, radius + (previousSize ? 110 * spacing : 0));
    previousSize = ids.length;
    // Start each ring where its anchor core bank sits, so spokes point outwards.
    ids.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2 + (tier === 1 ? 0 : Math.PI / Math.max(1, core.length));
      positions[id] = { x: Math.round(radius * Math.cos(angle) * 10) / 10, y: Math.round(radius * Math.sin(angle) * 10) / 10 };
    });
  }
  return positions;
}
