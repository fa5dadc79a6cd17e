// Generalised advantage estimation (Schulman et al. 2016, "High-Dimensional Continuous Control Using
// Generalized Advantage Estimation", eq. 16), as the MAPPO reference computes it
// (marlbenchmark/on-policy `SharedReplayBuffer.compute_returns`, `use_gae`).
#pragma once

#include <cstdint>
#include <span>

namespace finsim::learning {

/// For one agent's trajectory of T steps:
///   δ_t = r_t + γ·(1 − d_t)·V_{t+1} − V_t,   A_t = δ_t + γλ·(1 − d_t)·A_{t+1},   R_t = A_t + V_t,
/// with A_T = 0. `values` has T + 1 entries (V_T bootstraps a trajectory cut off by the rollout);
/// `terminal[t]` = 1 when the episode ends after step t, which stops both bootstrapping and the
/// accumulation of later advantages. λ = 1 gives Monte-Carlo returns minus values; λ = 0 the TD residuals.
/// Preconditions: rewards, terminal, advantages and returns have T entries; values T + 1.
void compute_gae(std::span<const double> rewards, std::span<const double> values,
                 std::span<const std::uint8_t> terminal, double gamma, double lambda,
                 std::span<double> advantages, std::span<double> returns);

}  // namespace finsim::learning
