import { describe, expect, it } from 'vitest';
import { causalOrder, failedBanksNamed, failuresOfStep, QUESTIONS_PER_STEP, sameVerdicts, sharedTelling, toldSteps } from './stepFailures.js';
import { coreDefaultStep10, coreDefaultStep15, liquidityFreezeStep18 } from './testing/engineAnswers.js';

const def = (from, timestamp, cause, forcedBy) => ({ event_type: 'DEFAULT', from, timestamp, cause, event_id: `evt-${timestamp}-${from}`,
  ...(forcedBy ? { forced_by: forcedBy } : {}) });

// core_default, seed 42 (finsim run --scenario core_default --seed 42 --steps 200): the failures of
// steps 10 and 13.
const coreDefault = [def(2, 10, 'forced', 'shock'), def(34, 10, 'insolvent'), def(54, 10, 'insolvent'), def(69, 10, 'insolvent'),
  def(71, 10, 'insolvent'), def(48, 12, 'illiquid'), def(10, 13, 'insolvent'), def(4, 13, 'illiquid'), def(8, 13, 'illiquid'),
  { event_type: 'PRICE_DROP', timestamp: 11, amount: -0.01 }];

describe('the failures the narration explains', () => {
  it('asks about a step\'s unforced failures, lowest banks first, at most a few; forced ones are told as forced', () => {
    expect(QUESTIONS_PER_STEP).toBe(3);
    expect(failuresOfStep(coreDefault, 10)).toEqual({ step: 10, forced: [{ by: 'shock', banks: [2] }], asked: [34, 54, 69], unasked: [71] });
    expect(failuresOfStep(coreDefault, 13)).toEqual({ step: 13, forced: [], asked: [4, 8, 10], unasked: [] });
    expect(failuresOfStep(coreDefault, 11)).toEqual({ step: 11, forced: [], asked: [], unasked: [] });
  });

  it('groups forced failures by what forced them, the shock first; an engine that does not say, last', () => {
    const step = [def(9, 4, 'forced', 'intervention'), def(3, 4, 'forced'), def(6, 4, 'forced', 'shock'), def(1, 4, 'forced', 'intervention'),
      def(5, 4, 'forced', 'shock_and_intervention'), def(8, 4, 'forced', 'gremlins')];
    expect(failuresOfStep(step, 4).forced).toEqual([{ by: 'shock', banks: [6] }, { by: 'intervention', banks: [1, 9] },
      { by: 'shock_and_intervention', banks: [5] }, { by: undefined, banks: [3, 8] }]);
  });

  it('tells where the failures began and the latest failures up to the step on screen', () => {
    expect(toldSteps(coreDefault, 9)).toEqual([]);
    expect(toldSteps(coreDefault, 10)).toEqual([10]);
    expect(toldSteps(coreDefault, 12)).toEqual([10, 12]);
    expect(toldSteps(coreDefault, 200)).toEqual([10, 13]);
    // Only forced failures so far: nothing began that the engine could explain; the forced step is told.
    expect(toldSteps([def(2, 10, 'forced')], 20)).toEqual([10]);
    expect(toldSteps(undefined, 20)).toEqual([]);
  });
});

describe('the order and grouping come from the engine\'s answers', () => {
  it('reads the failed banks an answer names among its causes (debtors, lenders), not its recalls', () => {
    expect([...failedBanksNamed(liquidityFreezeStep18.get(21))]).toEqual([82, 5]);
    expect(failedBanksNamed(liquidityFreezeStep18.get(5)).has(21)).toBe(false);
    expect(failedBanksNamed(undefined).size).toBe(0);
  });

  it('tells the trigger first: Bank 5, whose failure the engine names among the causes of Banks 21 and 66', () => {
    expect(causalOrder([66, 21, 5], liquidityFreezeStep18)).toEqual([5, 21, 66]);
    // Without the answers, nothing says what came first: lowest numbers first.
    expect(causalOrder([66, 21, 5], new Map())).toEqual([5, 21, 66]);
  });

  it('tells Bank 51 before Bank 43, whose loss on Bank 51\'s failure the engine weighs (core_default, step 15)', () => {
    expect(causalOrder([42, 43, 51], coreDefaultStep15)).toEqual([42, 51, 43]);
  });

  it('puts a named bank first even when its number is higher, and breaks a cycle at the lowest', () => {
    const names = (...banks) => ({ causes: [{ kind: 'debtor_default', bank: null, banks }] });
    expect(causalOrder([3, 9], new Map([[3, names(9)]]))).toEqual([9, 3]);
    expect(causalOrder([3, 9, 12], new Map([[3, names(9)], [9, names(3)], [12, names(3)]]))).toEqual([3, 9, 12]);
    expect(causalOrder([3, 9], new Map([[3, { causes: [{ kind: 'recall', bank: 9 }] }]]))).toEqual([3, 9]);
  });

  it('tells together the banks the engine gave the same causes and verdicts', () => {
    expect(sameVerdicts([34, 54], coreDefaultStep10)).toEqual([[34, 54]]);
    expect(sameVerdicts([5, 21, 66], liquidityFreezeStep18)).toEqual([[5], [21], [66]]);
    const refused = { error: { code: 'analysis_too_large', message: 'too large' } };
    expect(sameVerdicts([1, 2, 34], new Map([[1, refused], [2, refused], [34, coreDefaultStep10.get(34)]]))).toEqual([[1], [2], [34]]);
  });

  it('finds what the engine says alike of every bank of a step, word for word, and their common horizon', () => {
    const answers = [42, 51, 43].map((b) => coreDefaultStep15.get(b));
    const { shared, horizon } = sharedTelling(answers);
    expect(shared).toContain("Had the scenario's shock not come at step 10, it would still be standing at step 15.");
    for (const a of answers) for (const s of shared) expect(a.sentences.slice(1)).toContain(s);
    expect(horizon).toBe(15);
    // Liquidity freeze, step 18: Banks 5, 21 and 66 share no sentence beyond each one's own failure.
    expect(sharedTelling([5, 21, 66].map((b) => liquidityFreezeStep18.get(b)))).toEqual({ shared: [], horizon: 18 });
    // A first sentence is a bank's own, never shared; one answer shares nothing; horizons that differ give none.
    const same = { sentences: ['Bank 1 failed.', 'A.'], horizon: 9 };
    expect(sharedTelling([same, { sentences: ['Bank 1 failed.', 'A.'], horizon: 9 }]).shared).toEqual(['A.']);
    expect(sharedTelling([same])).toEqual({ shared: [], horizon: null });
    expect(sharedTelling([same, { sentences: ['Bank 2 failed.', 'A.'], horizon: 12 }])).toEqual({ shared: ['A.'], horizon: null });
  });
});
