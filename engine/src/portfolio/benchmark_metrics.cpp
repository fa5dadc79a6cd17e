#include "finsim/portfolio/benchmark_metrics.hpp"

#include <algorithm>

#include "finsim/portfolio/returns_metrics.hpp"
#include "portfolio/numeric.hpp"

namespace finsim::portfolio {
namespace {

using numeric::kNaN;

// The pairs where the benchmark passes `keep` (NaN benchmarks never do), as empyrical's up/down.
template <class Keep>
void filter_by_factor(std::span<const double> r, std::span<const double> b, Keep keep, std::vector<double>& out_r,
                      std::vector<double>& out_b) {
  for (std::size_t i = 0; i < r.size() && i < b.size(); ++i)
    if (keep(b[i])) {
      out_r.push_back(r[i]);
      out_b.push_back(b[i]);
    }
}

}  // namespace

double beta(std::span<const double> returns, std::span<const double> factor_returns) {
  if (returns.empty() || factor_returns.size() < 2 || returns.size() != factor_returns.size()) return kNaN;
  const std::size_t n = returns.size();
  // empyrical beta_aligned: the benchmark takes the returns' missing pattern, is centred on its own
  // mean, and Cov = mean(x_res · r), Var = mean(x_res²) over the pairs present.
  std::vector<double> independent(n);
  for (std::size_t i = 0; i < n; ++i) independent[i] = std::isnan(returns[i]) ? kNaN : factor_returns[i];
  const double mean = numeric::nanmean(independent);
  std::vector<double> products(n), squares(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double res = independent[i] - mean;  // NaN wherever either series is missing
    products[i] = res * returns[i];
    squares[i] = res * res;
  }
  const double covariance = numeric::nanmean(products);
  const double variance = numeric::nanmean(squares);
  if (!(variance >= 1.0e-30)) return kNaN;
  return covariance / variance;
}

double alpha(std::span<const double> returns, std::span<const double> factor_returns, double risk_free, Period period) {
  return alpha_beta(returns, factor_returns, risk_free, period).alpha;
}

AlphaBeta alpha_beta(std::span<const double> returns, std::span<const double> factor_returns, double risk_free,
                     Period period) {
  if (returns.size() < 2 || returns.size() != factor_returns.size()) return {kNaN, kNaN};
  const double b = beta(returns, factor_returns);
  std::vector<double> alpha_series(returns.size());
  for (std::size_t i = 0; i < returns.size(); ++i)
    alpha_series[i] = (returns[i] - risk_free) - b * (factor_returns[i] - risk_free);
  const double a = numeric::pow_nonneg(numeric::nanmean(alpha_series) + 1.0, annualization_factor(period)) - 1.0;
  return {a, b};
}

double capture(std::span<const double> returns, std::span<const double> factor_returns, Period period) {
  return annual_return(returns, period) / annual_return(factor_returns, period);
}

double up_capture(std::span<const double> returns, std::span<const double> factor_returns, Period period) {
  std::vector<double> r, b;
  filter_by_factor(returns, factor_returns, [](double x) { return x > 0.0; }, r, b);
  return capture(r, b, period);
}

double down_capture(std::span<const double> returns, std::span<const double> factor_returns, Period period) {
  std::vector<double> r, b;
  filter_by_factor(returns, factor_returns, [](double x) { return x < 0.0; }, r, b);
  return capture(r, b, period);
}

double up_down_capture(std::span<const double> returns, std::span<const double> factor_returns, Period period) {
  return up_capture(returns, factor_returns, period) / down_capture(returns, factor_returns, period);
}

double correlation(std::span<const double> x, std::span<const double> y) {
  std::vector<double> a, b;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      a.push_back(x[i]);
      b.push_back(y[i]);
    }
  if (a.size() < 2) return kNaN;
  const double n = static_cast<double>(a.size());
  const double ma = numeric::pairwise_sum(a) / n, mb = numeric::pairwise_sum(b) / n;
  double saa = 0.0, sbb = 0.0, sab = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
    sab += (a[i] - ma) * (b[i] - mb);
  }
  if (saa == 0.0 || sbb == 0.0) return kNaN;
  return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

std::vector<double> correlation_matrix(std::span<const std::vector<double>> series) {
  const std::size_t n = series.size();
  std::vector<double> m(n * n, kNaN);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i; j < n; ++j) {
      const double c = correlation(series[i], series[j]);
      m[i * n + j] = c;
      m[j * n + i] = c;
    }
  return m;
}

}  // namespace finsim::portfolio
