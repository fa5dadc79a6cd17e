import { describe, expect, it } from 'vitest';
import { defaultInterventionStep, pickerOptions, withStep } from './comparePicker.js';

const catalogue = { policies: ['heuristic', 'all_lend'], scenarios: [{ name: 'liquidity_freeze', settings: {} }],
  parameters: [{ name: 'lender_of_last_resort', default: '0' }] };
const status = { scenario: 'liquidity_freeze', policy: 'heuristic+no_lend', seed: 42, timestep: 4 };

describe('the choices of "Compare…"', () => {
  it('flip each what-if switch and the lender of last resort, or change the base policy', () => {
    const options = pickerOptions({ status, catalogue });
    expect(options.map((o) => `${o.group} | ${o.label} | ${o.id}`)).toEqual([
      'What if… | No hoarding (heuristic+no_hoard+no_lend) | policy:heuristic+no_hoard+no_lend',
      'What if… | No fire sales (heuristic+no_fire_sale+no_lend) | policy:heuristic+no_fire_sale+no_lend',
      'What if… | With lending (heuristic) | policy:heuristic',
      'What if… | With a lender of last resort | param:lender_of_last_resort=1',
      'Another policy | All lend (all_lend+no_lend) | policy:all_lend+no_lend',
      'An intervention in world B | A 10 % price shock | price_shock:0.1@1',
    ]);
  });

  it('offer interventions on the selected bank, at the step the reader picks', () => {
    const options = pickerOptions({ status: { ...status, lender_of_last_resort: 1 }, catalogue, selectedBank: '7' });
    expect(options.find((o) => o.group === 'What if…' && o.id.startsWith('param')).label).toBe('Without a lender of last resort');
    const hoard = options.find((o) => o.label === 'Bank 7 made to hoard');
    expect(withStep(hoard.difference, 12)).toEqual({ kind: 'intervention', control: 'force_action', bank: 7, action: 'HOARD', step: 12 });
    expect(defaultInterventionStep(4)).toBe(10);
    expect(defaultInterventionStep(30)).toBe(31);
    expect(pickerOptions({ status: null, catalogue })).toEqual([]);
  });
});
