import { describe, expect, it } from 'vitest';
import { createSimulationStore } from './simulationStore.js';
import { createBus } from '../animation/animationBus.js';

const text = (o) => JSON.stringify(o);
const stateText = (t, status = 'active') => text({ type: 'STATE_UPDATE', schema_version: '1.0', payload: { timestep: t, scenario: 'calm', seed: 1, policy: 'heuristic', nodes: [{ id: '0', tier: 1, capital_ratio: 0.1, stress: 0, status, last_updated_timestep: t }], edges: [] } });

describe('the store', () => {
  it('emits animations before the snapshot lands (effects see the pre-step graph)', () => {
    const bus = createBus();
    const store = createSimulationStore({ bus });
    store.getState().receiveTexts([stateText(0)]);
    const seen = [];
    bus.subscribe((items) => seen.push({ items, timestepOnScreen: store.getState().state.timestep }));
    store.getState().receiveTexts([text({ type: 'EVENT', payload: { event_id: 'evt-1-0', event_type: 'DEFAULT', from: 0, timestamp: 1 } }), stateText(1, 'defaulted')]);
    expect(seen[0].timestepOnScreen).toBe(0);
    expect(seen[0].items.map((a) => a.kind)).toEqual(['event', 'state']);
    expect(store.getState().state.nodes[0].status).toBe('defaulted');
  });

  it('keeps the selected bank and the transport kind, and resets the model on demand', () => {
    const store = createSimulationStore({ bus: createBus() });
    store.getState().selectBank('4');
    store.getState().setTransportKind('server');
    store.getState().receiveTexts([stateText(0)]);
    expect(store.getState().selectedBank).toBe('4');
    store.getState().setRunParameters({ lender_of_last_resort: 1 });
    store.getState().resetModel();
    expect(store.getState().state).toBe(null);
    expect(store.getState().selectedBank).toBe(null);
    expect(store.getState().runParameters).toEqual({});
  });

  it('keeps the server base URL only in server mode', () => {
    const store = createSimulationStore({ bus: createBus() });
    store.getState().setTransportKind('server', 'http://127.0.0.1:8080/');
    expect(store.getState().serverBase).toBe('http://127.0.0.1:8080/');
    store.getState().setTransportKind('worker', 'http://ignored/');
    expect(store.getState().serverBase).toBe(null);
  });
});
