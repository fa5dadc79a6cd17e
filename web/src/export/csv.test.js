import { describe, expect, it } from 'vitest';
import { comparisonCsv, csvFileName, metricsCsv, tableCsv } from './csv.js';

describe('CSV export', () => {
  it('writes one row per METRICS_UPDATE with the values as received', () => {
    const csv = metricsCsv([{ timestep: 0, liquidity: 1, default_rate: 0, equilibrium_score: 0.9 }, { timestep: 1, liquidity: 0.5, default_rate: 0.02, equilibrium_score: 0.7, asset_price: 0.97 }],
      ['timestep', 'liquidity', 'default_rate', 'equilibrium_score', 'asset_price']);
    expect(csv).toBe('timestep,liquidity,default_rate,equilibrium_score,asset_price\n0,1,0,0.9,\n1,0.5,0.02,0.7,0.97\n');
  });

  it('names the file after the run', () => {
    expect(csvFileName({ scenario: 'core_default', seed: 7, policy: 'heuristic' })).toBe('finsim-core_default-seed7-heuristic.csv');
  });

  it('writes a comparison as one table: both worlds up to the step both reached, each row naming its world', () => {
    const m = (timestep, liquidity) => ({ timestep, liquidity, default_rate: 0 });
    const csv = comparisonCsv([
      { world: 'A', label: 'Heuristic', policy: 'heuristic', series: [m(0, 1), m(1, 0.9), m(2, 0.8)] },
      { world: 'B', label: 'Heuristic, no hoarding', policy: 'heuristic+no_hoard', series: [m(0, 1), m(1, 0.95)] },
    ], ['timestep', 'liquidity', 'default_rate']);
    expect(csv).toBe('world,label,policy,timestep,liquidity,default_rate\n'
      + 'A,Heuristic,heuristic,0,1,0\nA,Heuristic,heuristic,1,0.9,0\n'
      + 'B,"Heuristic, no hoarding",heuristic+no_hoard,0,1,0\nB,"Heuristic, no hoarding",heuristic+no_hoard,1,0.95,0\n');
    expect(comparisonCsv([{ world: 'A', label: 'x', policy: 'p', series: [m(0, 1)] }, { world: 'B', label: 'y', policy: 'p', series: [] }],
      ['timestep'])).toBe('world,label,policy,timestep\n');
  });

  it('names a comparison\'s file after world A\'s run, world B\'s difference and its lesson', () => {
    const run = { scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic' };
    expect(csvFileName(run, { versus: 'policy:heuristic+no_hoard' })).toBe('finsim-liquidity_freeze-seed42-heuristic-vs-policy_heuristic_no_hoard.csv');
    expect(csvFileName(run, { versus: 'param:lender_of_last_resort=1', lesson: 3 }))
      .toBe('finsim-lesson3-liquidity_freeze-seed42-heuristic-vs-param_lender_of_last_resort_1.csv');
  });

  it('writes a table with labels, nested values and quoting', () => {
    const rows = [{ ticker: 'TEC1', fill: { price: 10.5 }, note: 'a "b", c' }, { ticker: 'FIN1', fill: null }];
    const csv = tableCsv(rows, ['ticker', { key: 'price', label: 'fill price', value: (r) => r.fill?.price }, 'note']);
    expect(csv).toBe('ticker,fill price,note\nTEC1,10.5,"a ""b"", c"\nFIN1,,\n');
  });
});
