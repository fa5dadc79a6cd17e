#include "finsim/portfolio/value_at_risk.hpp"

#include <algorithm>
#include <vector>

#include "finsim/portfolio/normal_distribution.hpp"
#include "portfolio/numeric.hpp"

namespace finsim::portfolio {

double value_at_risk(std::span<const double> returns, double cutoff) {
  return numeric::percentile(numeric::without_nan(returns), 100.0 * cutoff);
}

double conditional_value_at_risk(std::span<const double> returns, double cutoff) {
  std::vector<double> r = numeric::without_nan(returns);
  if (r.empty()) return numeric::kNaN;
  const auto k = static_cast<std::size_t>(static_cast<double>(r.size() - 1) * cutoff);
  std::sort(r.begin(), r.end());
  return numeric::pairwise_sum(std::span<const double>(r).first(k + 1)) / static_cast<double>(k + 1);
}

double gaussian_value_at_risk(std::span<const double> returns, double cutoff) {
  return numeric::nanmean(returns) + numeric::nanstd(returns, 1) * normal_quantile(cutoff);
}

double gaussian_conditional_value_at_risk(std::span<const double> returns, double cutoff) {
  return numeric::nanmean(returns) - numeric::nanstd(returns, 1) * normal_pdf(normal_quantile(cutoff)) / cutoff;
}

}  // namespace finsim::portfolio
