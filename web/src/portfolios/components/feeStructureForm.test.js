import { describe, expect, it } from 'vitest';
import { EMPTY_FEE_STRUCTURE, emptyComponent, feeStructureBody, feeStructureProblem } from './feeStructureForm.js';

const form = (components, name = 'broker-x') => ({ ...EMPTY_FEE_STRUCTURE, name, components });

describe('the fee-structure form', () => {
  it('sends each component in the engine\'s form, rates typed in percent sent as fractions, blanks left out', () => {
    const body = feeStructureBody({ name: ' broker-x ', description: 'IBKR-like', components: [
      { ...emptyComponent('per_share'), per_share: '0.005', minimum: '1', maximum_rate: '1', label: 'commission' },
      { ...emptyComponent('percent'), rate: '0.00278', applies_to: 'sell', label: 'SEC fee' },
      { ...emptyComponent('flat'), amount: '4.95' },
    ] });
    expect(body).toEqual({ name: 'broker-x', description: 'IBKR-like', components: [
      { type: 'per_share', applies_to: 'both', label: 'commission', per_share: 0.005, minimum: 1, maximum_rate: 0.01 },
      { type: 'percent', applies_to: 'sell', label: 'SEC fee', rate: 0.00278 / 100 },
      { type: 'flat', applies_to: 'both', amount: 4.95 },
    ] });
    expect(body.components[1].rate).toBeCloseTo(0.0000278, 12);
  });

  it('sends tiers with a blank bound as no limit', () => {
    const tiered = { ...emptyComponent('tiered'), marginal: true, tiers: [{ up_to: '10000', rate: '0.2', flat: '' }, { up_to: '', rate: '0.1', flat: '1' }] };
    expect(feeStructureBody(form([tiered])).components[0]).toEqual({ type: 'tiered', applies_to: 'both', marginal: true,
      tiers: [{ up_to: 10000, rate: 0.002, flat: 0 }, { up_to: null, rate: 0.001, flat: 1 }] });
  });

  it('says what is missing or wrong before anything is sent', () => {
    expect(feeStructureProblem(form([emptyComponent()], ' '))).toBe('Give the fee structure a name.');
    expect(feeStructureProblem(form([{ ...emptyComponent('flat'), amount: '-1' }]))).toBe('Component 1: -1 is not a number of 0 or more.');
    expect(feeStructureProblem(form([emptyComponent(), { ...emptyComponent('tiered'), tiers: [{ up_to: 'x', rate: '1', flat: '' }] }])))
      .toBe('Component 2: x is not a number of 0 or more.');
    expect(feeStructureProblem(form([{ ...emptyComponent('percent'), rate: '0.1' }]))).toBe(null);
  });
});
