import { describe, expect, it } from 'vitest';
import { runParameter, scenarioParameter, sharedParameters } from './runParameter.js';

const catalogue = {
  scenarios: [{ name: 'calm', settings: {} }, { name: 'bagehot', settings: { lender_of_last_resort: '1' } }],
  parameters: [{ name: 'lender_of_last_resort', default: '0', range: '[0, 1]' }],
};

describe('the value of a kept parameter', () => {
  it('reads the scenario setting, else the engine default, from the catalogue', () => {
    expect(scenarioParameter(catalogue, 'calm', 'lender_of_last_resort')).toBe(0);
    expect(scenarioParameter(catalogue, 'bagehot', 'lender_of_last_resort')).toBe(1);
    expect(scenarioParameter(null, 'calm', 'lender_of_last_resort')).toBeUndefined();
  });

  it('shows the engine status first, then what the page set, then the scenario', () => {
    const status = { scenario: 'calm' };
    expect(runParameter('lender_of_last_resort', { status, runParameters: {}, catalogue })).toBe(0);
    expect(runParameter('lender_of_last_resort', { status, runParameters: { lender_of_last_resort: 1 }, catalogue })).toBe(1);
    expect(runParameter('lender_of_last_resort', { status: { ...status, lender_of_last_resort: 0 },
      runParameters: { lender_of_last_resort: 1 }, catalogue })).toBe(0);
  });

  it('shares only values that differ from the scenario value', () => {
    expect(sharedParameters({ status: { scenario: 'calm' }, runParameters: { lender_of_last_resort: 1 }, catalogue }))
      .toEqual({ lender_of_last_resort: 1 });
    expect(sharedParameters({ status: { scenario: 'calm' }, runParameters: { lender_of_last_resort: 0 }, catalogue })).toEqual({});
    expect(sharedParameters({ status: { scenario: 'bagehot' }, runParameters: { lender_of_last_resort: 0 }, catalogue }))
      .toEqual({ lender_of_last_resort: 0 });
  });
});
