// Performance marks read by the perf script and the end-to-end tests: the time from navigation to the
// first STATE_UPDATE drawn on the graph, and a counter of drawn snapshots.
export function markFirstRender(payload) {
  const w = globalThis.window;
  if (!w) return;
  w.__finsimRendered = (w.__finsimRendered ?? 0) + 1;
  w.__finsimLastTimestep = payload.timestep;
  if (w.__finsimFirstRenderMs === undefined) {
    w.__finsimFirstRenderMs = performance.now();
    performance.mark?.('finsim-first-state');
  }
}
