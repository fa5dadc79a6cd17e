// The handlers of the portfolio API, one per route (routes.cpp lists them with their paths). Each runs
// on the service's thread inside its request's savepoint; an answer of 400 or more is rolled back.
// Contract for every handler: change the book only after the statements it depends on succeeded,
// and answer 4xx before changing anything when the request is refused (docs/portfolio-api.md).
#pragma once

#include "api_call.hpp"
#include "http_message.hpp"

namespace finsim::server::handlers {

// portfolios (handlers_portfolios.cpp)
HttpResponse list_portfolios(ApiCall& call);
HttpResponse create_portfolio(ApiCall& call);
HttpResponse get_portfolio(ApiCall& call);
HttpResponse update_portfolio(ApiCall& call);
HttpResponse archive_portfolio(ApiCall& call);
HttpResponse get_holdings(ApiCall& call);
HttpResponse list_transactions(ApiCall& call);
/// GET /api/portfolios/{id}/ledger: the margin's entries (borrow fees, calls, calls met, liquidations),
/// newest first (the reverse of their booking order), ?kind= one of them, paged by offset.
HttpResponse list_ledger(ApiCall& call);
// analytics (handlers_analytics.cpp)
HttpResponse get_performance(ApiCall& call);
HttpResponse get_risk_analytics(ApiCall& call);
HttpResponse get_monte_carlo(ApiCall& call);
HttpResponse get_fee_comparison(ApiCall& call);
HttpResponse get_overview(ApiCall& call);
// orders (handlers_orders.cpp)
HttpResponse place_order(ApiCall& call);
HttpResponse list_orders(ApiCall& call);
HttpResponse list_all_orders(ApiCall& call);
HttpResponse get_order(ApiCall& call);
HttpResponse cancel_order(ApiCall& call);
// fee structures (handlers_fees.cpp)
HttpResponse list_fee_structures(ApiCall& call);
HttpResponse create_fee_structure(ApiCall& call);
HttpResponse get_fee_structure(ApiCall& call);
HttpResponse replace_fee_structure(ApiCall& call);
HttpResponse delete_fee_structure(ApiCall& call);
HttpResponse preview_fee(ApiCall& call);
// signals and models (handlers_signals.cpp)
HttpResponse post_signals(ApiCall& call);
HttpResponse list_signals(ApiCall& call);
HttpResponse list_models(ApiCall& call);
HttpResponse compare_models(ApiCall& call);
// backtests (handlers_backtests.cpp)
HttpResponse create_backtest(ApiCall& call);
HttpResponse list_backtests(ApiCall& call);
HttpResponse get_backtest(ApiCall& call);
// markets (handlers_markets.cpp; imports are the import runner's, import_runner.hpp)
HttpResponse list_markets(ApiCall& call);
HttpResponse get_market(ApiCall& call);
HttpResponse list_assets(ApiCall& call);
HttpResponse get_prices(ApiCall& call);
HttpResponse advance_market(ApiCall& call);
HttpResponse link_market(ApiCall& call);
// the description (handlers_meta.cpp)
HttpResponse get_openapi(ApiCall& call);

}  // namespace finsim::server::handlers
