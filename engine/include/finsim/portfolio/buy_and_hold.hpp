// The benchmark every backtest and model comparison is measured against (issue 14): an equal-weight
// buy-and-hold of the same universe over the same bars — what a trader gets by doing nothing clever.
//
// At the first bar of the period, 1/N of the money goes into each of the N assets of the universe that
// have a close at or before it (an asset listed later is not in it: nobody could have bought it then),
// bought at that close and held to the end, frictionless (no fee, no slippage: the benchmark is the
// market, not a trader). Value at bar t = Σ_a (1/N) · P_t,a / P_start,a, a missing close carried forward.
// Pure; no I/O.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "finsim/portfolio/price_panel.hpp"

namespace finsim::portfolio {

struct BuyAndHold {
  std::vector<std::size_t> assets;  ///< the assets held (those priced at the start), panel order
  std::vector<double> value;        ///< one per bar of [start, end]: 1 at start
  std::vector<double> returns;      ///< value[k] / value[k − 1] − 1, one per bar after start
  [[nodiscard]] double total_return() const { return value.empty() ? 0.0 : value.back() - 1.0; }
  /// "equal-weight buy-and-hold of 12 assets" (or of one ticker).
  [[nodiscard]] std::string name(const PricePanel& panel) const;
};

/// The equal-weight buy-and-hold of `universe` (asset indices of `panel`) over bars [start, end]
/// (end clipped to the panel). With no asset priced by `start` the value stays 1 (cash).
BuyAndHold equal_weight_buy_and_hold(const PricePanel& panel, std::span<const std::size_t> universe, std::size_t start,
                                     std::size_t end);

}  // namespace finsim::portfolio
