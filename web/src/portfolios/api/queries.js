// The data hooks of the portfolio views: one hook per server resource, cached by TanStack Query under
// the keys of queryKeys.js and kept fresh by the live feed's invalidations (feed.js), not by polling.
// The API client comes from <ApiProvider>; every figure shown is a field of these answers.
import { createContext, createElement, useContext } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './queryKeys.js';

const ApiContext = createContext(null);

export function ApiProvider({ api, children }) {
  return createElement(ApiContext.Provider, { value: api }, children);
}

export function useApi() {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}

function useGet(queryKey, path, query, options = {}) {
  const api = useApi();
  return useQuery({ queryKey, queryFn: () => api.get(path, query), ...options });
}

export const useOverview = () => useGet(keys.overview(), 'api/overview');
// Lists are paged (docs/portfolio-api.md, "Paging"): these ask for the largest page, which holds every
// active portfolio, market and fee structure the server's limits allow.
const wholeList = { limit: 1000 };
export const usePortfolios = () => useGet(keys.portfolios(), 'api/portfolios', { status: 'active', kind: 'all', ...wholeList });
export const useMarkets = () => useGet(keys.markets(), 'api/markets', wholeList);
export const useFeeStructures = () => useGet(keys.feeStructures(), 'api/fee-structures', wholeList);
export const useModels = () => useGet(keys.models(), 'api/models', wholeList);
export const useBacktests = () => useGet(keys.backtests(), 'api/backtests', { limit: 50 });

const portfolioOptions = (id) => ({ enabled: Number.isInteger(id) });

export const usePortfolio = (id) => useGet(keys.detail(id), `api/portfolios/${id}`, undefined, portfolioOptions(id));
export const usePerformance = (id) => useGet(keys.performance(id), `api/portfolios/${id}/performance`, { bins: 20 }, portfolioOptions(id));
// The Monte Carlo of the return path: the server's bootstrap, seeded (the same query, the same answer).
export const useMonteCarlo = (id, query = { paths: 2000, block: 5, seed: 1 }) =>
  useGet(keys.monteCarlo(id, query), `api/portfolios/${id}/monte-carlo`, query, { ...portfolioOptions(id), retry: false });
export const useRiskAnalytics = (id) => useGet(keys.risk(id), `api/portfolios/${id}/risk-analytics`, undefined, portfolioOptions(id));
export const useTransactions = (id) => useGet(keys.transactions(id), `api/portfolios/${id}/transactions`, { limit: 200 }, portfolioOptions(id));
/** The margin's ledger entries beyond fills (borrow fees, calls, liquidations), newest first. */
export const useLedger = (id) => useGet(keys.ledger(id), `api/portfolios/${id}/ledger`, { limit: 200 }, portfolioOptions(id));
/** The order book across portfolios (GET /api/orders): `filters` {status, ticker, model}, each optional. */
export const useAllOrders = (filters) => useGet(keys.orderBook(filters), 'api/orders', { ...filters, limit: 200 });
export const useOrders = (id, status) => useGet(keys.orders(id, status), `api/portfolios/${id}/orders`, { status, limit: 200 }, portfolioOptions(id));

/** `structures`: fee structure names or ids (none: every built-in one). */
export const useFeeComparison = (id, structures) => useGet(keys.feeComparison(id, structures),
  `api/portfolios/${id}/fee-comparison`, { fee_structures: structures }, portfolioOptions(id));

export const useAssets = (marketId) => useGet(keys.assets(marketId), `api/markets/${marketId}/assets`, wholeList,
  { enabled: Number.isInteger(marketId) });

/** The newest signal of each model for one ticker: "which models recommend what". */
export const useTickerSignals = (marketId, ticker) => useGet(keys.signals({ marketId, ticker }), 'api/signals',
  { market_id: marketId, ticker, latest: true }, { enabled: Number.isInteger(marketId) && !!ticker });

export const useModelComparison = (params) => useGet(keys.modelComparison(params), 'api/models/comparison', params,
  { placeholderData: keepPreviousData });

export const useBacktest = (id) => useGet(keys.backtest(id), `api/backtests/${id}`, undefined, { enabled: Number.isInteger(id) });

/** The server's fee preview of an order (POST, but it changes nothing: a query). `body` null: idle. */
export function useFeePreview(body) {
  const api = useApi();
  return useQuery({
    queryKey: keys.feePreview(body),
    queryFn: () => api.post('api/fees/preview', body),
    enabled: !!body,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

function useApiMutation(fn, invalidate) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input) => fn(api, input),
    onSuccess: (data, input) => {
      for (const queryKey of invalidate(data, input)) client.invalidateQueries({ queryKey });
    },
  });
}

export const useCreatePortfolio = () => useApiMutation(
  (api, body) => api.post('api/portfolios', body), () => [keys.portfolios(), keys.overview()]);

export const usePlaceOrder = (portfolioId) => useApiMutation(
  (api, body) => api.post(`api/portfolios/${portfolioId}/orders`, body), () => [keys.portfolio(portfolioId), keys.overview()]);

export const useCancelOrder = (portfolioId) => useApiMutation(
  (api, orderId) => api.delete(`api/portfolios/${portfolioId}/orders/${orderId}`), () => [keys.portfolio(portfolioId), keys.overview()]);

/** Cancels any portfolio's order: `{ portfolioId, orderId }`. */
export const useCancelAnyOrder = () => useApiMutation(
  (api, { portfolioId, orderId }) => api.delete(`api/portfolios/${portfolioId}/orders/${orderId}`),
  (_, { portfolioId }) => [keys.portfolio(portfolioId), keys.overview(), keys.orderBook()]);

export const useAdvanceMarket = () => useApiMutation(
  (api, { marketId, bars = 1 }) => api.post(`api/markets/${marketId}/advance`, { bars }), () => [keys.markets(), keys.portfolio(), keys.overview()]);

export const useCreateFeeStructure = () => useApiMutation(
  (api, body) => api.post('api/fee-structures', body), () => [keys.feeStructures()]);

export const useLaunchBacktest = () => useApiMutation(
  (api, body) => api.post('api/backtests', body), () => [keys.backtests()]);
