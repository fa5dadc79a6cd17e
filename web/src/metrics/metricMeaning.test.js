import { describe, expect, it } from 'vitest';
import { SYSTEM_METRICS, metricTone } from './metricMeaning.js';

describe('metric tones (presentation thresholds)', () => {
  it('liquidity: green from 0.9, red below 0.6, amber between', () => {
    expect(metricTone('liquidity', 1)).toBe('good');
    expect(metricTone('liquidity', 0.9)).toBe('good');
    expect(metricTone('liquidity', 0.89)).toBe('warn');
    expect(metricTone('liquidity', 0.6)).toBe('warn');
    expect(metricTone('liquidity', 0.59)).toBe('bad');
    expect(metricTone('liquidity', 0)).toBe('bad');
  });

  it('default rate: green at 0, plain up to 5 %, amber above 5 %, red above 20 %', () => {
    expect(metricTone('default_rate', 0)).toBe('good');
    expect(metricTone('default_rate', 0.01)).toBe('neutral');
    expect(metricTone('default_rate', 0.05)).toBe('neutral');
    expect(metricTone('default_rate', 0.06)).toBe('warn');
    expect(metricTone('default_rate', 0.2)).toBe('warn');
    expect(metricTone('default_rate', 0.21)).toBe('bad');
    expect(metricTone('default_rate', 1)).toBe('bad');
  });

  it('equilibrium score: green from 0.8, red below 0.5, amber between (a collapsed system scores 0: red)', () => {
    expect(metricTone('equilibrium_score', 0.8)).toBe('good');
    expect(metricTone('equilibrium_score', 0.79)).toBe('warn');
    expect(metricTone('equilibrium_score', 0.5)).toBe('warn');
    expect(metricTone('equilibrium_score', 0.49)).toBe('bad');
    expect(metricTone('equilibrium_score', 0)).toBe('bad');
  });

  it('asset price: against its start, green from 95 %, red below 80 %, plain without a start', () => {
    expect(metricTone('asset_price', 1.02, { startPrice: 1 })).toBe('good');
    expect(metricTone('asset_price', 0.95, { startPrice: 1 })).toBe('good');
    expect(metricTone('asset_price', 0.9, { startPrice: 1 })).toBe('warn');
    expect(metricTone('asset_price', 1.5, { startPrice: 2 })).toBe('bad');
    expect(metricTone('asset_price', 0.7)).toBe('neutral');
  });

  it('judges nothing it was not sent', () => {
    expect(metricTone('liquidity', undefined)).toBe('none');
    expect(metricTone('default_rate', NaN)).toBe('none');
    expect(metricTone('total_equity', 5)).toBe('none');
  });

  it('explains every metric in one line', () => {
    expect(SYSTEM_METRICS.map((m) => m.key)).toEqual(['liquidity', 'default_rate', 'equilibrium_score', 'asset_price']);
    for (const m of SYSTEM_METRICS) expect(m.meaning.length).toBeGreaterThan(30);
    expect(SYSTEM_METRICS[0].meaning).toContain('failed banks');
    expect(SYSTEM_METRICS[2].meaning).toContain('collapsed system is not in equilibrium');
  });
});
