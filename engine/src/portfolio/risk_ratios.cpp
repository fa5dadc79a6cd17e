#include "finsim/portfolio/risk_ratios.hpp"

#include <vector>

#include "finsim/portfolio/drawdown.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "portfolio/numeric.hpp"

namespace finsim::portfolio {
namespace {

using numeric::kNaN;

std::vector<double> adjusted(std::span<const double> returns, const PerPeriodRate& rate) {
  std::vector<double> out(returns.size());
  for (std::size_t i = 0; i < returns.size(); ++i) out[i] = returns[i] - rate.at(i);
  return out;
}

}  // namespace

double sharpe_ratio(std::span<const double> returns, PerPeriodRate risk_free, Period period) {
  if (returns.size() < 2) return kNaN;
  const std::vector<double> adj = adjusted(returns, risk_free);
  return numeric::nanmean(adj) / numeric::nanstd(adj, 1) * std::sqrt(annualization_factor(period));
}

double downside_risk(std::span<const double> returns, PerPeriodRate required_return, Period period) {
  if (returns.empty()) return kNaN;
  std::vector<double> below = adjusted(returns, required_return);
  for (double& d : below)
    if (!std::isnan(d)) d = d < 0.0 ? d * d : 0.0;
  return std::sqrt(numeric::nanmean(below)) * std::sqrt(annualization_factor(period));
}

double sortino_ratio(std::span<const double> returns, PerPeriodRate required_return, Period period) {
  if (returns.size() < 2) return kNaN;
  const double ann = annualization_factor(period);
  const double average_annual = numeric::nanmean(adjusted(returns, required_return)) * ann;
  return average_annual / downside_risk(returns, required_return, period);
}

double calmar_ratio(std::span<const double> returns, Period period) {
  const double dd = max_drawdown(returns);
  if (!(dd < 0.0)) return kNaN;
  const double ratio = annual_return(returns, period) / std::fabs(dd);
  return std::isinf(ratio) ? kNaN : ratio;
}

double omega_ratio(std::span<const double> returns, PerPeriodRate risk_free, double required_return,
                   double annualization) {
  if (returns.size() < 2) return kNaN;
  double threshold;
  if (annualization == 1.0) {
    threshold = required_return;
  } else if (required_return <= -1.0) {
    return kNaN;
  } else {
    threshold = numeric::pow_nonneg(1.0 + required_return, 1.0 / annualization) - 1.0;
  }
  double gains = 0.0, losses = 0.0;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    const double d = returns[i] - risk_free.at(i) - threshold;
    if (d > 0.0) gains += d;
    else if (d < 0.0) losses -= d;
  }
  return losses > 0.0 ? gains / losses : kNaN;
}

double excess_sharpe(std::span<const double> returns, PerPeriodRate factor_returns) {
  if (returns.size() < 2) return kNaN;
  const std::vector<double> active = adjusted(returns, factor_returns);
  double tracking_error = numeric::nanstd(active, 1);
  if (std::isnan(tracking_error)) tracking_error = 0.0;  // numpy.nan_to_num, as empyrical
  return numeric::nanmean(active) / tracking_error;
}

double stability_of_timeseries(std::span<const double> returns) {
  if (returns.size() < 2) return kNaN;
  const std::vector<double> r = numeric::without_nan(returns);
  const std::size_t n = r.size();
  if (n < 2) return kNaN;
  // scipy.stats.linregress(x = 0..n−1, y = cumulative log returns): r = Sxy / √(Sxx Syy).
  std::vector<double> x(n), y(n);
  double cum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    cum += numeric::log1p(r[i]);
    x[i] = static_cast<double>(i);
    y[i] = cum;
  }
  const double mx = numeric::pairwise_sum(x) / static_cast<double>(n);
  const double my = numeric::pairwise_sum(y) / static_cast<double>(n);
  double sxx = 0.0, syy = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const double den = std::sqrt(sxx * syy);
  const double rho = den == 0.0 ? 0.0 : std::min(1.0, std::max(-1.0, sxy / den));
  return rho * rho;
}

double tail_ratio(std::span<const double> returns) {
  std::vector<double> r = numeric::without_nan(returns);
  if (r.empty()) return kNaN;
  return std::fabs(numeric::percentile(r, 95.0)) / std::fabs(numeric::percentile(r, 5.0));
}

}  // namespace finsim::portfolio
