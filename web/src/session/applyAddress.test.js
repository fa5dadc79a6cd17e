import { describe, expect, it } from 'vitest';
import { applyAddress } from './applyAddress.js';
import { parseUrlState } from '../url/urlState.js';
import { createSimulationStore } from '../store/simulationStore.js';
import { createBus } from '../animation/animationBus.js';

const catalogue = { scenarios: [{ name: 'calm' }, { name: 'core_default' }], policies: ['heuristic', 'mappo-cooperative'] };
const own = (type, payload) => JSON.stringify({ type, payload });
const status = (over = {}) => ({ timestep: 0, running: false, speed: 2, scenario: 'calm', seed: 42, policy: 'heuristic',
  banks: 100, lender_of_last_resort: 0, ...over });

// A transport whose answers are scripted: answer(command) returns the message texts it replies with.
function fakeConnection(kind, answer) {
  const store = createSimulationStore({ bus: createBus() });
  const listeners = new Set();
  const sent = [];
  const deliver = (text) => {
    for (const l of [...listeners]) l(text);
    store.getState().receiveTexts([text]);
  };
  const transport = {
    kind,
    async send(command) {
      sent.push(command);
      await Promise.resolve();
      for (const text of answer(command)) deliver(text);
    },
  };
  const listen = (fn) => { listeners.add(fn); return () => listeners.delete(fn); };
  return { store, transport, listen, sent, deliver };
}

const accept = (command) => (command.control === 'reset'
  ? [own('STATUS', status({ ...command.config }))] : [own('STATUS', status({ running: command.control === 'play' }))]);

describe('applying the address', () => {
  it('in the browser: waits for the catalogue, starts the run, then sets its speed and plays it', async () => {
    const c = fakeConnection('worker', accept);
    const done = applyAddress({ ...c, params: parseUrlState('?scenario=core_default&policy=mappo-cooperative&speed=5&autoplay=1&lender_of_last_resort=1') });
    await Promise.resolve();
    expect(c.sent).toEqual([]);
    c.deliver(own('READY', { catalogue }));
    await done;
    expect(c.sent).toEqual([
      { control: 'reset', config: { scenario: 'core_default', policy: 'mappo-cooperative', lender_of_last_resort: 1 } },
      { control: 'speed', steps_per_second: 5 },
      { control: 'play' },
    ]);
    expect(c.store.getState().notices).toEqual([]);
    expect(c.store.getState().runParameters).toEqual({ lender_of_last_resort: 1 });
  });

  it('in the browser: says which policy it did not know and runs the default, never a silent fallback', async () => {
    const c = fakeConnection('worker', accept);
    c.deliver(own('READY', { catalogue }));
    await applyAddress({ ...c, params: parseUrlState('?scenario=core_default&policy=mappo_cooperative') });
    expect(c.sent).toEqual([{ control: 'reset', config: { scenario: 'core_default' } }]);
    expect(c.store.getState().notices).toEqual([expect.stringMatching(/^The address asks for policy “mappo_cooperative”, which this engine does not have/)]);
  });

  it('in the browser: when the engine refuses the run, says why and starts the default run', async () => {
    const c = fakeConnection('worker', (command) => (command.control === 'reset' && command.config.banks
      ? [own('ERROR', { code: 'out_of_range', message: 'banks must be at most 10000', control: 'reset' })] : accept(command)));
    c.deliver(own('READY', { catalogue }));
    await applyAddress({ ...c, params: parseUrlState('?banks=20000&autoplay=1') });
    expect(c.sent).toEqual([{ control: 'reset', config: { banks: 20000 } }, { control: 'reset', config: {} }, { control: 'play' }]);
    expect(c.store.getState().notices).toEqual(['The engine refused the run the address names (banks must be at most 10000): '
      + 'the run uses the engine’s defaults instead.']);
  });

  it('on a server: waits for the session\'s status, and joins a session that already runs the run as it is', async () => {
    const c = fakeConnection('server', accept);
    c.deliver(own('CATALOGUE', { catalogue }));
    const done = applyAddress({ ...c, params: parseUrlState('?scenario=calm&seed=42') });
    await Promise.resolve();
    c.deliver(own('STATUS', status({ timestep: 30, running: true })));
    await done;
    expect(c.sent).toEqual([]);
  });

  it('on a server: resets the session to the address\'s run, and says so when the server refuses it', async () => {
    const c = fakeConnection('server', (command) => (command.control === 'reset'
      ? [own('ERROR', { code: 'too_many_banks', message: 'at most 2000 banks', control: 'reset' })] : accept(command)));
    c.deliver(own('CATALOGUE', { catalogue }));
    c.deliver(own('STATUS', status({ timestep: 30 })));
    await applyAddress({ ...c, params: parseUrlState('?scenario=core_default&banks=5000&autoplay=1') });
    expect(c.sent).toEqual([{ control: 'reset', config: { scenario: 'core_default', banks: 5000 } }]);
    expect(c.store.getState().notices).toEqual(['The server refused the run the address names (at most 2000 banks): '
      + 'the session goes on as it was.']);
  });

  it('sends nothing once a newer connection has replaced this one', async () => {
    const c = fakeConnection('worker', accept);
    c.deliver(own('READY', { catalogue }));
    await applyAddress({ ...c, params: parseUrlState('?seed=1'), isCurrent: () => false });
    expect(c.sent).toEqual([]);
  });
});
