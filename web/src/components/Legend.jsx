// How to read the graph, in one glance. It folds to one line ("Legend") and starts folded on a phone,
// where the graph needs the room; open or folded, the graph is fitted around it (graph/viewportFit.js).
// Its rows are legendEntries.js's, which a recorded clip's legend band shares.
import { useState } from 'react';
import { LEGEND_ROWS } from './legendEntries.js';

const PHONE = '(max-width: 600px)';

const SWATCHES = {
  gradient: <span className="swatch-gradient" />,
  glow: <span className="dot glow" />,
  failed: <span className="dot grey" />,
  sizes: <span className="sizes"><i /><i /><i /></span>,
  arrow: <span className="arrow">→</span>,
};

function Row({ row }) {
  if (!row.marks) return <div className="legend-row">{SWATCHES[row.swatch]} {row.text}</div>;
  return (
    <div className="legend-row fx" data-testid={`legend-${row.key}`}>
      {row.marks.map((m) => <span key={m.text}><span style={{ color: m.colour }}>{m.symbol}</span> {m.text}</span>)}
    </div>
  );
}

export function Legend() {
  const [startOpen] = useState(() => !(globalThis.matchMedia?.(PHONE).matches ?? false));
  return (
    <details className="legend" aria-label="Legend" data-testid="legend" open={startOpen}>
      <summary>Legend</summary>
      {LEGEND_ROWS.map((row) => <Row key={row.key} row={row} />)}
    </details>
  );
}
