#include "finsim/portfolio/drawdown.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace finsim::portfolio {
namespace {

// Wealth before the first period (1) and after each period, NaN returns counting as 0.
std::vector<double> wealth_index(std::span<const double> returns) {
  std::vector<double> w(returns.size() + 1);
  w[0] = 1.0;
  for (std::size_t t = 0; t < returns.size(); ++t)
    w[t + 1] = w[t] * (1.0 + (std::isnan(returns[t]) ? 0.0 : returns[t]));
  return w;
}

}  // namespace

double max_drawdown(std::span<const double> returns) {
  if (returns.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> w = wealth_index(returns);
  double peak = w[0], worst = 0.0;
  for (double v : w) {
    peak = std::max(peak, v);
    worst = std::min(worst, (v - peak) / peak);
  }
  return worst;
}

std::vector<double> drawdown_series(std::span<const double> returns) {
  const std::vector<double> w = wealth_index(returns);
  std::vector<double> out(returns.size());
  double peak = w[0];
  for (std::size_t t = 1; t < w.size(); ++t) {
    peak = std::max(peak, w[t]);
    out[t - 1] = (w[t] - peak) / peak;
  }
  return out;
}

std::vector<DrawdownEpisode> worst_drawdowns(std::span<const double> returns, std::size_t count) {
  const std::vector<double> w = wealth_index(returns);
  std::vector<DrawdownEpisode> episodes;
  std::size_t peak = 0;
  bool in_drawdown = false;
  DrawdownEpisode current;
  for (std::size_t i = 1; i < w.size(); ++i) {
    if (w[i] >= w[peak]) {
      if (in_drawdown) {
        current.recovery = i;
        episodes.push_back(current);
        in_drawdown = false;
      }
      peak = i;
      continue;
    }
    const double dd = w[i] / w[peak] - 1.0;
    if (!in_drawdown) {
      current = DrawdownEpisode{peak, i, std::nullopt, dd};
      in_drawdown = true;
    } else if (dd < current.depth) {
      current.trough = i;
      current.depth = dd;
    }
  }
  if (in_drawdown) episodes.push_back(current);
  std::stable_sort(episodes.begin(), episodes.end(),
                   [](const DrawdownEpisode& a, const DrawdownEpisode& b) { return a.depth < b.depth; });
  if (episodes.size() > count) episodes.resize(count);
  return episodes;
}

}  // namespace finsim::portfolio
