// The app's two parts: the banking network and the portfolios (trading dashboard), switched by the
// address's hash so the network view's search parameters stay as they are.
export function PartTabs({ part }) {
  return (
    <nav className="part-tabs" aria-label="Views">
      <a href="#/network" data-testid="tab-network" aria-current={part === 'network' ? 'page' : undefined}>Network</a>
      <a href="#/portfolios" data-testid="tab-portfolios" aria-current={part === 'portfolios' ? 'page' : undefined}>Portfolios</a>
    </nav>
  );
}
