import { describe, expect, it } from 'vitest';
import { keptParameters, replayConfig } from './replayConfig.js';

const status = { timestep: 9, running: true, scenario: 'core_default', seed: 7, policy: 'heuristic+no_hoard', banks: 50 };

describe('replaying the current run', () => {
  it('replays scenario, seed, the full policy name and size, nothing else of the status', () => {
    expect(replayConfig(status)).toEqual({ scenario: 'core_default', seed: 7, policy: 'heuristic+no_hoard', banks: 50 });
    expect(replayConfig(null, { lender_of_last_resort: 1 })).toEqual({});
  });

  it('carries the lender of last resort the page set, so a scenario reset does not drop it', () => {
    expect(replayConfig(status, { lender_of_last_resort: 1 })).toMatchObject({ scenario: 'core_default', lender_of_last_resort: 1 });
    expect(replayConfig(status, { lender_of_last_resort: 0 }).lender_of_last_resort).toBe(0);
  });

  it('believes the engine first when its status reports the parameter', () => {
    expect(keptParameters({ ...status, lender_of_last_resort: 0 }, { lender_of_last_resort: 1 })).toEqual({ lender_of_last_resort: 0 });
    expect(keptParameters(status, {})).toEqual({});
  });
});
