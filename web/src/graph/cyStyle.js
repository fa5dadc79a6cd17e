// The Cytoscape stylesheet: every visual depends on data fields or classes set once per message
// (never bypass styles, never per-frame restyling; toolchain.md). Cytoscape draws the banks only: the
// loans are its elements but drawn by graph/loanLayer.js on a canvas under it (docs/web.md, "Cost").
const GLOW = ['transparent', '#f59e0b', '#f97316', '#ef4444', '#dc2626', '#b91c1c'];
/** The selected bank's outline; its loans are drawn in it too (loanLayer.js). */
export const SELECTION_COLOUR = '#38bdf8';

export function cyStyle() {
  const glowRules = [1, 2, 3, 4, 5].map((level) => ({
    selector: `node[glow = ${level}]`,
    style: {
      'underlay-color': GLOW[level],
      'underlay-opacity': 0.12 + level * 0.08,
      'underlay-padding': 3 + level * 2.2,
      'underlay-shape': 'ellipse',
    },
  }));
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-color': 'data(colour)',
        'border-width': 1.5,
        'border-color': '#0b1220',
        label: 'data(label)',
        color: '#e2e8f0',
        'font-size': 11,
        'font-weight': 600,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-outline-color': '#0b1220',
        'text-outline-width': 2,
        'min-zoomed-font-size': 8,
        'transition-property': 'none',
      },
    },
    ...glowRules,
    {
      selector: 'node[?defaulted]',
      style: {
        'background-color': '#4b5563',
        'background-opacity': 0.55,
        'border-color': '#9ca3af',
        'border-style': 'dashed',
        opacity: 0.5,
        color: '#9ca3af',
      },
    },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': SELECTION_COLOUR, 'border-style': 'solid', opacity: 1 },
    },
    // The loans' look (width, colour, arrowheads, the selected bank's loans highlighted) is loanLayer.js's.
    { selector: 'edge', style: { display: 'none' } },
  ];
}
