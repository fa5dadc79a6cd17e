import { describe, expect, it } from 'vitest';
import { planAddressRun, refusedNotice, sameRun } from './addressRun.js';
import { parseUrlState } from '../url/urlState.js';

const catalogue = {
  scenarios: [{ name: 'calm' }, { name: 'core_default' }],
  policies: ['heuristic', 'all_hold', 'mappo-cooperative', 'mappo-selfish'],
};
const plan = (search, { mode = 'worker', status = null } = {}) =>
  planAddressRun({ params: parseUrlState(search), catalogue, mode, status });
const session = { timestep: 40, running: true, speed: 2, scenario: 'calm', seed: 42, policy: 'heuristic', banks: 100,
  lender_of_last_resort: 0 };

describe('the run the address names, in the browser', () => {
  it('starts it with one reset, then its speed and autoplay', () => {
    const { commands, notices } = plan('?scenario=core_default&policy=mappo-cooperative&seed=3&speed=5&autoplay=1');
    expect(commands).toEqual([
      { control: 'reset', config: { scenario: 'core_default', seed: 3, policy: 'mappo-cooperative' } },
      { control: 'speed', steps_per_second: 5 },
      { control: 'play' },
    ]);
    expect(notices).toEqual([]);
  });

  it('starts the engine\'s default run when the address names none, and puts only run settings in the reset', () => {
    expect(plan('').commands).toEqual([{ control: 'reset', config: {} }]);
    expect(plan('?seed=3&speed=4&embed=1').commands).toEqual([{ control: 'reset', config: { seed: 3 } },
      { control: 'speed', steps_per_second: 4 }]);
  });

  it('runs the default policy for one the engine does not have, and says so', () => {
    const { commands, notices } = plan('?scenario=core_default&policy=mappo_cooperative%2Bno_hoard');
    expect(commands).toEqual([{ control: 'reset', config: { scenario: 'core_default' } }]);
    expect(notices).toEqual(['The address asks for policy “mappo_cooperative+no_hoard”, which this engine does not have '
      + '(it has heuristic, all_hold, mappo-cooperative, mappo-selfish): the run uses the engine’s default instead.']);
  });

  it('says so for a scenario the engine does not have, and for every malformed value', () => {
    const { commands, notices } = plan('?scenario=crash&policy=heuristic%2Bno_panic&seed=-1&banks=1');
    expect(commands).toEqual([{ control: 'reset', config: {} }]);
    expect(notices).toEqual([
      '“policy=heuristic+no_panic” in the address is not a valid policy name: the run uses the engine’s default instead.',
      '“seed=-1” in the address is not a valid seed (a whole number from 0): the run uses the engine’s default instead.',
      '“banks=1” in the address is not a valid number of banks (a whole number from 2 to 20,000): the run uses the engine’s default instead.',
      'The address asks for scenario “crash”, which this engine does not have (it has calm, core_default): the run uses the engine’s default instead.',
    ]);
  });

  it('keeps every modifier of a policy the engine has', () => {
    expect(plan('?policy=mappo-selfish+no_lend+no_hoard').commands[0].config).toEqual({ policy: 'mappo-selfish+no_hoard+no_lend' });
  });
});

describe('the run the address names, on a server', () => {
  it('joins the session as it is when it already runs that run', () => {
    const { commands, notices } = plan('?scenario=calm&policy=heuristic&seed=42', { mode: 'server', status: session });
    expect(commands).toEqual([]);
    expect(notices).toEqual([]);
    expect(plan('', { mode: 'server', status: session }).commands).toEqual([]);
  });

  it('resets the session to the run the address names when it runs another, then plays it if asked', () => {
    const { commands } = plan('?scenario=core_default&policy=mappo-selfish&lender_of_last_resort=1&autoplay=1',
      { mode: 'server', status: session });
    expect(commands).toEqual([
      { control: 'reset', config: { scenario: 'core_default', policy: 'mappo-selfish', lender_of_last_resort: 1 } },
      { control: 'play' },
    ]);
  });

  it('changes only the speed, and plays a paused session, when the run is the same', () => {
    const paused = { ...session, running: false };
    expect(plan('?scenario=calm&speed=10&autoplay=1', { mode: 'server', status: paused }).commands)
      .toEqual([{ control: 'speed', steps_per_second: 10 }, { control: 'play' }]);
    expect(plan('?speed=2&autoplay=1', { mode: 'server', status: session }).commands).toEqual([]);
  });

  it('leaves the session\'s own setting for what the address cannot name, and says so', () => {
    const { commands, notices } = plan('?policy=nobody&seed=7', { mode: 'server', status: session });
    expect(commands).toEqual([{ control: 'reset', config: { seed: 7 } }]);
    expect(notices).toEqual(['The address asks for policy “nobody”, which this engine does not have '
      + '(it has heuristic, all_hold, mappo-cooperative, mappo-selfish): the session keeps its own.']);
  });
});

describe('a run\'s interventions in the address (at=)', () => {
  const at = [{ step: 12, control: { control: 'force_default', bank: 3 } }, { step: 20, control: { control: 'policy', policy: 'all_lend' } }];

  it('go into the first reset only: the engine schedules them, the page\'s later resets start runs of their own', () => {
    const { commands, config, notices } = plan('?scenario=calm&at=force_default:3@12,policy:all_lend@20');
    expect(commands).toEqual([{ control: 'reset', config: { scenario: 'calm', at } }]);
    expect(config).toEqual({ scenario: 'calm' });
    expect(notices).toEqual([]);
  });

  it('are refused whole when one is malformed, and the page says so', () => {
    const { commands, notices } = plan('?scenario=calm&at=force_default:3@12,explode:1@2');
    expect(commands).toEqual([{ control: 'reset', config: { scenario: 'calm' } }]);
    expect(notices).toEqual([expect.stringMatching(/^“at=force_default:3@12,explode:1@2” in the address is not a valid list of interventions .*: the run has none\.$/)]);
  });

  it('on a server, join a session that has them (applied or scheduled) and reset one that has not', () => {
    const running = { ...session, at: [at[0]], scheduled: [at[1]] };
    expect(plan('?scenario=calm&at=force_default:3@12,policy:all_lend@20', { mode: 'server', status: running }).commands).toEqual([]);
    expect(plan('?scenario=calm&at=force_default:3@12', { mode: 'server', status: running }).commands)
      .toEqual([{ control: 'reset', config: { scenario: 'calm', at: [at[0]] } }]);
    expect(sameRun(running, { scenario: 'calm', at })).toBe(true);
    expect(sameRun({ ...session, at: [] }, { scenario: 'calm', at })).toBe(false);
  });
});

describe('a run the engine refuses', () => {
  it('is named with the engine\'s reason and what the page does instead', () => {
    const error = { code: 'too_many_banks', message: 'at most 2000 banks without the control token' };
    expect(refusedNotice(error, 'server')).toBe('The server refused the run the address names (at most 2000 banks without '
      + 'the control token): the session goes on as it was.');
    expect(refusedNotice(error, 'worker')).toMatch(/^The engine refused the run the address names \(at most 2000 banks.*\): the run uses the engine’s defaults instead\.$/);
  });

  it('is recognised by comparing what the address names with the status', () => {
    expect(sameRun(session, {})).toBe(true);
    expect(sameRun(session, { scenario: 'calm', banks: 100 })).toBe(true);
    expect(sameRun(session, { scenario: 'calm', banks: 50 })).toBe(false);
    expect(sameRun(null, { seed: 1 })).toBe(false);
  });
});
