#include "bench_portfolio.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/strategy.hpp"

namespace finsim::cli {

using namespace finsim::portfolio;

namespace {

// 100 tickers: 64 stocks, 12 of each other class (scaled for other counts).
MarketModelConfig universe(int tickers) {
  MarketModelConfig c = default_market_config();
  const int others = std::max(0, tickers * 12 / 100);
  c.crypto = c.bonds = c.commodities = others;
  c.stocks = tickers - 3 * others;
  c.late_listing_share = 0.0;
  return c;
}

// Buy when the close crosses above its 20-bar moving average, sell when it crosses below, hold
// otherwise: a signal in every cell, a trade at each crossing.
SignalGrid crossover_grid(const PricePanel& panel) {
  SignalGrid grid(panel.bar_count(), panel.asset_count());
  grid.model = "crossover";
  constexpr std::size_t kWindow = 20;
  for (std::size_t a = 0; a < panel.asset_count(); ++a) {
    double sum = 0.0;
    bool above = false;
    for (std::size_t t = 0; t < panel.bar_count(); ++t) {
      sum += panel.close(t, a);
      if (t >= kWindow) sum -= panel.close(t - kWindow, a);
      if (t + 1 < kWindow) {
        grid.set(t, a, SignalAction::hold, 0.5f);
        continue;
      }
      const bool now_above = panel.close(t, a) > sum / kWindow;
      const SignalAction action = now_above == above ? SignalAction::hold : now_above ? SignalAction::buy : SignalAction::sell;
      grid.set(t, a, action, 0.6f);
      above = now_above;
    }
  }
  return grid;
}

// `runs` runs of the strategy: the median and the fastest, and what the run did.
nlohmann::json measure(const PricePanel& panel, const SignalGrid& grid, const StrategyConfig& config, int runs) {
  using Clock = std::chrono::steady_clock;
  std::vector<double> seconds;
  std::size_t events = 0, fills = 0, trips = 0, risk_exits = 0, partial_fills = 0, ledger_entries = 0, margin_calls = 0,
              liquidations = 0;
  double final_nav = 0.0, slippage = 0.0;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    auto result = run_strategy(panel, grid, config);
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    if (!result.ok()) throw std::runtime_error(result.error().message);
    events = result->bar_events;
    fills = result->fills.size();
    trips = result->round_trips.size();
    final_nav = result->nav.back().nav;
    slippage = 0.0;
    for (const Fill& f : result->fills) slippage += f.slippage;
    risk_exits = result->risk_exits;
    partial_fills = result->partial_fills;
    ledger_entries = result->ledger.size();
    margin_calls = result->margin_calls;
    liquidations = result->liquidations;
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  return {{"tickers", panel.asset_count()},
          {"bars", panel.bar_count()},
          {"bar_events", events},
          {"fills", fills},
          {"round_trips", trips},
          {"fee_schedule", config.fees.name},
          {"slippage_paid", slippage},
          {"risk_exits", risk_exits},
          {"partial_fills", partial_fills},
          {"ledger_entries", ledger_entries},
          {"margin_calls", margin_calls},
          {"liquidations", liquidations},
          {"final_nav", final_nav},
          {"runs", runs},
          {"median_seconds", median},
          {"min_seconds", seconds.front()},
          {"bar_events_per_second", static_cast<double>(events) / median}};
}

}  // namespace

nlohmann::json bench_portfolio(int tickers, int bars, int runs) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto market = simulate_market(universe(tickers), 2024, static_cast<std::size_t>(bars));
  if (!market.ok()) throw std::runtime_error(market.error().message);
  const PricePanel& panel = market->panel;
  const SignalGrid grid = crossover_grid(panel);
  const double setup_s = std::chrono::duration<double>(Clock::now() - t0).count();

  StrategyConfig config;
  config.initial_cash = 1e7;
  config.fees = fee_preset("ibkr_fixed_with_sec").value();
  config.sizing.fraction = 0.01;  // 1 % of NAV a position: most of the 100 can be open at once
  // The same run, its fills moved by a slippage model (slippage.hpp): the volatility-scaled one reads
  // each traded asset's last 20 returns at every fill.
  StrategyConfig slipping = config;
  slipping.rules.slippage = {SlippageKind::volatility, 5.0, 0.0, 0.1, 0.0, 20};
  nlohmann::json out = measure(panel, grid, config, runs);
  out["setup_seconds"] = setup_s;
  out["threads"] = 1;
  out["with_slippage"] = measure(panel, grid, slipping, runs);
  out["with_slippage"]["slippage"] = slippage_to_json(slipping.rules.slippage);
  // And with risk exits on every position too (strategy.hpp rule 5): a 5 % stop-loss, a 10 %
  // take-profit and an 8 % trailing stop checked at every bar of every open position.
  StrategyConfig guarded = slipping;
  guarded.exits = {5.0, 10.0, 8.0};
  out["with_slippage_and_exits"] = measure(panel, grid, guarded, runs);
  out["with_slippage_and_exits"]["exits"] = risk_exits_to_json(guarded.exits);
  // And with every fill capped at 1 % of the bar's volume (participation.hpp, on the simulated market's
  // own volumes): about one fill in fourteen is then a part of a larger order.
  StrategyConfig capped = guarded;
  capped.rules.max_participation = 0.01;
  out["with_slippage_exits_and_partial_fills"] = measure(panel, grid, capped, runs);
  out["with_slippage_exits_and_partial_fills"]["max_participation"] = capped.rules.max_participation;
  // And selling short at each downward crossing, on margin (margin.hpp): borrow fees charged on every
  // short at every bar, the initial margin checked at every short sale, the maintenance at every close.
  StrategyConfig shorting = capped;
  shorting.rules.allow_short = true;
  shorting.rules.margin = {kRegTInitialMargin, kFinraMaintenanceMargin, kGeneralCollateralBorrowRate};
  out["with_shorts_on_margin"] = measure(panel, grid, shorting, runs);
  out["with_shorts_on_margin"]["margin"] = margin_to_json(shorting.rules.margin);
  return out;
}

}  // namespace finsim::cli
