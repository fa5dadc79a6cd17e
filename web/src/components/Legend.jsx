// How to read the graph, in one glance. It folds to one line ("Legend") and starts folded on a phone,
// where the graph needs the room; open or folded, the graph is fitted around it (graph/viewportFit.js).
import { useState } from 'react';
import { MARK_COLOURS } from '../animation/consequenceEffects.js';

const PHONE = '(max-width: 600px)';

export function Legend() {
  const [startOpen] = useState(() => !(globalThis.matchMedia?.(PHONE).matches ?? false));
  return (
    <details className="legend" aria-label="Legend" data-testid="legend" open={startOpen}>
      <summary>Legend</summary>
      <div className="legend-row"><span className="swatch-gradient" /> capital: strong → thin</div>
      <div className="legend-row"><span className="dot glow" /> glow: stress</div>
      <div className="legend-row"><span className="dot grey" /> failed bank</div>
      <div className="legend-row"><span className="sizes"><i /><i /><i /></span> core · tier 2 · tier 3</div>
      <div className="legend-row"><span className="arrow">→</span> loan, lender → borrower; thicker = larger</div>
      <div className="legend-row fx">
        <span className="fx-lend">●</span> lend <span className="fx-hoard">◎</span> hoard
        <span className="fx-sale">◌</span> fire sale <span className="fx-default">✕</span> default
      </div>
      <div className="legend-row fx" data-testid="legend-marks">
        <span style={{ color: MARK_COLOURS.recall }}>━</span> loan recalled
        <span style={{ color: MARK_COLOURS.borrowerHit }}>◌</span> its borrower
      </div>
      <div className="legend-row fx">
        <span style={{ color: MARK_COLOURS.loss }}>◌</span> creditor lost
        <span style={{ color: MARK_COLOURS.priceReach }}>○</span> price reached
      </div>
    </details>
  );
}
