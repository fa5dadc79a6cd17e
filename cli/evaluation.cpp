#include "evaluation.hpp"

#include <cmath>
#include <stdexcept>

#include "cli_args.hpp"
#include "finsim/simulation.hpp"

namespace finsim::cli {

RunOutcome evaluate_run(const SimConfig& config, std::uint64_t seed, int steps, const PolicyMaker& make) {
  auto sim = Simulation::create(config, seed, make());
  if (!sim.ok()) throw UsageError(sim.error().message);
  RunOutcome r;
  const double initial_equity = sim->metrics().total_equity;
  double liquidity = 0.0;
  long long decisions = 0, counts[4] = {};
  for (int t = 0; t < steps; ++t) {
    sim->step();
    liquidity += sim->metrics().liquidity;
    const auto active = sim->active();  // banks that decided in this step
    const auto actions = sim->actions();
    for (std::size_t i = 0; i < active.size(); ++i)
      if (active[i]) {
        ++decisions;
        ++counts[static_cast<int>(actions[i])];
      }
  }
  const Metrics& m = sim->metrics();
  r.default_rate = m.default_rate;
  r.surviving_equity = initial_equity > 0.0 ? m.total_equity / initial_equity : 0.0;
  r.mean_liquidity = steps > 0 ? liquidity / steps : m.liquidity;
  r.equilibrium = m.equilibrium_score;
  r.final_liquidity = m.liquidity;
  for (int a = 0; a < 4; ++a) r.action_share[a] = decisions > 0 ? static_cast<double>(counts[a]) / decisions : 0.0;
  return r;
}

double t_quantile_975(int df) {
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                      2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                      2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return std::nan("");
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959963984540054, n = df;
  const double z3 = z * z * z, z5 = z3 * z * z;
  return z + (z3 + z) / (4.0 * n) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * n * n);
}

Estimate estimate(const std::vector<double>& v) {
  Estimate e;
  if (v.empty()) return e;
  double sum = 0.0;
  for (double x : v) sum += x;
  e.mean = sum / static_cast<double>(v.size());
  e.low = e.high = e.mean;
  if (v.size() < 2) return e;
  double ss = 0.0;
  for (double x : v) ss += (x - e.mean) * (x - e.mean);
  const double se = std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  const double half = t_quantile_975(static_cast<int>(v.size()) - 1) * se;
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

}  // namespace finsim::cli
