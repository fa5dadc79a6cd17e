import { describe, expect, it } from 'vitest';
import { branchAddress } from './branchAddress.js';
import { branchComparison } from '../history/branch.js';
import { readComparison } from './compareAddress.js';

const recipe = (at = []) => ({ config: { scenario: 'liquidity_freeze', seed: 8, policy: 'heuristic' }, at });

describe('a branch opened in Compare is an address', () => {
  it('a policy switch at step 14 opens both worlds at 14, world B switching in step 15', () => {
    const { search } = branchAddress('?speed=5&fx=0', branchComparison(recipe(), 14, { control: 'policy', policy: 'heuristic+no_hoard' }));
    const read = readComparison(search);
    expect(read.mode).toBe('compare');
    expect(read.startStep).toBe(14);
    expect(read.difference).toEqual({ kind: 'intervention', control: 'policy', policy: 'heuristic+no_hoard', step: 15 });
    expect(read.params).toMatchObject({ scenario: 'liquidity_freeze', seed: 8, policy: 'heuristic', effects: false });
  });

  it('an intervention keeps its fields and acts in the step after the branch point', () => {
    const { search } = branchAddress('', branchComparison(recipe(), 9, { control: 'force_action', bank: 3, action: 'HOARD' }));
    expect(readComparison(search).difference).toEqual({ kind: 'intervention', control: 'force_action', bank: 3, action: 'HOARD', step: 10 });
  });

  it('a run with interventions of its own carries them in the address, before and after the branch point', () => {
    const own = [{ step: 4, control: { control: 'price_shock', share: 0.1 } },
      { step: 30, control: { control: 'force_default', bank: 7 } }];
    const answer = branchAddress('', branchComparison(recipe(own), 9, { control: 'force_default', bank: 2 }));
    expect(answer.refused).toBeUndefined();
    const read = readComparison(answer.search);
    expect(read.params.at).toEqual(own);  // both worlds: the run's own controls
    expect(read.difference).toEqual({ kind: 'intervention', control: 'force_default', bank: 2, step: 10 });
    expect(read.startStep).toBe(9);
  });

  it('an intervention an address cannot write is refused with a sentence, never dropped', () => {
    const tiny = recipe([{ step: 4, control: { control: 'price_shock', share: 1e-7 } }]);
    const answer = branchAddress('', branchComparison(tiny, 9, { control: 'force_default', bank: 2 }));
    expect(answer.search).toBeUndefined();
    expect(answer.refused).toMatch(/cannot write one of this run’s own interventions/);
  });

  it('a malformed start step is ignored, not guessed', () => {
    expect(readComparison('?compare=policy:all_lend@3&from=x').startStep).toBeNull();
    expect(readComparison('?compare=policy:all_lend@3&from=1000001').startStep).toBeNull();
  });
});
