// Reductions with numpy's rounding behaviour, and deterministic powers.
//
// empyrical computes with numpy, whose sums are pairwise (numpy/_core/src/umath/loops_utils.h: blocks of
// 128 summed with 8 accumulators, halves recursively above that). Matching the order of additions
// reproduces numpy's results to the last bit in the cases that matter for its published test values: a
// constant series whose mean must come out exactly equal to each element (a zero standard deviation,
// hence an infinite Sharpe ratio). NaN marks a missing value throughout, as in numpy's nan* functions.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace finsim::portfolio::numeric {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// Σ x in numpy's pairwise order.
double pairwise_sum(std::span<const double> x);

/// numpy.nanmean: NaN replaced by 0, pairwise sum, divided by the count of non-NaN values (NaN if none).
double nanmean(std::span<const double> x);

/// numpy.nanstd with `ddof` (numpy's _nanvar: deviations from nanmean, NaN positions contributing 0,
/// divided by count − ddof; NaN when that is ≤ 0).
double nanstd(std::span<const double> x, int ddof);

/// The values that are not NaN, in order.
std::vector<double> without_nan(std::span<const double> x);

/// numpy.percentile(x, q) with linear interpolation (numpy ≥ 1.22 _lerp), q in [0, 100]; x must hold
/// no NaN. NaN when x is empty.
double percentile(std::vector<double> x, double q);

/// x^y for x ≥ 0 via detmath (identical bits on every platform); NaN for x < 0 or NaN input.
double pow_nonneg(double x, double y);

/// log(1 + x) without cancellation near 0 (Goldberg 1991, "What every computer scientist should know
/// about floating-point arithmetic", theorem 4), through detmath::log.
double log1p(double x);

}  // namespace finsim::portfolio::numeric
