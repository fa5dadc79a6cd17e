// Learners of the next period's return: the interface built-in models implement, and the features they
// learn from.
//
// A ReturnModel sees only feature rows and targets handed to it by the walk-forward driver
// (walk_forward.hpp), never a market: it cannot look ahead by construction, and the driver only builds
// rows from bars already closed.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "finsim/result.hpp"

namespace finsim::portfolio {

/// Features of one asset at bar t, from its simple returns r_{t−L+1} … r_t:
///   raw lags:  r_t, r_{t−1}, …, r_{t−L+1} (most recent first), L = lags;
///   summaries (when enabled): the mean of the last 5 and of the last 20 returns, and the sample
///   standard deviation of the last 20 (momentum and volatility).
struct FeatureSpec {
  std::size_t lags = 10;
  bool summaries = true;

  [[nodiscard]] std::size_t width() const { return lags + (summaries ? 3 : 0); }
  /// Returns needed before the first feature row can be formed.
  [[nodiscard]] std::size_t history() const { return summaries && lags < 20 ? 20 : lags; }
};

/// Writes the features of the last bar of `returns` into `out` (width() values). False when the
/// history is too short or holds a missing (NaN) return.
bool build_features(std::span<const double> returns, const FeatureSpec& spec, std::span<double> out);

class ReturnModel {
 public:
  virtual ~ReturnModel() = default;

  /// "linear", "xgboost", "cnn", "momentum", …
  [[nodiscard]] virtual std::string_view name() const = 0;

  /// The features this model wants.
  [[nodiscard]] virtual FeatureSpec features() const = 0;

  /// Fits to `rows` samples of features (row-major rows × width) and their next-period returns.
  /// Replaces any earlier fit. Errors name the reason (e.g. "model_failed").
  virtual Status fit(std::span<const double> x, std::size_t rows, std::span<const double> y) = 0;

  /// Predicted next-period returns of `rows` feature rows into `out`. Requires a successful fit.
  virtual void predict(std::span<const double> x, std::size_t rows, std::span<double> out) const = 0;

  /// Forgets every fit, so the next one starts afresh. The walk-forward driver calls it before each
  /// asset: a model that warm-starts (cnn) would otherwise carry what it learnt from one asset's later
  /// bars into another asset's earlier signals — a look-ahead across assets.
  virtual void reset() {}
};

}  // namespace finsim::portfolio
