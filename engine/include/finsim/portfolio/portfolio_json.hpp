// JSON forms of the portfolio engine's values: one serializer for the CLI and the server.
//
// Numbers that are undefined (NaN) or infinite are written as null, the only JSON for them; dates as
// "YYYY-MM-DD"; money in currency units. Field names are those of the C++ structs.
#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/histogram.hpp"
#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/monte_carlo.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/performance.hpp"
#include "finsim/portfolio/trade_stats.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

/// A number, or null when NaN or infinite.
nlohmann::json json_number(double x);

nlohmann::json performance_to_json(const PerformanceSummary& p);
nlohmann::json trade_stats_to_json(const TradeStats& t);
/// [{"model", "trades": {trade_stats_to_json}}, ...] in the given order.
nlohmann::json model_trade_stats_to_json(std::span<const ModelTradeStats> stats);
/// {"edges": [...], "counts": [...], "ignored": n}.
nlohmann::json histogram_to_json(const Histogram& h);
nlohmann::json fill_to_json(const Fill& f);
/// {"kind", "date", "ticker"|null, "amount", "quantity", "price", "days"} (margin.hpp's LedgerEntry).
nlohmann::json ledger_entry_to_json(const LedgerEntry& e);
nlohmann::json round_trip_to_json(const RoundTrip& r);
nlohmann::json nav_to_json(std::span<const NavSnapshot> nav);
nlohmann::json valuation_to_json(const PortfolioValuation& v);
nlohmann::json holdings_to_json(std::span<const Holding> holdings);
nlohmann::json allocation_to_json(const Allocation& a);
/// {"tickers": [...], "matrix": [[...], ...]} (null where undefined).
nlohmann::json correlation_to_json(const CorrelationTable& c);
/// A Monte Carlo (monte_carlo.hpp): {paths, horizon, block, sample, final_return, final_nav (from `nav`),
/// max_drawdown (each {p5, p25, p50, p75, p95}), mean_final_return, probability_of_loss,
/// fan: [{period, p5, …, p95}]}.
nlohmann::json monte_carlo_to_json(const MonteCarloResult& r, double nav);
/// A backtest's windows (window_report.hpp): [{start, end, total_return, benchmark_return, excess_return,
/// signals, hit_rate, fills}].
nlohmann::json windows_to_json(std::span<const WindowReport> windows);
/// Summary, trades, performance, windows; with `series`, also the NAV history, fills, round trips and signals.
nlohmann::json backtest_to_json(const BacktestResult& r, bool series = true);
nlohmann::json model_reports_to_json(std::span<const ModelReport> reports);
nlohmann::json fee_scenarios_to_json(std::span<const FeeScenario> scenarios, bool series = false);

/// {"ticker", "side": "buy"|"sell", "type"?: "market"|"limit"|"stop"|"stop_limit"|"trailing_stop",
///  "quantity" | "notional", "limit_price"?, "stop_price"?, "trail_percent"?, "placed": "YYYY-MM-DD",
///  "good_until"?: "YYYY-MM-DD" | "good_for_days"?: N, "model"?, "signal_id"?, "confidence"?, "filled"?,
///  "last_part"?: "YYYY-MM-DD"}: exactly one of quantity and notional; each price only for the types
/// that use it; a good_until that is given must be a date ("" is refused; omit it for no expiry);
/// "filled" and "last_part" are an order filled in parts (a server refuses them from clients).
/// Validates the form (not the market: see validate_order). Error "bad_order".
Result<Order> order_from_json(const nlohmann::json& j);
nlohmann::json order_to_json(const Order& o);

/// {"kind": "fixed_fraction"|"confidence_scaled"|"kelly", "fraction"?, "kelly_multiplier"?,
///  "max_fraction"?, "kelly_min_trades"?}: absent fields keep SizingRule's defaults. Validates (valid_sizing).
/// Error "bad_sizing".
Result<SizingRule> sizing_rule_from_json(const nlohmann::json& j);
/// {"stop_loss_percent", "take_profit_percent", "trailing_stop_percent"}: each optional (0 = none);
/// errors "bad_backtest" (unknown member, not a number) and validate_risk_exits' "bad_config".
Result<RiskExits> risk_exits_from_json(const nlohmann::json& j);
nlohmann::json risk_exits_to_json(const RiskExits& exits);
nlohmann::json sizing_rule_to_json(const SizingRule& r);
nlohmann::json execution_to_json(const Execution& e);

}  // namespace finsim::portfolio
