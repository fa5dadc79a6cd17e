import { describe, expect, it } from 'vitest';
import { mergeNavSeries, pivotSlices } from './reshape.js';

describe('reshaping server series for charts', () => {
  it('pivots dated slices into one row per date, keeping every served weight', () => {
    const { keys, rows } = pivotSlices([
      { date: '2019-11-01', by_sector: [{ name: 'tech', weight: 0.2 }] },
      { date: '2019-11-04', by_sector: [{ name: 'tech', weight: 0.1 }, { name: 'energy', weight: 0.3 }] },
    ], 'by_sector');
    expect(keys).toEqual(['tech', 'energy']);
    expect(rows).toEqual([{ date: '2019-11-01', tech: 0.2 }, { date: '2019-11-04', tech: 0.1, energy: 0.3 }]);
  });

  it('merges NAV series by date', () => {
    const rows = mergeNavSeries([
      { name: 'zero', nav: [{ date: '2019-11-04', nav: 101 }, { date: '2019-11-01', nav: 100 }] },
      { name: 'flat', nav: [{ date: '2019-11-01', nav: 100 }, { date: '2019-11-04', nav: 99 }] },
    ]);
    expect(rows).toEqual([{ date: '2019-11-01', zero: 100, flat: 100 }, { date: '2019-11-04', zero: 101, flat: 99 }]);
  });

  it('copes with missing series', () => {
    expect(pivotSlices(undefined, 'by_class')).toEqual({ keys: [], rows: [] });
    expect(mergeNavSeries([{ name: 'a' }])).toEqual([]);
  });
});
