import { describe, expect, it } from 'vitest';
import { comparisonBenchmark, excessOf, rankByExcess } from './modelRanking.js';

const model = (name, excess, total = 0.1) => ({ model: name, performance: { total_return: total,
  benchmark: excess === undefined ? undefined : { name: 'equal-weight buy-and-hold of 3 assets', excess_return: excess, benchmark_total_return: 0.2, benchmark_annual_return: 0.05 } } });

describe('ranking models by excess return', () => {
  it('puts the largest excess return first, however large the raw return, and those without one last', () => {
    const ranked = rankByExcess([model('a', -0.1, 0.5), model('b', 0.02, 0.1), model('c', undefined), model('d', 0.3, 0.05)]);
    expect(ranked.map((m) => m.model)).toEqual(['d', 'b', 'a', 'c']);
    expect(excessOf(model('x', undefined))).toBe(null);
  });

  it('names the benchmark every model was measured against', () => {
    expect(comparisonBenchmark([model('c', undefined), model('a', 0.1)]))
      .toEqual({ name: 'equal-weight buy-and-hold of 3 assets', total_return: 0.2, annual_return: 0.05 });
    expect(comparisonBenchmark([model('c', undefined)])).toBe(null);
  });
});
