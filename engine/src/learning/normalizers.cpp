#include "finsim/learning/normalizers.hpp"

#include <algorithm>
#include <cmath>

namespace finsim::learning {

void ValueNormalizer::update(std::span<const double> batch) {
  if (batch.empty()) return;
  double sum = 0.0, sum_sq = 0.0;
  for (double x : batch) {
    sum += x;
    sum_sq += x * x;
  }
  const double n = static_cast<double>(batch.size());
  mean_ = beta_ * mean_ + (1.0 - beta_) * (sum / n);
  mean_sq_ = beta_ * mean_sq_ + (1.0 - beta_) * (sum_sq / n);
  debias_ = beta_ * debias_ + (1.0 - beta_);
}

double ValueNormalizer::mean() const { return mean_ / std::max(debias_, epsilon_); }

double ValueNormalizer::variance() const {
  const double m = mean();
  return std::max(mean_sq_ / std::max(debias_, epsilon_) - m * m, 1e-2);
}

double ValueNormalizer::normalize(double x) const { return (x - mean()) / std::sqrt(variance()); }
double ValueNormalizer::denormalize(double x) const { return x * std::sqrt(variance()) + mean(); }

RunningMeanStd::RunningMeanStd(int features)
    : mean_(static_cast<std::size_t>(features), 0.0), m2_(static_cast<std::size_t>(features), 0.0) {}

void RunningMeanStd::update(std::span<const double> rows, long long count) {
  if (count <= 0) return;
  const std::size_t f = mean_.size();
  RunningMeanStd batch(static_cast<int>(f));
  for (long long r = 0; r < count; ++r)
    for (std::size_t j = 0; j < f; ++j) batch.mean_[j] += rows[static_cast<std::size_t>(r) * f + j];
  for (double& m : batch.mean_) m /= static_cast<double>(count);
  for (long long r = 0; r < count; ++r)
    for (std::size_t j = 0; j < f; ++j) {
      const double d = rows[static_cast<std::size_t>(r) * f + j] - batch.mean_[j];
      batch.m2_[j] += d * d;
    }
  batch.count_ = count;
  merge(batch);
}

void RunningMeanStd::merge(const RunningMeanStd& other) {
  if (other.count_ == 0) return;
  const double na = static_cast<double>(count_), nb = static_cast<double>(other.count_), n = na + nb;
  for (std::size_t j = 0; j < mean_.size(); ++j) {
    const double delta = other.mean_[j] - mean_[j];
    mean_[j] += delta * nb / n;
    m2_[j] += other.m2_[j] + delta * delta * na * nb / n;
  }
  count_ += other.count_;
}

std::vector<double> RunningMeanStd::stddev() const {
  std::vector<double> s(mean_.size(), 1.0);
  if (count_ == 0) return s;
  for (std::size_t j = 0; j < s.size(); ++j)
    s[j] = std::sqrt(m2_[j] / static_cast<double>(count_) + kObservationVarianceEpsilon);
  return s;
}

}  // namespace finsim::learning
