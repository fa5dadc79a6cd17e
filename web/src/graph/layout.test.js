import { describe, expect, it } from 'vitest';
import { concentricLayout, networkSignature } from './layout.js';

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
});
