// A canvas drawn at Cytoscape's pan and zoom, painted again (once per animation frame at most) only when
// one of the Cytoscape events it is told of fires: what the loans' and the banks' layers share
// (loanLayer.js, bankLayer.js). Cytoscape itself draws nothing (cyStyle.js): it keeps the graph, the
// view and the clicks.

/**
 * Paints `paint(ctx, cy)` on `canvas` (the size of the graph's container, at pixel ratio 1 like
 * Cytoscape's) in model units, after any of `events` (`[[names, selector], …]`, as `cy.on` takes them)
 * and once at the start. Returns {redraw(), draws(), dispose()}: `draws()` counts the paints.
 */
export function createCanvasLayer({ cy, canvas, paint, events, requestFrame = (f) => requestAnimationFrame(f),
  cancelFrame = (id) => cancelAnimationFrame(id) }) {
  let frame = null;
  let draws = 0;

  function paintNow() {
    frame = null;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const zoom = cy.zoom();
    const pan = cy.pan();
    ctx.setTransform(zoom, 0, 0, zoom, pan.x, pan.y);
    paint(ctx, cy);
    draws++;
  }

  function redraw() {
    if (frame === null) frame = requestFrame(paintNow);
  }

  for (const [names, selector] of events) {
    if (selector) cy.on(names, selector, redraw);
    else cy.on(names, redraw);
  }
  redraw();

  return {
    redraw,
    draws: () => draws,
    dispose() {
      if (frame !== null) cancelFrame(frame);
      frame = null;
      for (const [names, selector] of events) {
        if (selector) cy.removeListener(names, selector, redraw);
        else cy.removeListener(names, redraw);
      }
    },
  };
}
