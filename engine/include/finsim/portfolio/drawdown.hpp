// Drawdowns of a returns series: the maximum, the series, and the worst episodes.
//
// The wealth index starts at 1 before the first period and compounds the returns (NaN as 0); the
// drawdown at t is W_t / max_{s≤t} W_s − 1, in [−1, 0] (empyrical max_drawdown; Magdon-Ismail & Atiya
// 2004, "Maximum drawdown"). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace finsim::portfolio {

/// The most negative drawdown, ≤ 0 (empyrical max_drawdown); NaN for an empty series.
double max_drawdown(std::span<const double> returns);

/// The drawdown after each period (same length as `returns`).
std::vector<double> drawdown_series(std::span<const double> returns);

/// One drawdown from a high-water mark to its recovery. Positions index the wealth index: 0 is the
/// starting wealth before the first period, i is the wealth after period i − 1.
struct DrawdownEpisode {
  std::size_t peak = 0;                 ///< where the high-water mark was set
  std::size_t trough = 0;               ///< the lowest wealth of the episode
  std::optional<std::size_t> recovery;  ///< the first position back at the mark; empty if not yet
  double depth = 0.0;                   ///< drawdown at the trough, < 0
};

/// The `count` deepest non-overlapping episodes, deepest first (pyfolio's gen_drawdown_table reading
/// of the series: each episode runs from a high-water mark to the next time it is regained).
std::vector<DrawdownEpisode> worst_drawdowns(std::span<const double> returns, std::size_t count);

}  // namespace finsim::portfolio
