// How to read the graph, in one glance. It folds to one line ("Legend") and starts folded on a phone,
// where the graph needs the room; open or folded, the graph is fitted around it (graph/viewportFit.js).
// Its rows are legendEntries.js's, which a recorded clip's legend band shares; each mark is drawn by the
// graph's own effect (legendGlyphs.js).
import { useEffect, useRef, useState } from 'react';
import { LEGEND_ROWS } from './legendEntries.js';
import { drawGlyph, glyphWidth } from './legendGlyphs.js';

const PHONE = '(max-width: 600px)';

const SWATCHES = {
  gradient: <span className="swatch-gradient" />,
  glow: <span className="dot glow" />,
  failed: <span className="dot grey" />,
  sizes: <span className="sizes"><i /><i /><i /></span>,
  arrow: <span className="arrow">→</span>,
};

/** A glyph's height in CSS px: a little taller than the legend's type, so that its shape reads. */
const GLYPH_HEIGHT = 18;

/** One mark as the graph draws it, on a canvas sized for the screen's pixel ratio. */
function Glyph({ glyph }) {
  const canvas = useRef(null);
  const width = Math.round(glyphWidth(GLYPH_HEIGHT));
  useEffect(() => {
    const ratio = globalThis.devicePixelRatio || 1;
    const element = canvas.current;
    const ctx = element?.getContext?.('2d');
    if (!ctx) return;
    element.width = Math.round(width * ratio);
    element.height = Math.round(GLYPH_HEIGHT * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawGlyph(ctx, glyph, { x: 0, y: GLYPH_HEIGHT / 2, height: GLYPH_HEIGHT });
  }, [glyph, width]);
  return <canvas ref={canvas} className="glyph" data-glyph={glyph} aria-hidden="true" style={{ width, height: GLYPH_HEIGHT }} />;
}

function Row({ row }) {
  if (!row.marks) return <div className="legend-row">{SWATCHES[row.swatch]} {row.text}</div>;
  return (
    <div className="legend-row fx" data-testid={`legend-${row.key}`}>
      {row.marks.map((m) => <span key={m.text}><Glyph glyph={m.glyph} /> {m.text}</span>)}
    </div>
  );
}

export function Legend() {
  const [startOpen] = useState(() => !(globalThis.matchMedia?.(PHONE).matches ?? false));
  return (
    <details className="legend" aria-label="Legend" data-testid="legend" open={startOpen}>
      <summary>Legend</summary>
      <div className="legend-rows">{LEGEND_ROWS.map((row) => <Row key={row.key} row={row} />)}</div>
    </details>
  );
}
