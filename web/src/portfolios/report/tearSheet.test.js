import { describe, expect, it } from 'vitest';
import { navSvg, tearSheetHtml } from './tearSheet.js';

const q = (a) => ({ p5: a[0], p25: a[1], p50: a[2], p75: a[3], p95: a[4] });
const input = {
  portfolio: { name: 'Alpha <&> "quoted"', kind: 'live', model: 'linear', nav: 101234.5, fees_paid: 12, fee_structure: { name: 'ibkr_fixed' }, market: { name: 'default' } },
  performance: { summary: { total_return: 0.0123, sharpe: 1.25, max_drawdown: -0.05, periods: 40, start: '2016-01-04', end: '2016-03-01',
    benchmark: { name: 'equal-weight buy-and-hold of 3 assets', benchmark_total_return: 0.02, excess_return: -0.0077, alpha: 0.01, beta: 0.8, correlation: 0.7 } },
    nav: [{ date: '2016-01-04', nav: 100000 }, { date: '2016-01-05', nav: 100500 }, { date: '2016-03-01', nav: 101234.5 }] },
  risk: { worst_drawdowns: [{ depth: -0.05, peak_date: '2016-01-10', trough_date: '2016-02-01', recovery_date: null }] },
  monteCarlo: { paths: 2000, horizon: 40, sample: 40, block: 5, seed: 1, probability_of_loss: 0.31,
    final_return: q([-0.05, -0.01, 0.01, 0.03, 0.07]), final_nav: q([96000, 100000, 102000, 104000, 108000]), max_drawdown: q([-0.12, -0.08, -0.05, -0.03, -0.01]) },
  generated: '2026-12-05 04:00',
};

describe('the tear sheet', () => {
  it('is one standalone HTML file with the server\'s figures, formatted, and every text escaped', () => {
    const html = tearSheetHtml(input);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|src=|href=/);
    expect(html).toContain('Alpha &lt;&amp;&gt; &quot;quoted&quot;');
    expect(html).not.toContain('Alpha <&>');
    expect(html).toContain('+1.23 %');          // total return
    expect(html).toContain('equal-weight buy-and-hold of 3 assets');
    expect(html).toContain('−0.77 %');          // excess return
    expect(html).toContain('not yet');          // the drawdown not recovered
    expect(html).toContain('31.0 %');           // probability of a loss
    expect(html).toContain('108,000.00');       // the 95th percentile of the net worth
    expect(html).toContain('<polyline');
  });

  it('says what it lacks instead of drawing nothing', () => {
    const bare = tearSheetHtml({ ...input, performance: { summary: {}, nav: [] }, risk: { worst_drawdowns: [] }, monteCarlo: null });
    expect(bare).toContain('No history yet.');
    expect(bare).toContain('No drawdown yet.');
    expect(bare).not.toContain('Monte Carlo');
    expect(bare).not.toContain('Against the benchmark');
  });

  it('draws the NAV from its lowest to its highest point across the width', () => {
    const svg = navSvg([{ date: 'a', nav: 10 }, { date: 'b', nav: 20 }, { date: 'c', nav: 15 }], 100, 50);
    expect(svg).toContain('points="0.0,50.0 50.0,0.0 100.0,25.0"');
  });
});
