import { describe, expect, it } from 'vitest';
import { MODEL_COLOURS, modelColour, modelLabel } from './modelColours.js';

describe('model colours', () => {
  it("gives the brief's four models their colours, whatever the case", () => {
    expect(modelColour('linear')).toBe('#3b82f6');
    expect(modelColour('CNN')).toBe('#a855f7');
    expect(modelColour('xgboost')).toBe('#f97316');
    expect(modelColour('llm')).toBe('#22c55e');
  });

  it('gives any other model a stable colour that is not one of the four', () => {
    const four = Object.values(MODEL_COLOURS);
    expect(modelColour('momentum')).toBe(modelColour('momentum'));
    expect(four).not.toContain(modelColour('momentum'));
    expect(four).not.toContain(modelColour('manual'));
  });

  it('names models for people', () => {
    expect(modelLabel('xgboost')).toBe('XGBoost');
    expect(modelLabel('my-gpt')).toBe('my-gpt');
  });
});
