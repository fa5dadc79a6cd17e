// A small simulated market and a quick backtest spec, for the tests of strategies, backtests and their
// benchmark.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/market_model.hpp"

namespace portfolio_test {

/// The default market model with 14 assets (8 stocks, 2 of each other class), `bars` bars.
inline finsim::portfolio::PricePanel simulated(std::size_t bars, std::uint64_t seed = 3) {
  using namespace finsim::portfolio;
  MarketModelConfig c = default_market_config();
  c.stocks = 8;
  c.crypto = c.bonds = c.commodities = 2;
  return simulate_market(c, seed, bars).value().panel;
}

/// `model` walk-forward with short windows (250 / 60 / 20), ibkr_fixed fees, positions closed after 10 bars.
inline finsim::portfolio::BacktestSpec quick_spec(const std::string& model = "linear") {
  finsim::portfolio::BacktestSpec spec;
  spec.model = model;
  spec.fees = finsim::portfolio::fee_preset("ibkr_fixed").value();
  spec.walk_forward.train_window = 250;
  spec.walk_forward.min_train = 60;
  spec.walk_forward.refit_every = 20;
  spec.exit_after_bars = 10;
  return spec;
}

}  // namespace portfolio_test
