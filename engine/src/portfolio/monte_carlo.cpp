#include "finsim/portfolio/monte_carlo.hpp"

#include <algorithm>
#include <cmath>

#include "finsim/rng.hpp"

namespace finsim::portfolio {
namespace {

Error bad(std::string m) { return make_error("bad_monte_carlo", std::move(m)); }

// Percentiles of `values` (sorted in place), linear between order statistics (numpy's default).
Quantiles quantiles(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  Quantiles q{};
  for (std::size_t k = 0; k < q.size(); ++k) {
    const double at = kQuantileLevels[k] * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    q[k] = values[lo] + (values[hi] - values[lo]) * (at - static_cast<double>(lo));
  }
  return q;
}

}  // namespace

Result<MonteCarloResult> bootstrap_paths(std::span<const double> returns, const MonteCarloOptions& o) {
  std::vector<double> sample;
  for (double r : returns)
    if (std::isfinite(r)) sample.push_back(r);
  if (sample.size() < 2) return bad("a Monte Carlo needs at least 2 returns (the portfolio has " +
                                    std::to_string(sample.size()) + ")");
  if (o.paths < 100 || o.paths > 20000) return bad("paths must be from 100 to 20000");
  if (o.block < 1 || o.block > 250) return bad("block must be from 1 to 250 periods");
  if (o.horizon > 2520) return bad("horizon must be at most 2520 periods");
  MonteCarloResult out;
  out.paths = o.paths;
  out.block = o.block;
  out.sample = sample.size();
  out.horizon = o.horizon ? o.horizon : std::min<std::size_t>(sample.size(), 2520);
  const std::size_t points = std::min<std::size_t>(60, out.horizon);
  for (std::size_t k = 1; k <= points; ++k) out.checkpoints.push_back((out.horizon * k + points - 1) / points);
  std::vector<std::vector<double>> at(points, std::vector<double>(o.paths));
  std::vector<double> finals(o.paths), drawdowns(o.paths);
  Rng rng(o.seed);
  const double jump = 1.0 / static_cast<double>(o.block);
  std::size_t losses = 0;
  double sum = 0.0;
  for (std::size_t p = 0; p < o.paths; ++p) {
    std::size_t i = rng.below(sample.size());
    double growth = 1.0, peak = 1.0, deepest = 0.0;
    std::size_t next_point = 0;
    for (std::size_t t = 1; t <= out.horizon; ++t) {
      if (t > 1) i = rng.uniform() < jump ? rng.below(sample.size()) : (i + 1) % sample.size();
      growth *= 1.0 + sample[i];
      peak = std::max(peak, growth);
      deepest = std::min(deepest, growth / peak - 1.0);
      if (next_point < points && t == out.checkpoints[next_point]) at[next_point++][p] = growth - 1.0;
    }
    finals[p] = growth - 1.0;
    drawdowns[p] = deepest;
    losses += growth < 1.0 ? 1 : 0;
    sum += growth - 1.0;
  }
  out.mean_final_return = sum / static_cast<double>(o.paths);
  out.probability_of_loss = static_cast<double>(losses) / static_cast<double>(o.paths);
  out.final_return = quantiles(finals);
  out.max_drawdown = quantiles(drawdowns);
  for (auto& column : at) out.fan.push_back(quantiles(column));
  return out;
}

}  // namespace finsim::portfolio
