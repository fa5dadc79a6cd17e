// Statistics of closed round trips: win rate, payoff ratio, profit factor.
//
// Definitions follow pyfolio's round-trip tear sheet (pyfolio/round_trips.py, "percent profitable",
// "ratio avg. win / avg. loss", "profit factor"): a win is a round trip with P&L > 0 (net of fees), a
// loss one with P&L < 0; break-even trips count in the total only.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "finsim/portfolio/portfolio_state.hpp"

namespace finsim::portfolio {

struct TradeStats {
  std::size_t trades = 0;
  std::size_t wins = 0;
  std::size_t losses = 0;
  double win_rate = 0.0;        ///< wins / trades; NaN with no trades
  double average_win = 0.0;     ///< mean P&L of wins; NaN with none
  double average_loss = 0.0;    ///< mean P&L of losses (< 0); NaN with none
  double payoff_ratio = 0.0;    ///< average_win / |average_loss|; NaN unless both exist
  double profit_factor = 0.0;   ///< Σ win P&L / |Σ loss P&L|; +inf with wins and no losses; NaN with neither
  double total_pnl = 0.0;
  double expectancy = 0.0;      ///< mean P&L per trip; NaN with no trades
  double average_return = 0.0;  ///< mean return_on_entry; NaN with no trades
  double average_holding_bars = 0.0;
};

TradeStats trade_stats(std::span<const RoundTrip> trips);

/// The statistics of the round trips opened by one model (RoundTrip::model).
struct ModelTradeStats {
  std::string model;
  TradeStats stats;
};

/// trade_stats per model, models in name order: which model's trades win, and by how much (the
/// win-rate-versus-payoff view). Pure; thread-safe.
std::vector<ModelTradeStats> trade_stats_by_model(std::span<const RoundTrip> trips);

}  // namespace finsim::portfolio
