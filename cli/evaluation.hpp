// Evaluation of bank policies on held-out seeds: the figures `finsim eval` reports, per run and
// aggregated as means with 95 % confidence intervals.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "finsim/config.hpp"
#include "finsim/learning/multi_agent_env.hpp"
#include "policy_arg.hpp"

namespace finsim::cli {

/// The outcome of one simulation run.
struct RunOutcome {
  double default_rate = 0.0;      ///< defaulted banks / all banks at the end
  double surviving_equity = 0.0;  ///< Σ equity of surviving banks at the end / Σ equity at t = 0
  double mean_liquidity = 0.0;    ///< liquidity metric averaged over steps 1..T
  double equilibrium = 0.0;       ///< equilibrium score at the end
  double final_liquidity = 0.0;   ///< liquidity metric at the end
  double action_share[4] = {};    ///< share of live-bank decisions that were HOLD, LEND, HOARD, FIRE_SALE
};

/// Runs `steps` steps of `config` with seed `seed` under a fresh policy from `make`.
RunOutcome evaluate_run(const SimConfig& config, std::uint64_t seed, int steps, const PolicyMaker& make);

/// Mean and 95 % confidence interval of the mean (Student t, two-sided).
struct Estimate {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};
Estimate estimate(const std::vector<double>& values);

/// The 97.5 % quantile of Student's t with `df` degrees of freedom (table up to 30, then the
/// Cornish–Fisher expansion around 1.959964; error below 10⁻³).
double t_quantile_975(int df);

}  // namespace finsim::cli
