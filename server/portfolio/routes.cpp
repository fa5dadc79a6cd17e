#include "routes.hpp"

#include <array>

#include "handlers.hpp"

namespace finsim::server {

std::span<const ApiRoute> api_routes() {
  using namespace handlers;
  static constexpr std::array<ApiRoute, 40> kRoutes{{
      {"GET", "/api/portfolios", list_portfolios, false},
      {"POST", "/api/portfolios", create_portfolio, true},
      {"GET", "/api/portfolios/{id}", get_portfolio, false},
      {"PATCH", "/api/portfolios/{id}", update_portfolio, true},
      {"DELETE", "/api/portfolios/{id}", archive_portfolio, true},
      {"GET", "/api/portfolios/{id}/holdings", get_holdings, false},
      {"GET", "/api/portfolios/{id}/transactions", list_transactions, false},
      {"GET", "/api/portfolios/{id}/ledger", list_ledger, false},
      {"GET", "/api/portfolios/{id}/performance", get_performance, false},
      {"GET", "/api/portfolios/{id}/risk-analytics", get_risk_analytics, false},
      {"GET", "/api/portfolios/{id}/monte-carlo", get_monte_carlo, false},
      {"GET", "/api/portfolios/{id}/fee-comparison", get_fee_comparison, false},
      {"POST", "/api/portfolios/{id}/orders", place_order, true},
      {"GET", "/api/portfolios/{id}/orders", list_orders, false},
      {"GET", "/api/portfolios/{id}/orders/{order_id}", get_order, false},
      {"DELETE", "/api/portfolios/{id}/orders/{order_id}", cancel_order, true},
      {"GET", "/api/orders", list_all_orders, false},
      {"GET", "/api/overview", get_overview, false},
      {"GET", "/api/fee-structures", list_fee_structures, false},
      {"POST", "/api/fee-structures", create_fee_structure, true},
      {"GET", "/api/fee-structures/{id}", get_fee_structure, false},
      {"PUT", "/api/fee-structures/{id}", replace_fee_structure, true},
      {"DELETE", "/api/fee-structures/{id}", delete_fee_structure, true},
      {"POST", "/api/fees/preview", preview_fee, false},
      {"POST", "/api/signals", post_signals, true},
      {"GET", "/api/signals", list_signals, false},
      {"GET", "/api/models", list_models, false},
      {"GET", "/api/models/comparison", compare_models, false},
      {"POST", "/api/backtests", create_backtest, true},
      {"GET", "/api/backtests", list_backtests, false},
      {"GET", "/api/backtests/{id}", get_backtest, false},
      {"GET", "/api/markets", list_markets, false},
      {"POST", "/api/markets/import", nullptr, true},  // long work: the import runner (import_runner.hpp)
      {"GET", "/api/markets/{id}", get_market, false},
      {"GET", "/api/markets/{id}/assets", list_assets, false},
      {"GET", "/api/markets/{id}/prices", get_prices, false},
      {"POST", "/api/markets/{id}/advance", advance_market, true},
      {"PUT", "/api/markets/{id}/link", link_market, true},
      {"GET", "/api/openapi.json", get_openapi, false},
      {"GET", "/api/scenarios", nullptr, false},  // the engine's catalogue, answered by the router itself
  }};
  return kRoutes;
}

std::optional<std::vector<std::int64_t>> match_pattern(std::string_view pattern, std::string_view path) {
  std::vector<std::int64_t> ids;
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') return std::nullopt;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view p = pattern.substr(0, pattern.find('/'));
    const std::string_view s = path.substr(0, path.find('/'));
    pattern.remove_prefix(p.size());
    path.remove_prefix(s.size());
    if (!p.empty() && p.front() == '{') {
      if (s.empty() || s.size() > 18 || s.front() == '0') return std::nullopt;
      std::int64_t v = 0;
      for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
      }
      ids.push_back(v);
    } else if (p != s) {
      return std::nullopt;
    }
  }
  return ids;
}

}  // namespace finsim::server
