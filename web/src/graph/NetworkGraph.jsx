// The main character: the network, with the animation overlay on top. All drawing happens in the
// graph controller; this component only provides the surfaces (the loans' and the banks' canvases under
// Cytoscape's container, which takes the clicks; the overlay for the banks' effects; one for the whole screen's:
// graph-screen) and wires selection. It draws the store of its context (the page's, or one world's in
// the Compare view) with that store's animation bus.
import { useEffect, useRef } from 'react';
import { createGraphController } from './graphController.js';
import { useSimulationStore } from '../store/simulationStore.js';
import { animationBus } from '../animation/animationBus.js';
import { markFirstRender } from '../perfMarks.js';

export function NetworkGraph({ onReady, effects = true, bus = animationBus, onRendered = markFirstRender, expose = true,
  testid = 'graph' }) {
  const store = useSimulationStore();
  const containerRef = useRef(null);
  const loanRef = useRef(null);
  const bankRef = useRef(null);
  const canvasRef = useRef(null);
  const screenRef = useRef(null);

  useEffect(() => {
    const controller = createGraphController({
      container: containerRef.current,
      loanCanvas: loanRef.current,
      bankCanvas: bankRef.current,
      overlayCanvas: canvasRef.current,
      screenCanvas: screenRef.current,
      store,
      bus,
      onSelect: (id) => store.getState().selectBank(id),
      onRendered,
      effects,
    });
    onReady?.(controller);
    if (expose) {
      window.__finsimCy = controller.cy;  // read by the end-to-end tests and the perf script
      window.__finsimBankLook = controller.banks.lookOf;  // how a bank is drawn, for the end-to-end tests
      window.__finsimStore = store;
    }
    return () => controller.dispose();
  }, [onReady, effects, store, bus, onRendered, expose]);

  return (
    <div className="graph">
      <canvas ref={loanRef} className="graph-loans" aria-hidden="true" />
      <canvas ref={bankRef} className="graph-loans graph-banks" aria-hidden="true" />
      <div ref={containerRef} className="graph-cy" data-testid={testid} />
      <canvas ref={canvasRef} className="graph-overlay" aria-hidden="true" />
      <canvas ref={screenRef} className="graph-overlay graph-screen" aria-hidden="true" />
    </div>
  );
}
