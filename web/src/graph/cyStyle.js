// The Cytoscape stylesheet: every visual depends on data fields or classes set once per message
// (never bypass styles, never per-frame restyling; toolchain.md).
const GLOW = ['transparent', '#f59e0b', '#f97316', '#ef4444', '#dc2626', '#b91c1c'];
/** A loan's line. Opaque colours (pre-blended with the background) draw faster than translucent lines. */
export const LOAN_COLOUR = '#3a4a66';

export function cyStyle({ arrows = true } = {}) {
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
      style: { 'border-width': 4, 'border-color': '#38bdf8', 'border-style': 'solid', opacity: 1 },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': LOAN_COLOUR,
        'curve-style': arrows ? 'straight' : 'haystack',
        'target-arrow-shape': arrows ? 'triangle' : 'none',
        'target-arrow-color': '#55688a',
        'arrow-scale': 0.7,
      },
    },
    { selector: 'edge[?gone]', style: { display: 'none' } },
    { selector: 'edge.highlight', style: { 'line-color': '#38bdf8', 'target-arrow-color': '#38bdf8', 'z-index': 10 } },
  ];
}
