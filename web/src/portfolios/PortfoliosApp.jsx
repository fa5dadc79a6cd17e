// The Portfolios part (lazy chunk): the API client and the query cache for the server that serves
// the page, the live feed that keeps the cache fresh, the views' navigation and the current view.
import { useEffect, useMemo, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createApiClient } from './api/client.js';
import { ApiProvider } from './api/queries.js';
import { startPortfolioFeed } from './api/feed.js';
import { PortfolioNav } from './PortfolioNav.jsx';
import { Dashboard } from './views/Dashboard.jsx';
import { PortfolioDetail } from './views/PortfolioDetail.jsx';
import { Trading } from './views/Trading.jsx';
import { OrderBook } from './views/OrderBook.jsx';
import { AllOrders } from './views/AllOrders.jsx';
import { RiskAnalytics } from './views/RiskAnalytics.jsx';
import { FeeComparison } from './views/FeeComparison.jsx';
import { ModelComparison } from './views/ModelComparison.jsx';
import { Backtests } from './views/Backtests.jsx';
import { ViewBoundary } from './components/ViewBoundary.jsx';
import './portfolios.css';

const VIEWS = {
  dashboard: Dashboard, portfolio: PortfolioDetail, trade: Trading, orders: OrderBook, book: AllOrders,
  risk: RiskAnalytics, fees: FeeComparison, models: ModelComparison, backtests: Backtests,
};

export function createPortfolioQueryClient() {
  // Fresh until the feed says otherwise: invalidations refetch what is on screen, nothing polls.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 5 * 60_000, retry: 1, refetchOnWindowFocus: false } } });
}

// One cache per server for the page's lifetime, so going back to the network tab and returning shows
// the last answers at once; they are refetched on return because the feed was not listening meanwhile.
const cacheByServer = new Map();

function useServerCache(serverBase) {
  return useMemo(() => {
    const reused = cacheByServer.has(serverBase);
    if (!reused) cacheByServer.set(serverBase, createPortfolioQueryClient());
    return { queryClient: cacheByServer.get(serverBase), reused };
  }, [serverBase]);
}

export default function PortfoliosApp({ serverBase, route }) {
  const api = useMemo(() => createApiClient({ baseUrl: serverBase }), [serverBase]);
  const { queryClient, reused } = useServerCache(serverBase);
  const [feed, setFeed] = useState('connecting');
  useEffect(() => {
    if (reused) queryClient.invalidateQueries();
    return startPortfolioFeed({ baseUrl: serverBase, queryClient, onState: setFeed });
  }, [serverBase, queryClient, reused]);
  const View = VIEWS[route.view] ?? Dashboard;
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider api={api}>
        <div className="pf-page" data-testid="portfolios" data-feed={feed}>
          <PortfolioNav route={route} feed={feed} />
          <main className="pf-main" data-testid={`pf-view-${route.view}`}>
            <ViewBoundary key={`${route.view}/${route.portfolioId}`}><View portfolioId={route.portfolioId} /></ViewBoundary>
          </main>
        </div>
      </ApiProvider>
    </QueryClientProvider>
  );
}
