#include <cmath>

#include "finsim/portfolio/return_model.hpp"

namespace finsim::portfolio {

bool build_features(std::span<const double> returns, const FeatureSpec& spec, std::span<double> out) {
  const std::size_t n = returns.size();
  if (n < spec.history() || out.size() < spec.width() || spec.lags == 0) return false;
  const std::span<const double> window = returns.last(spec.history());
  for (double r : window)
    if (std::isnan(r)) return false;
  for (std::size_t j = 0; j < spec.lags; ++j) out[j] = returns[n - 1 - j];
  if (spec.summaries) {
    double m5 = 0.0, m20 = 0.0;
    for (std::size_t j = 0; j < 5; ++j) m5 += returns[n - 1 - j];
    for (std::size_t j = 0; j < 20; ++j) m20 += returns[n - 1 - j];
    m5 /= 5.0;
    m20 /= 20.0;
    double ss = 0.0;
    for (std::size_t j = 0; j < 20; ++j) ss += (returns[n - 1 - j] - m20) * (returns[n - 1 - j] - m20);
    out[spec.lags] = m5;
    out[spec.lags + 1] = m20;
    out[spec.lags + 2] = std::sqrt(ss / 19.0);
  }
  return true;
}

}  // namespace finsim::portfolio
