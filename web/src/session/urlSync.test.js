import { describe, expect, it } from 'vitest';
import { sharedSetting } from './urlSync.js';
import { formatUrlState, parseUrlState } from '../url/urlState.js';

const catalogue = { scenarios: [{ name: 'core_default', settings: {} }], parameters: [{ name: 'lender_of_last_resort', default: '0' }] };
const status = { timestep: 3, scenario: 'core_default', seed: 7, policy: 'heuristic+no_hoard+no_lend', speed: 2, banks: 100 };

describe('the address of the run', () => {
  it('shares the full policy name and a lender of last resort the page switched on, and reads them back', () => {
    const setting = sharedSetting({ status, runParameters: { lender_of_last_resort: 1 }, catalogue });
    expect(setting).toEqual({ scenario: 'core_default', seed: 7, policy: 'heuristic+no_hoard+no_lend', speed: 2, banks: 100,
      lender_of_last_resort: 1 });
    expect(parseUrlState(formatUrlState('', setting))).toMatchObject(setting);
  });

  it('shares the run\'s interventions, applied and scheduled, and reads them back', () => {
    const at = [{ step: 4, control: { control: 'force_default', bank: 3 } }];
    const scheduled = [{ step: 20, control: { control: 'policy', policy: 'all_lend' } }];
    const setting = sharedSetting({ status: { ...status, at, scheduled }, runParameters: {}, catalogue });
    const search = formatUrlState('', setting);
    expect(search).toContain('at=force_default%3A3%404%2Cpolicy%3Aall_lend%4020');
    expect(parseUrlState(search).at).toEqual([...at, ...scheduled]);
    expect(formatUrlState(search, { ...setting, at: undefined })).not.toContain('at=');
  });

  it('leaves out a lender of last resort equal to the scenario value, and a tab-local trained policy', () => {
    const setting = sharedSetting({ status: { ...status, policy: 'trained+no_hoard' }, runParameters: { lender_of_last_resort: 0 }, catalogue });
    expect(setting.policy).toBeUndefined();
    expect(setting).not.toHaveProperty('lender_of_last_resort');
    expect(formatUrlState('?policy=heuristic&lender_of_last_resort=1', setting)).toBe('?scenario=core_default&seed=7&speed=2&banks=100');
  });
});
