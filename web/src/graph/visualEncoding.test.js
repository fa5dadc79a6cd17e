import { describe, expect, it } from 'vitest';
import { capitalColour, edgeWidth, glowLevel, nodeData, nodeSize } from './visualEncoding.js';

describe('visual encoding', () => {
  it('colours strong capital green and thin or negative capital red', () => {
    expect(capitalColour(0.2)).toBe('#16a34a');
    expect(capitalColour(-0.3)).toBe('#dc2626');
    expect(capitalColour(0.07)).toBe('#eab308');
  });

  it('sizes nodes by tier, core largest', () => {
    expect(nodeSize(1, 100)).toBeGreaterThan(nodeSize(2, 100));
    expect(nodeSize(2, 100)).toBeGreaterThan(nodeSize(3, 100));
    expect(nodeSize(3, 1000)).toBeLessThan(nodeSize(3, 100));
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
