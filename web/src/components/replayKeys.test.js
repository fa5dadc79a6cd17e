import { describe, expect, it } from 'vitest';
import { timelineTakesKey } from './replayKeys.js';

const input = (type) => ({ tagName: 'INPUT', type });

describe('which keys the timeline takes from the focused control', () => {
  it('takes none from a text field, the slider or radio buttons', () => {
    for (const target of [input('text'), input('number'), input('search'), input(''), { tagName: 'TEXTAREA' },
      { tagName: 'DIV', isContentEditable: true }, input('range'), input('radio')]) {
      expect(['ArrowLeft', 'ArrowRight', 'Home', 'End'].some((key) => timelineTakesKey(target, key))).toBe(false);
    }
  });

  it('takes ← → from a select and leaves it ↑ ↓ Home End', () => {
    const select = { tagName: 'SELECT' };
    expect(['ArrowLeft', 'ArrowRight'].map((key) => timelineTakesKey(select, key))).toEqual([true, true]);
    expect(['ArrowUp', 'ArrowDown', 'Home', 'End'].map((key) => timelineTakesKey(select, key))).toEqual([false, false, false, false]);
  });

  it('takes every key from the page, a button, a checkbox or a link', () => {
    for (const target of [null, { tagName: 'BODY' }, { tagName: 'BUTTON' }, input('checkbox'), input('button'), { tagName: 'A' }]) {
      expect(timelineTakesKey(target, 'ArrowLeft') && timelineTakesKey(target, 'End')).toBe(true);
    }
  });
});
