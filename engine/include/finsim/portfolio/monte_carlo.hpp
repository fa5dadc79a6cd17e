// A Monte Carlo of the return path (issue 14, the tear sheet): the portfolio's daily returns resampled
// by the stationary bootstrap (Politis & Romano 1994, "The stationary bootstrap", JASA 89(428)) into many
// paths of the same length, and the distribution of where they end and how deep they fall.
//
// A path starts at a uniformly drawn return; each next return is, with probability 1/block, another
// uniformly drawn one, else the one after the current (wrapping at the end): blocks of mean length
// `block` keep the returns' short-range dependence (volatility clusters), which resampling single days
// would destroy. Seeded (rng.hpp): the same returns, options and seed give the same result on every
// platform. Pure; no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "finsim/result.hpp"

namespace finsim::portfolio {

struct MonteCarloOptions {
  std::size_t paths = 1000;   ///< 100 … 20,000
  std::size_t block = 5;      ///< mean block length in periods, 1 … 250 (1: independent days)
  std::size_t horizon = 0;    ///< periods per path; 0 = as many as the returns, at most 2,520
  std::uint64_t seed = 1;
};

/// The 5th, 25th, 50th, 75th and 95th percentiles (linear interpolation between order statistics).
using Quantiles = std::array<double, 5>;
inline constexpr std::array<double, 5> kQuantileLevels = {0.05, 0.25, 0.5, 0.75, 0.95};

struct MonteCarloResult {
  std::size_t paths = 0, horizon = 0, block = 0, sample = 0;  ///< sample: the returns resampled
  Quantiles final_return{};    ///< of Π(1 + r) − 1 over a path
  Quantiles max_drawdown{};    ///< of a path's maximum drawdown (≤ 0)
  double mean_final_return = 0.0;
  double probability_of_loss = 0.0;            ///< share of paths ending below where they started
  std::vector<std::size_t> checkpoints;        ///< periods at which `fan` is taken (≤ 60, the last = horizon)
  std::vector<Quantiles> fan;                  ///< quantiles of the cumulative return at each checkpoint
};

/// Errors: "bad_monte_carlo" for options out of range or fewer than 2 finite returns (NaNs are dropped).
Result<MonteCarloResult> bootstrap_paths(std::span<const double> returns, const MonteCarloOptions& options);

}  // namespace finsim::portfolio
