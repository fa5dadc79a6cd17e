import { describe, expect, it } from 'vitest';
import { defaultReason, nameList, narrateStep, narrateWithdrawals, percentText, recentNarrative } from './narrate.js';

const ev = (type, from, extra = {}) => ({ event_id: `evt-5-${from}`, event_type: type, from, timestamp: 5, ...extra });

describe('narration', () => {
  it('tells the brief\'s example in causal order', () => {
    const text = narrateStep([
      ev('DEFAULT', 3, { cause: 'insolvent' }),
      { event_id: 'evt-5-9', event_type: 'PRICE_DROP', amount: -0.04, price: 0.96, timestamp: 5 },
      ev('FIRE_SALE', 8, { cause: 'recall', forced: true }),
      ev('HOARD', 12),
    ]);
    expect(text).toBe('Bank 12 hoarded liquidity, recalling loans; Bank 8 could not roll over its loan and sold assets; '
      + 'the price fell 4 %; Bank 3 defaulted: losses wiped out its capital.');
  });

  it('tells the trigger first: a forced default, then the recalls, the lending, the sales, the price, the failures', () => {
    const text = narrateStep([
      ev('DEFAULT', 5, { cause: 'illiquid' }),
      ev('LEND', 4, { to: 6 }),
      ev('DEFAULT', 3, { cause: 'forced', forced_by: 'shock' }),
      { event_id: 'evt-5-9', event_type: 'PRICE_DROP', amount: -0.02, price: 0.98, timestamp: 5 },
      ev('FIRE_SALE', 8, { cause: 'recall', forced: true }),
      ev('HOARD', 12),
    ]);
    expect(text).toBe('Bank 3 was pushed into default by the scenario\'s shock; Bank 12 hoarded liquidity, recalling loans; Bank 4 lent to Bank 6; '
      + 'Bank 8 could not roll over its loan and sold assets; the price fell 2 %; Bank 5 defaulted: it ran out of cash.');
  });

  it('groups many banks and says how many more', () => {
    expect(nameList([1])).toBe('Bank 1');
    expect(nameList([1, 2])).toBe('Banks 1 and 2');
    expect(nameList([1, 2, 3])).toBe('Banks 1, 2 and 3');
    expect(nameList([1, 2, 3, 4, 5, 5])).toBe('Banks 1, 2, 3 and 2 more');
  });

  it('names each kind of sale and default', () => {
    expect(narrateStep([ev('FIRE_SALE', 1, { cause: 'withdrawal' })])).toBe('Bank 1 sold assets to pay its depositors.');
    expect(narrateStep([ev('DEFAULT', 2, { cause: 'illiquid' })])).toMatch(/ran out of cash/);
    expect(narrateStep([ev('DEFAULT', 2, { cause: 'forced' }), ev('DEFAULT', 4, { cause: 'forced' })]))
      .toBe('Banks 2 and 4 were pushed into default by an intervention or the scenario\'s shock.');
    expect(narrateStep([ev('LEND', 5, { to: 9 })])).toBe('Bank 5 lent to Bank 9.');
  });

  it('says what forced a forced default: the scenario\'s shock, an intervention, or both at once', () => {
    expect(narrateStep([
      ev('DEFAULT', 7, { cause: 'forced', forced_by: 'intervention' }),
      ev('DEFAULT', 2, { cause: 'forced', forced_by: 'shock' }),
      ev('DEFAULT', 4, { cause: 'forced', forced_by: 'intervention' }),
    ])).toBe('Bank 2 was pushed into default by the scenario\'s shock; Banks 7 and 4 were pushed into default by an intervention.');
    expect(narrateStep([ev('DEFAULT', 1, { cause: 'forced', forced_by: 'shock_and_intervention' })]))
      .toBe('Bank 1 was pushed into default by the scenario\'s shock and an intervention at once.');
    expect(defaultReason('forced', 'shock')).toBe('pushed into default by the scenario\'s shock');
    expect(defaultReason('forced', 'intervention')).toBe('pushed into default by an intervention');
    expect(defaultReason('forced')).toBe('pushed into default by an intervention or the scenario\'s shock');
    expect(defaultReason('illiquid', 'shock')).toBe('it ran out of cash');
    expect(defaultReason('none')).toBeNull();
  });

  it('tells the deposits that left in the step, from its nodes: the shock\'s reach as a count, the runs by bank', () => {
    // liquidity_freeze, seed 42: at step 10 the shock's withdrawal hits 72 banks (e2e "marks: the withdrawal…").
    const nodes = [{ id: '0' }, { id: '12', shock_withdrawal: 1.2 }, { id: '13', shock_withdrawal: 0.9, run_withdrawal: 0.3 },
      { id: '40', run_withdrawal: 0.5 }];
    expect(narrateWithdrawals(nodes)).toEqual(['the scenario\'s shock withdrew deposits from 2 banks', 'depositors ran on Banks 13 and 40']);
    expect(narrateWithdrawals([{ id: '7', shock_withdrawal: 1 }])).toEqual(['the scenario\'s shock withdrew deposits from Bank 7']);
    expect(narrateWithdrawals(null)).toEqual([]);
    // In phase order: a forced default and the withdrawals (phase 1) before hoarding (phase 3a).
    expect(narrateStep([ev('HOARD', 3), ev('DEFAULT', 2, { cause: 'forced', forced_by: 'shock' })], nodes))
      .toBe('Bank 2 was pushed into default by the scenario\'s shock; the scenario\'s shock withdrew deposits from 2 banks; '
        + 'depositors ran on Banks 13 and 40; Bank 3 hoarded liquidity, recalling loans.');
    // The narrative reads each step's nodes; a step whose snapshot the page does not hold tells its events only.
    const told = recentNarrative([ev('LEND', 4, { to: 6 }), { ...ev('LEND', 4, { to: 6 }), event_id: 'evt-6-4', timestamp: 6 }], 4,
      (t) => (t === 5 ? nodes : null));
    expect(told.map((s) => s.tone)).toEqual(['calm', 'stress']);
    expect(told[1].text).toMatch(/^The scenario's shock withdrew deposits from 2 banks; depositors ran on Banks 13 and 40; Bank 4 lent to Bank 6\.$/);
  });

  it('narrates a sale to repay a failed lender\'s administrator as the live seller\'s, never as a failure', () => {
    // core_default, seed 1, step 11 (finsim run --scenario core_default --policy heuristic --seed 1): Banks
    // 40 and 76 stay active; they sold to pay loans the administrator of failed Bank 8 called in.
    const step11 = [
      { event_id: 'evt-11-44', event_type: 'FIRE_SALE', from: 40, amount: 4.958646, timestamp: 11, units: 5.072146, price: 0.997574, forced: true, cause: 'resolution' },
      { event_id: 'evt-11-47', event_type: 'FIRE_SALE', from: 76, amount: 5.113517, timestamp: 11, units: 5.230562, price: 0.997574, forced: true, cause: 'resolution' },
    ];
    const text = narrateStep(step11);
    expect(text).toBe("Banks 40 and 76 sold assets to repay loans that a failed lender's administrator called in.");
    expect(text).not.toMatch(/failed Banks? \d|defaulted/);
  });

  it('says only what the engine says when an event carries no cause', () => {
    expect(narrateStep([ev('FIRE_SALE', 1)])).toBe('Bank 1 sold assets.');
    expect(narrateStep([ev('DEFAULT', 2)])).toBe('Bank 2 defaulted.');
  });

  it('says when nothing happened', () => {
    expect(narrateStep([])).toMatch(/quiet step/);
  });

  it('formats relative price changes as percentages', () => {
    expect(percentText(-0.04)).toBe('4 %');
    expect(percentText(-0.123)).toBe('12 %');
    expect(percentText(-0.0251)).toBe('2.5 %');
    expect(percentText(-0.0042)).toBe('0.42 %');
  });

  it('narrates the latest steps newest first with a tone from the event types', () => {
    const steps = recentNarrative([
      { ...ev('DEFAULT', 1, { cause: 'insolvent' }), timestamp: 7, event_id: 'evt-7-0' },
      { ...ev('LEND', 2, { to: 3 }), timestamp: 6, event_id: 'evt-6-0' },
      { ...ev('HOARD', 4), timestamp: 6, event_id: 'evt-6-1' },
    ], 5);
    expect(steps.map((s) => [s.timestep, s.tone])).toEqual([[7, 'crisis'], [6, 'stress']]);
  });
});
