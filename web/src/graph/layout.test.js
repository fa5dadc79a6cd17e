import { describe, expect, it } from 'vitest';
import { concentricLayout, networkSignature, subRings } from './layout.js';

const nodes = [
  ...[0, 1, 2].map((i) => ({ id: String(i), tier: 1 })),
  ...[3, 4, 5, 6].map((i) => ({ id: String(i), tier: 2 })),
  ...[7, 8, 9, 10, 11, 12].map((i) => ({ id: String(i), tier: 3 })),
];
const edges = [{ source: '0', target: '7', weight: 5 }, { source: '2', target: '8', weight: 9 }, { source: '1', target: '3', weight: 1 }];
const radius = (p) => Math.hypot(p.x, p.y);

describe('the concentric layout', () => {
  it('places core banks inside, tier 2 around them, tier 3 outside', () => {
    const pos = concentricLayout(nodes, edges);
    const r = (ids) => ids.map((i) => radius(pos[String(i)]));
    expect(Math.max(...r([0, 1, 2]))).toBeLessThan(Math.min(...r([3, 4, 5, 6])));
    expect(Math.max(...r([3, 4, 5, 6]))).toBeLessThan(Math.min(...r([7, 8, 9, 10, 11, 12])));
  });

  it('is a pure function of the network: the same input gives the same positions', () => {
    expect(concentricLayout(nodes, edges)).toEqual(concentricLayout(nodes.slice(), edges.slice()));
  });

  it('puts every node somewhere distinct', () => {
    const pos = concentricLayout(nodes, edges);
    const keys = new Set(Object.values(pos).map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(nodes.length);
  });

  it('signs a network by its size and tiers (a new signature means a new layout)', () => {
    expect(networkSignature(nodes)).toBe('13:1112222333333');
    expect(networkSignature(nodes.slice(1))).not.toBe(networkSignature(nodes));
  });

  // The tiers of a 1,000-bank network as the engine builds it (finsim run --banks 1000: 32 / 300 / 668).
  const large = [[1, 32], [2, 300], [3, 668]].flatMap(([tier, n]) => Array.from({ length: n }, () => tier))
    .map((tier, i) => ({ id: String(i), tier }));

  it('folds a tier of hundreds of banks into a few sub-rings: 1,000 banks make a disk a third as wide', () => {
    const pos = concentricLayout(large, []);
    const outer = Math.max(...Object.values(pos).map(radius));
    expect(outer).toBeLessThan(800);  // one ring per tier: 668 × 26 / 2π ≈ 2,764
    const byTier = (t) => large.filter((n) => n.tier === t).map((n) => radius(pos[n.id]));
    expect(Math.max(...byTier(1))).toBeLessThan(Math.min(...byTier(2)));
    expect(Math.max(...byTier(2))).toBeLessThan(Math.min(...byTier(3)));
  });

  it('keeps every bank of a folded tier at least its gap from every other', () => {
    const points = Object.values(concentricLayout(large, []));
    let closest = Infinity;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) closest = Math.min(closest, Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
    }
    expect(closest).toBeGreaterThanOrEqual(25.5);  // tier 3's gap (26), less the rounding to 0.1
  });

  it('keeps one ring when a second would not make the tier smaller (100 banks), folds when it would', () => {
    expect(subRings(60, 26, 331)).toEqual({ rings: 1, first: 331 });
    expect(subRings(668, 26, 700)).toEqual({ rings: 4, first: 700 });  // 1,000 banks' tier 3
  });
});
