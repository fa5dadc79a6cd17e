// One selected bank for both worlds of a comparison: the worlds are the same network (same seed, same
// banks), so a bank clicked on either graph is that bank id in both, and the inspector shows it side by
// side (compare/CompareInspector.jsx). Clearing the selection on one graph clears it on both.

/**
 * Keeps `stores`' `selectedBank` equal (zustand vanilla stores of store/simulationStore.js, the worlds'
 * own stores, not their lockstep views): whenever one store's selection changes, every other store
 * selects the same id (or null). Returns the function that stops it.
 */
export function linkSelection(stores) {
  const unsubscribes = stores.map((store) => store.subscribe((s, previous) => {
    if (s.selectedBank === previous.selectedBank) return;
    for (const other of stores) {
      if (other !== store && other.getState().selectedBank !== s.selectedBank) other.getState().selectBank(s.selectedBank);
    }
  }));
  return () => { for (const u of unsubscribes) u(); };
}
