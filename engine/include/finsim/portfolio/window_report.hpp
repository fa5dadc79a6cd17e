// Walk-forward evaluation reported per window (issue 14): a backtest's period cut into the windows
// between its models' refits, each window's result out of sample — the models were fitted on bars
// before it — against the benchmark over the same window. A model that beats the benchmark on the whole
// period by one lucky month shows it here.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "finsim/portfolio/buy_and_hold.hpp"
#include "finsim/portfolio/nav.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/signal.hpp"

namespace finsim::portfolio {

struct WindowReport {
  std::size_t first_bar = 0, last_bar = 0;  ///< the window [first, last]
  Date first, last;
  double total_return = 0.0;      ///< NAV(last) / NAV(the bar before first) − 1 (the period's first bar for the first window)
  double benchmark_return = 0.0;  ///< the benchmark's over the same bars
  double excess_return = 0.0;     ///< total_return − benchmark_return
  std::size_t signals = 0;        ///< buy and sell signals dated in the window
  double hit_rate = 0.0;          ///< share of them whose direction the next bar's return had (NaN: none scorable)
  std::size_t fills = 0;
};

/// Windows of `window` bars from `start_bar` to the NAV's last bar (the last one shorter); `nav` one
/// snapshot per bar from `start_bar`, `benchmark.value` likewise. A signal is scored when its asset has
/// closes at its bar and the next. Empty for an empty NAV or a zero window.
std::vector<WindowReport> report_windows(const PricePanel& panel, std::span<const NavSnapshot> nav,
                                         const BuyAndHold& benchmark, std::span<const Signal> signals,
                                         std::span<const Fill> fills, std::size_t start_bar, std::size_t window);

}  // namespace finsim::portfolio
