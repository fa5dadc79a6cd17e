import { describe, expect, it } from 'vitest';
import { comparisonSearch, lessonSearch, readComparison, singleWorldSearch } from './compareAddress.js';
import { LESSON_LIST } from './lessons.js';

describe('what the address asks of the Compare view', () => {
  it('a comparison: world A is the address\'s run, world B the difference', () => {
    const read = readComparison('?scenario=liquidity_freeze&seed=42&policy=heuristic&embed=1&compare=policy:heuristic+no_hoard');
    expect(read.mode).toBe('compare');
    expect(read.difference).toEqual({ kind: 'policy', policy: 'heuristic+no_hoard' });
    expect(read.params).toMatchObject({ scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', embed: true });
    expect(read.lesson).toBeNull();
  });

  it('a lesson: its own run and difference replace the address\'s run; the view options stay', () => {
    const read = readComparison('?lesson=3&scenario=calm&banks=50&speed=5&embed=1');
    expect(read.lesson.id).toBe('lender_of_last_resort');
    expect(read.difference).toEqual({ kind: 'param', name: 'lender_of_last_resort', value: 1 });
    expect(read.params).toMatchObject({ scenario: 'liquidity_freeze', seed: 42, policy: 'heuristic', lender_of_last_resort: 0,
      speed: 5, embed: true, banks: undefined });
    expect(readComparison('?lesson=freeze_story').lesson.n).toBe(5);
  });

  it('one world, with a sentence, when the comparison or the lesson cannot be honoured', () => {
    expect(readComparison('?scenario=calm')).toEqual({ mode: 'single', notice: null });
    expect(readComparison('?compare=policy:heuristic+no_panic').notice).toMatch(/^“compare=policy:heuristic no_panic” in the address is not a comparison \(policy:NAME/);
    expect(readComparison('?lesson=99').notice).toBe('“lesson=99” in the address names no lesson: the page shows one world.');
  });

  it('links back to one world, to a lesson, and to a comparison of the run on screen', () => {
    expect(singleWorldSearch('?scenario=calm&compare=policy:all_lend&speed=5')).toBe('?scenario=calm&speed=5');
    expect(singleWorldSearch('?lesson=4&embed=1', LESSON_LIST[3])).toBe('?embed=1&scenario=liquidity_freeze&seed=42&policy=all_hoard');
    expect(lessonSearch('?scenario=calm&compare=policy:all_lend&speed=5&worker=1', 3)).toBe('?speed=5&worker=1&lesson=3');
    expect(comparisonSearch('?lesson=2&fx=0', { scenario: 'calm', seed: 1, policy: 'heuristic' }, { kind: 'policy', policy: 'all_lend' }))
      .toBe('?fx=0&scenario=calm&seed=1&policy=heuristic&compare=policy%3Aall_lend');
  });
});
