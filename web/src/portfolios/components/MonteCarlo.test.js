import { describe, expect, it } from 'vitest';
import { fanRows, monteCarloRows } from './MonteCarlo.jsx';

const q = (a) => ({ p5: a[0], p25: a[1], p50: a[2], p75: a[3], p95: a[4] });

describe('the Monte Carlo panel', () => {
  it('starts the fan at 0 and pairs the bands for the chart', () => {
    expect(fanRows([{ period: 10, ...q([-0.1, -0.02, 0.01, 0.04, 0.12]) }])).toEqual([
      { period: 0, outer: [0, 0], inner: [0, 0], p50: 0 },
      { period: 10, outer: [-0.1, 0.12], inner: [-0.02, 0.04], p50: 0.01 },
    ]);
  });

  it('lists the server\'s percentiles of the final return, the net worth and the deepest drawdown', () => {
    const rows = monteCarloRows({ final_return: q([-0.1, 0, 0.05, 0.1, 0.2]), final_nav: q([900, 1000, 1050, 1100, 1200]),
      max_drawdown: q([-0.3, -0.2, -0.1, -0.05, -0.01]) });
    expect(rows.map((r) => r.what)).toEqual(['Return at the end', 'Net worth at the end', 'Deepest drawdown']);
    expect(rows[1].p50).toBe('1,050.00');
    expect(rows[2].p5).toMatch(/30/);
  });
});
