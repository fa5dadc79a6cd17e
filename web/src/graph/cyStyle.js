// The Cytoscape stylesheet. Cytoscape keeps the graph — the banks and loans as elements, the view, the
// clicks and the selection — and draws none of it: the loans are drawn by graph/loanLayer.js and the
// banks by graph/bankLayer.js, each on a canvas of its own under Cytoscape's (docs/web.md, "Cost"). A bank
// is invisible here (`opacity: 0`: Cytoscape renders no texture for it) but keeps its size, so that it is
// still what a click hits and what the view fits.
/** The selected bank's outline; its loans are drawn in it too (loanLayer.js, bankLayer.js). */
export const SELECTION_COLOUR = '#38bdf8';

export function cyStyle() {
  return [
    { selector: 'node', style: { width: 'data(size)', height: 'data(size)', opacity: 0, 'transition-property': 'none' } },
    // The loans' look (width, colour, arrowheads, the selected bank's loans highlighted) is loanLayer.js's.
    { selector: 'edge', style: { display: 'none' } },
  ];
}
