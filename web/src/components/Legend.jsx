// How to read the graph, in one glance.
export function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      <div className="legend-row"><span className="swatch-gradient" /> capital: strong → thin</div>
      <div className="legend-row"><span className="dot glow" /> glow: stress</div>
      <div className="legend-row"><span className="dot grey" /> failed bank</div>
      <div className="legend-row"><span className="sizes"><i /><i /><i /></span> core · tier 2 · tier 3</div>
      <div className="legend-row"><span className="arrow">→</span> loan, lender → borrower; thicker = larger</div>
      <div className="legend-row fx">
        <span className="fx-lend">●</span> lend <span className="fx-hoard">◎</span> hoard
        <span className="fx-sale">◌</span> fire sale <span className="fx-default">✕</span> default
      </div>
    </div>
  );
}
