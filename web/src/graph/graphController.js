// Connects the store to one Cytoscape instance outside React: rebuilds the graph (and its fixed
// layout) when a new network arrives, otherwise applies each snapshot in one batch; forwards
// animations to the overlay before the snapshot lands so that effects see the pre-step graph
// (a defaulting bank's links are still there to fade), and once it has landed, the step's marks of
// cause and effect (which need the snapshots before and after).
import cytoscape from 'cytoscape';
import { cyStyle } from './cyStyle.js';
import { buildGraph, updateGraph } from './applyState.js';
import { createLoanLayer } from './loanLayer.js';
import { createBankLayer } from './bankLayer.js';
import { concentricLayout, networkSignature } from './layout.js';
import { createOverlayAnimator } from '../animation/overlay.js';
import { createViewportFit } from './viewportFit.js';
import { replayAnimations, shownState } from '../history/replayView.js';

/** Above this many loans they are plain lines (loanLayer.js): arrowheads that small would be a blur. */
const ARROW_EDGE_LIMIT = 2000;

export function createGraphController({ container, loanCanvas, bankCanvas, overlayCanvas, screenCanvas, store, bus, onSelect, onRendered, effects = true }) {
  let signature = null;
  let runId = null;
  let arrows = true;
  let lastPayload = null;
  const cy = cytoscape({
    container,
    style: cyStyle(),
    layout: { name: 'preset' },
    autoungrabify: true,
    boxSelectionEnabled: false,
    selectionType: 'single',
    minZoom: 0.02,  // 1,000 banks on a phone need ~0.05 to fit
    maxZoom: 4,
    pixelRatio: 1,
    motionBlur: false,
    textureOnViewport: false,
  });
  const loans = createLoanLayer({ cy, canvas: loanCanvas, arrows: () => arrows });
  const banks = createBankLayer({ cy, canvas: bankCanvas });
  const overlay = createOverlayAnimator({ cy, canvas: overlayCanvas, screenCanvas: screenCanvas ?? overlayCanvas });
  // The banks are fitted into the part of the stage that the boxes over it leave free (viewportFit.js).
  const viewport = typeof ResizeObserver === 'function' ? createViewportFit(cy) : null;
  const fit = () => (viewport ? viewport.fit() : cy.fit(undefined, 24));

  cy.on('tap', 'node', (event) => onSelect?.(event.target.id()));
  cy.on('tap', (event) => { if (event.target === cy) onSelect?.(null); });

  function highlightSelection(id) {
    cy.batch(() => {
      cy.edges('.highlight').removeClass('highlight');
      cy.nodes(':selected').unselect();
      if (id === null || id === undefined) return;
      const node = cy.getElementById(String(id));
      if (node.empty()) return;
      node.select();
      node.connectedEdges().addClass('highlight');
    });
  }

  // A new network (a new run: reset, scenario, seed, size) gets its layout; a snapshot of the same run
  // only changes data, never positions.
  function show(payload, run) {
    if (!payload || payload === lastPayload) return;
    const previous = lastPayload;
    lastPayload = payload;
    const sig = networkSignature(payload.nodes);
    if (sig !== signature || run !== runId) {
      signature = sig;
      runId = run;
      arrows = payload.edges.length <= ARROW_EDGE_LIMIT;
      const positions = concentricLayout(payload.nodes, payload.edges);
      buildGraph(cy, payload, positions);
      fit();
    } else {
      updateGraph(cy, payload);
      // What the step did to others, once its snapshot is on the graph (animation/consequences.js);
      // `overlay.marks()` keeps them. Never on Cytoscape's own data or scratchpad: setting either
      // restyles every bank and loan (a whole-graph restyle per step, measured in docs/web.md "Cost").
      if (effects) overlay.showConsequences(previous, payload);
      overlay.yieldFrame();
    }
    highlightSelection(store.getState().selectedBank);
    onRendered?.(payload);
  }

  // While a past step is shown (history/replayView.js) the live stream's effects are not drawn; the
  // replay animates its own frames instead.
  const unsubscribeBus = effects ? bus.subscribe((items) => { if (!store.getState().replay) overlay.receive(items); }) : () => {};
  const unsubscribeStore = store.subscribe((s, previous) => {
    if (effects && s.replay !== previous.replay) overlay.receive(replayAnimations(previous.replay, s.replay));
    const shown = shownState(s);
    if (shown !== shownState(previous)) show(shown, s.runId);
    if (s.selectedBank !== previous.selectedBank) highlightSelection(s.selectedBank);
  });
  show(shownState(store.getState()), store.getState().runId);

  return {
    cy,
    banks,
    overlay,
    fit,
    dispose() {
      unsubscribeBus();
      unsubscribeStore();
      viewport?.dispose();
      overlay.dispose();
      loans.dispose();
      banks.dispose();
      cy.destroy();
    },
  };
}
