// The Portfolios part as the main bundle sees it: a server is needed (the portfolio API and its
// database live in finsim-server), so in the worker-only site this explains how to get one; with a
// server it loads the dashboard's chunk (Recharts, TanStack Query) on demand.
import { lazy, Suspense } from 'react';
import { useSimulation } from '../store/simulationStore.js';

const PortfoliosApp = lazy(() => import('../portfolios/PortfoliosApp.jsx'));

function NeedsServer() {
  return (
    <div className="pf-unavailable panel" data-testid="portfolios-unavailable">
      <h1>Portfolios need a FinSim server</h1>
      <p>
        The trading dashboard — portfolios, orders with fees, model signals, backtests, risk — reads and writes a
        portfolio database that lives in <code>finsim-server</code>. This copy of the app runs the banking network
        in your browser only, so there is nothing to show here.
      </p>
      <p>To use it, run a server and open the app from it:</p>
      <pre>finsim-server --web web/dist --db data/finsim.db{'\n'}# then open http://127.0.0.1:8080/#/portfolios</pre>
      <p>or choose <b>Connect to a server…</b> at the top right and give its address.</p>
      <p><a href="#/network">Back to the network</a></p>
    </div>
  );
}

export function PortfoliosPart({ route }) {
  const kind = useSimulation((s) => s.transportKind);
  const serverBase = useSimulation((s) => s.serverBase);
  if (kind === null) return <div className="pf-page"><div className="pf-state" data-testid="pf-loading">Looking for a server…</div></div>;
  if (kind !== 'server' || !serverBase) return <div className="pf-page"><NeedsServer /></div>;
  return (
    <Suspense fallback={<div className="pf-page"><div className="pf-state" data-testid="pf-loading">Loading the dashboard…</div></div>}>
      <PortfoliosApp serverBase={serverBase} route={route} />
    </Suspense>
  );
}
