import { describe, expect, it } from 'vitest';
import { capitalColour, edgeWidth, glowLevel, nodeData, nodeSize } from './visualEncoding.js';
import { concentricLayout } from './layout.js';
import { viewportFor } from './fitArea.js';

describe('visual encoding', () => {
  it('colours strong capital green and thin or negative capital red', () => {
    expect(capitalColour(0.2)).toBe('#16a34a');
    expect(capitalColour(-0.3)).toBe('#dc2626');
    expect(capitalColour(0.07)).toBe('#eab308');
  });

  it('sizes nodes by tier, core largest, in a small network and a large one', () => {
    for (const banks of [100, 1000]) {
      expect(nodeSize(1, banks)).toBeGreaterThan(nodeSize(2, banks));
      expect(nodeSize(2, banks)).toBeGreaterThan(nodeSize(3, banks));
    }
    expect([1, 2, 3].map((tier) => nodeSize(tier, 100))).toEqual([44, 26, 16]);
  });

  it('glows with stress in five levels, none when calm', () => {
    expect(glowLevel(0)).toBe(0);
    expect(glowLevel(0.3)).toBe(2);
    expect(glowLevel(1)).toBe(5);
  });

  it('thickens edges with exposure, monotonically', () => {
    const widths = [0, 1, 10, 100, 1000].map(edgeWidth);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThanOrEqual(widths[i - 1]);
    expect(widths[4]).toBeGreaterThan(widths[1]);
  });

  it('greys a defaulted bank and drops its glow, whatever its stress', () => {
    const d = nodeData({ id: '4', tier: 2, capital_ratio: 0.1, stress: 1, status: 'defaulted' }, 100);
    expect(d).toMatchObject({ defaulted: true, glow: 0, colour: '#6b7280' });
  });
});

// The tiers of a network as the engine builds it (finsim run --banks N), laid out as the page does, and
// the zoom at which the page fits it: the free part of a 1280 × 800 page's 890 × 413 stage under the
// headline (web/e2e/layout.mjs measures 334 px for the banks there), with viewportFit.js's 16 px padding.
function fitted(tiers) {
  const nodes = tiers.flatMap(([tier, n]) => Array.from({ length: n }, () => tier)).map((tier, i) => ({ id: String(i), tier }));
  const positions = concentricLayout(nodes, []);
  const banks = nodes.map((n) => ({ ...positions[n.id], size: nodeSize(n.tier, nodes.length) }));
  const x1 = Math.min(...banks.map((b) => b.x - b.size / 2));
  const y1 = Math.min(...banks.map((b) => b.y - b.size / 2));
  const bounds = { x1, y1, w: Math.max(...banks.map((b) => b.x + b.size / 2)) - x1, h: Math.max(...banks.map((b) => b.y + b.size / 2)) - y1 };
  const { zoom } = viewportFor(bounds, { x1: 0, y1: 40, x2: 890, y2: 413 }, { padding: 16 });
  return { banks, zoom };
}

describe('node sizes on screen', () => {
  it('draws every bank of 1,000 at least 4.5 px across, where 0.45 × the small sizes made 1.5 px dots', () => {
    const { banks, zoom } = fitted([[1, 32], [2, 300], [3, 668]]);
    expect(zoom).toBeGreaterThan(0.2);
    expect(Math.min(...banks.map((b) => b.size * zoom))).toBeGreaterThanOrEqual(4.5);
    expect(Math.round(7 * zoom * 10) / 10).toBeLessThanOrEqual(1.5);  // the old tier-3 size, at the same zoom
  });

  it('keeps a margin between any two of the 1,000 banks (at least a border, 1.5 units), so crowds stay dots', () => {
    const { banks } = fitted([[1, 32], [2, 300], [3, 668]]);
    let tightest = Infinity;
    for (let i = 0; i < banks.length; i++) {
      for (let j = i + 1; j < banks.length; j++) {
        const a = banks[i];
        const b = banks[j];
        tightest = Math.min(tightest, Math.hypot(a.x - b.x, a.y - b.y) - (a.size + b.size) / 2);
      }
    }
    expect(tightest).toBeGreaterThanOrEqual(1.5);
  });

  it('leaves the 100-bank network as it was: its smallest banks about 8 px across', () => {
    const { banks, zoom } = fitted([[1, 10], [2, 30], [3, 60]]);
    expect(Math.min(...banks.map((b) => b.size * zoom))).toBeGreaterThan(7);
  });
});
