// Running statistics that keep the networks' inputs and targets on a unit scale.
#pragma once

#include <span>
#include <vector>

namespace finsim::learning {

/// MAPPO's value normaliser (marlbenchmark/on-policy `ValueNorm`, β = 0.99999, ε = 1e-5): exponentially
/// weighted, debiased mean and mean square of the return targets. The critic predicts normalised values;
/// GAE and the returns use denormalised ones. With β this close to 1 it is in effect the mean and
/// variance of every return seen so far.
class ValueNormalizer {
 public:
  explicit ValueNormalizer(double beta = 0.99999, double epsilon = 1e-5) : beta_(beta), epsilon_(epsilon) {}

  /// Folds one batch in: each running moment ← β·moment + (1−β)·batch moment.
  void update(std::span<const double> batch);
  /// (x − μ) / σ with μ, σ² the debiased running moments and σ² ≥ 10⁻².
  [[nodiscard]] double normalize(double x) const;
  /// x·σ + μ: the inverse of normalize.
  [[nodiscard]] double denormalize(double x) const;
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;

 private:
  double beta_, epsilon_;
  double mean_ = 0.0, mean_sq_ = 0.0, debias_ = 0.0;
};

/// Per-feature running mean and variance of observations over every sample seen (Chan, Golub &
/// LeVeque 1979 pairwise update), as the observation normalisers of SB3's VecNormalize and CleanRL do.
/// Normalised feature: clip((x − μ) / √(σ² + 10⁻⁸), −clip, clip).
class RunningMeanStd {
 public:
  explicit RunningMeanStd(int features = 0);

  /// Adds `count` samples stored row-major (count × features) in `rows`.
  void update(std::span<const double> rows, long long count);
  /// Folds in another accumulator's samples (same number of features).
  void merge(const RunningMeanStd& other);
  [[nodiscard]] int features() const { return static_cast<int>(mean_.size()); }
  [[nodiscard]] long long count() const { return count_; }
  [[nodiscard]] const std::vector<double>& mean() const { return mean_; }
  /// √(σ² + 10⁻⁸) per feature (1 before any update).
  [[nodiscard]] std::vector<double> stddev() const;

 private:
  std::vector<double> mean_, m2_;  // m2_ = Σ (x − μ)², the variance times count
  long long count_ = 0;
};

/// Epsilon inside the square root of RunningMeanStd::stddev.
inline constexpr double kObservationVarianceEpsilon = 1e-8;

}  // namespace finsim::learning
