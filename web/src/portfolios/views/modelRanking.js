// Models ranked by what they add over doing nothing: the excess return over the comparison's benchmark
// (the equal-weight buy-and-hold of the same universe; docs/portfolio.md, "The benchmark"). Pure.

/** The model's excess return over the benchmark, or null when the server gave none. */
export const excessOf = (m) => (Number.isFinite(m?.performance?.benchmark?.excess_return) ? m.performance.benchmark.excess_return : null);

/** The models, best excess return first; those without one last, in the server's order. */
export function rankByExcess(models) {
  return models.map((m, i) => ({ m, i })).sort((a, b) => {
    const x = excessOf(a.m);
    const y = excessOf(b.m);
    if (x === null || y === null) return (x === null) - (y === null) || a.i - b.i;
    return y - x || a.i - b.i;
  }).map(({ m }) => m);
}

/** The benchmark the models were measured against ({name, total_return, annual_return}), or null. */
export function comparisonBenchmark(models) {
  const b = models.find((m) => m.performance?.benchmark)?.performance.benchmark;
  return b ? { name: b.name, total_return: b.benchmark_total_return, annual_return: b.benchmark_annual_return } : null;
}
