// The one store. Transports deliver message texts to `receiveTexts`; components read slices with
// useSimulation(selector). Animations produced by the handler go to the animation bus, never into
// React state (they are ephemeral and must not cost a render).
import { createContext, useContext } from 'react';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { initialModel, reduceTexts } from './messageHandler.js';
import { animationBus } from '../animation/animationBus.js';

export function createSimulationStore({ bus = animationBus } = {}) {
  return createStore((set, get) => ({
    ...initialModel(),
    selectedBank: null,
    transportKind: null,  // 'worker' | 'server'
    serverBase: null,     // the server's base URL in server mode (for its other APIs), else null
    runParameters: {},    // simulation parameters the page set and keeps across its resets (session/replayConfig.js)
    notices: [],          // sentences about what the page could not honour (the address: session/addressRun.js)
    receiveTexts(texts) {
      const { model, animations } = reduceTexts(get(), texts);
      // Animations first: effects capture the graph as it was before this batch's snapshot lands
      // (a defaulting bank's links are still drawn), then the snapshot replaces it.
      if (animations.length) bus.emit(animations);
      set(model);
    },
    selectBank(id) { set({ selectedBank: id }); },
    setTransportKind(kind, serverBase = null) { set({ transportKind: kind, serverBase: kind === 'server' ? serverBase : null }); },
    setFatal(fatal) { set({ fatal }); },
    setRunParameters(runParameters) { set({ runParameters }); },
    addNotices(notices) { if (notices.length) set({ notices: [...get().notices, ...notices] }); },
    dismissNotices() { set({ notices: [] }); },
    resetModel() { set({ ...initialModel(), selectedBank: null, runParameters: {}, notices: [] }); },
  }));
}

export const simulationStore = createSimulationStore();

/**
 * Which store the components below read: the page's one store unless a provider names another (the
 * Compare view renders each world's graph, headline and notices under its own: compare/CompareApp.jsx).
 */
export const SimulationStoreContext = createContext(simulationStore);

export function useSimulationStore() {
  return useContext(SimulationStoreContext);
}

export function useSimulation(selector) {
  return useStore(useContext(SimulationStoreContext), selector);
}
