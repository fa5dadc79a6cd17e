import { describe, expect, it } from 'vitest';
import { MISSING_COLOUR, divergingColour, sequentialColour } from './heatmapScale.js';

describe('heatmap colour scales', () => {
  it('maps −1, 0 and 1 to red, neutral and blue', () => {
    expect(divergingColour(-1)).toBe('rgb(239, 68, 68)');
    expect(divergingColour(0)).toBe('rgb(30, 41, 59)');
    expect(divergingColour(1)).toBe('rgb(56, 189, 248)');
    expect(divergingColour(5)).toBe(divergingColour(1));
  });

  it('maps shares from dark to green and missing values to grey', () => {
    expect(sequentialColour(0)).toBe('rgb(15, 23, 42)');
    expect(sequentialColour(1)).toBe('rgb(34, 197, 94)');
    expect(sequentialColour(null)).toBe(MISSING_COLOUR);
    expect(divergingColour(Number.NaN)).toBe(MISSING_COLOUR);
  });
});
