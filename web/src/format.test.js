import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatShare, formatSignedShare, signClass } from './format.js';

describe('formatting', () => {
  it('writes money with separators and cents', () => {
    expect(formatMoney(1234.5)).toBe('1,234.50');
    expect(formatMoney(-0.004)).toBe('-0.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('signs returns and shows undefined figures as a dash', () => {
    expect(formatSignedShare(0.0123)).toBe('+1.23 %');
    expect(formatSignedShare(-0.5, 1)).toBe('−50.0 %');
    expect(formatSignedShare(0)).toBe('0.00 %');
    expect(formatSignedShare(Number.NaN)).toBe('—');
    expect(formatShare(0.1234)).toBe('12.3 %');
  });

  it('writes plain numbers and classes signs', () => {
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(12000)).toBe('12,000');
    expect([signClass(2), signClass(-1), signClass(0), signClass(null)]).toEqual(['good', 'bad', '', '']);
  });
});
