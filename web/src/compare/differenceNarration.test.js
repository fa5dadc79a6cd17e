import { describe, expect, it } from 'vitest';
import { divergence, metricsAt, narrateDifference } from './differenceNarration.js';

const m = (timestep, defaulted_banks, asset_price = 1, liquidity = 1) => ({ timestep, defaulted_banks, asset_price, liquidity });
const labels = { a: 'With hoarding', b: 'when banks kept lending' };

describe('the difference in words', () => {
  it('says how many banks failed in each world by the step both show', () => {
    const seriesA = [m(0, 0), m(10, 0, 0.9), m(11, 5, 0.8, 0.7), m(20, 31, 0.7, 0.5)];
    const seriesB = [m(0, 0), m(10, 0, 0.95), m(11, 0, 0.93, 0.9), m(20, 2, 0.9, 0.85)];
    const text = narrateDifference({ seriesA, seriesB, step: 20, labels }).map((s) => s.text);
    expect(text).toEqual([
      'With hoarding: 31 banks failed by step 20; when banks kept lending: 2.',
      'Their failures first differed at step 11.',
      'Asset price: 0.700 against 0.900.',
      'Liquidity: 50 % against 85 %.',
    ]);
  });

  it('says when the worlds are still identical, and when an intervention will act', () => {
    const same = [m(0, 0), m(1, 0), m(2, 0)];
    expect(narrateDifference({ seriesA: same, seriesB: same, step: 2, labels, actsAt: 10 }).map((s) => s.text)).toEqual([
      'No bank has failed in either world by step 2.',
      'So far the two worlds are identical: the same failures, price and liquidity at every step. The difference acts at step 10.',
    ]);
  });

  it('tells equal failures apart from equal figures', () => {
    const a = [m(0, 0), m(1, 1, 0.9)];
    const b = [m(0, 0), m(1, 1, 0.95)];
    const text = narrateDifference({ seriesA: a, seriesB: b, step: 1, labels }).map((s) => s.text);
    expect(text[0]).toBe('Both worlds lost 1 bank by step 1.');
    expect(text[1]).toBe('Their figures first differed at step 1; their failures have not (yet).');
  });

  it('says nothing before both worlds reported the step', () => {
    expect(narrateDifference({ seriesA: [m(0, 0), m(1, 0)], seriesB: [m(0, 0)], step: 1, labels })).toEqual([]);
    expect(narrateDifference({ seriesA: [], seriesB: [], step: null, labels })).toEqual([]);
  });

  it('finds a step in a series and the first differing steps', () => {
    expect(metricsAt([m(0, 0), m(1, 2), m(2, 3)], 1).defaulted_banks).toBe(2);
    expect(metricsAt([m(0, 0), m(2, 3)], 1)).toBeNull();
    expect(divergence([m(0, 0), m(1, 0, 0.9), m(2, 4)], [m(0, 0), m(1, 0), m(2, 1)], 2)).toEqual({ firstDifference: 1, firstFailureDifference: 2 });
    expect(divergence([m(0, 0), m(1, 0), m(2, 4)], [m(0, 0), m(1, 0), m(2, 1)], 1)).toEqual({ firstDifference: null, firstFailureDifference: null });
  });
});
