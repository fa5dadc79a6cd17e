// The main character: the network, with the animation overlay on top. All drawing happens in the
// graph controller; this component only provides the two surfaces and wires selection.
import { useEffect, useRef } from 'react';
import { createGraphController } from './graphController.js';
import { simulationStore } from '../store/simulationStore.js';
import { animationBus } from '../animation/animationBus.js';
import { markFirstRender } from '../perfMarks.js';

export function NetworkGraph({ onReady, effects = true }) {
  const containerRef = useRef(null);
  const canvasRef = useRef(null);

  useEffect(() => {
    const controller = createGraphController({
      container: containerRef.current,
      overlayCanvas: canvasRef.current,
      store: simulationStore,
      bus: animationBus,
      onSelect: (id) => simulationStore.getState().selectBank(id),
      onRendered: markFirstRender,
      effects,
    });
    onReady?.(controller);
    window.__finsimCy = controller.cy;  // read by the end-to-end tests and the perf script
    window.__finsimStore = simulationStore;
    return () => controller.dispose();
  }, [onReady, effects]);

  return (
    <div className="graph">
      <div ref={containerRef} className="graph-cy" data-testid="graph" />
      <canvas ref={canvasRef} className="graph-overlay" aria-hidden="true" />
    </div>
  );
}
