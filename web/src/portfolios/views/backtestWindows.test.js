import { describe, expect, it } from 'vitest';
import { windowsBeaten } from './Backtests.jsx';

describe('the walk-forward windows of a backtest', () => {
  it('counts the windows in which it beat its benchmark', () => {
    expect(windowsBeaten([{ excess_return: 0.01 }, { excess_return: -0.02 }, { excess_return: 0 }, { excess_return: 0.3 }])).toBe('2 of 4');
    expect(windowsBeaten([])).toBe('');
    expect(windowsBeaten(undefined)).toBe('');
  });
});
