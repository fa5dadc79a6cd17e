import { describe, expect, it } from 'vitest';
import { createSimulationStore } from '../store/simulationStore.js';
import { linkSelection } from './sharedSelection.js';

const twoWorlds = () => [createSimulationStore(), createSimulationStore()];

describe('one selected bank for both worlds', () => {
  it('selects the bank clicked in world A in world B, and the one clicked in world B in world A', () => {
    const [a, b] = twoWorlds();
    linkSelection([a, b]);
    a.getState().selectBank('12');
    expect(b.getState().selectedBank).toBe('12');
    b.getState().selectBank('40');
    expect(a.getState().selectedBank).toBe('40');
    expect(b.getState().selectedBank).toBe('40');
  });

  it('clears both when one is cleared (a tap on a graph\'s background)', () => {
    const [a, b] = twoWorlds();
    linkSelection([a, b]);
    a.getState().selectBank('7');
    b.getState().selectBank(null);
    expect([a.getState().selectedBank, b.getState().selectedBank]).toEqual([null, null]);
  });

  it('leaves the worlds apart once stopped', () => {
    const [a, b] = twoWorlds();
    const stop = linkSelection([a, b]);
    stop();
    a.getState().selectBank('3');
    expect(b.getState().selectedBank).toBe(null);
  });

  it('does not touch a world\'s other state', () => {
    const [a, b] = twoWorlds();
    linkSelection([a, b]);
    b.setState({ notices: ['kept'] });
    a.getState().selectBank('5');
    expect(b.getState().notices).toEqual(['kept']);
  });
});
