import { describe, expect, it } from 'vitest';
import { findLesson, LESSON_LIST, parseLessonParam } from './lessons.js';
import { formatDifference } from './compareSpec.js';

describe('the lessons as prepared comparisons', () => {
  it('are the contrasts of docs/lessons.md, each one difference on one run', () => {
    const contrasts = LESSON_LIST.map((l) => `${l.id}: ${l.run.scenario} ${l.run.policy}${l.run.lender_of_last_resort !== undefined
      ? ` lender_of_last_resort=${l.run.lender_of_last_resort}` : ''} vs ${formatDifference(l.difference)}`);
    expect(contrasts).toEqual([
      'local_hoarding: calm heuristic vs force_action:3:HOARD@20',
      'propagation: core_default heuristic vs param:shock_defaults=0',
      'lender_of_last_resort: liquidity_freeze heuristic lender_of_last_resort=0 vs param:lender_of_last_resort=1',
      'freeze_hoarding: liquidity_freeze all_hoard vs policy:all_lend',
      'freeze_story: liquidity_freeze heuristic vs policy:heuristic+no_hoard',
      'spiral_fire_sales: fire_sale_spiral all_fire_sale vs policy:all_hold',
      'equilibrium: liquidity_freeze all_hoard vs policy:all_lend',
      'dial_core_default: core_default mappo-selfish vs policy:mappo-cooperative',
    ]);
  });

  it('each says what to watch in one paragraph and names both worlds', () => {
    for (const l of LESSON_LIST) {
      expect(l.watch.length, l.id).toBeGreaterThan(150);
      expect(l.watch, l.id).toMatch(/world A/);
      expect(l.labels.a && l.labels.b, l.id).toBeTruthy();
    }
  });

  it('are found by number from 1 or by id; anything else is rejected', () => {
    expect(findLesson('1').id).toBe('local_hoarding');
    expect(findLesson('4').id).toBe('freeze_hoarding');
    expect(findLesson('dial_core_default').n).toBe(8);
    expect(findLesson('0')).toBeNull();
    expect(parseLessonParam('?lesson=x')).toEqual({ rejected: 'x' });
    expect(parseLessonParam('?seed=1')).toEqual({});
  });
});
