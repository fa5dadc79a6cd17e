import { describe, expect, it } from 'vitest';
import { overlayPoints, sharedBounds, sharedRange } from './compareChart.js';

const s = (...values) => values.map((v, i) => ({ timestep: i, liquidity: v }));

describe('the overlaid chart', () => {
  it('places both worlds on one step axis, up to the step both reached', () => {
    expect(sharedRange(s(1, 1, 1, 1), s(1, 1, 1))).toEqual([0, 2]);
    expect(sharedRange(s(), s(1))).toBeNull();
    expect(sharedRange(s(...Array(10).fill(1)), s(...Array(10).fill(1)), undefined, 4)).toEqual([6, 9]);
  });

  it('draws a step of world A above the same step of world B, on shared bounds', () => {
    const a = s(1, 0.5, 0);
    const b = s(1, 1, 1);
    const range = sharedRange(a, b);
    const bounds = sharedBounds([a, b], 'liquidity', range);
    expect(bounds).toEqual({ min: 0, max: 1 });
    expect(overlayPoints(a, 'liquidity', range, bounds)).toBe('0.0,2.0 120.0,32.0 240.0,62.0');
    expect(overlayPoints(b, 'liquidity', range, bounds)).toBe('0.0,2.0 120.0,2.0 240.0,2.0');
    expect(sharedBounds([a], 'liquidity', range, { min: 0, max: 2 })).toEqual({ min: 0, max: 2 });
  });
});
