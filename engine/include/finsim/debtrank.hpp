// DebtRank: how much of the system's economic value is lost when distress spreads along exposures.
//
// Original: Battiston, Puliga, Kaushik, Tasca & Caldarelli (2012), "DebtRank: Too Central to Fail?",
// Sci. Rep. 2:541. Each distressed bank propagates its distress once, then becomes inactive:
//   h_i(t) = min(1, h_i(t-1) + Σ_{j distressed at t-1} W_ij h_j(t-1)),  W_ij = min(1, A_ij / E_i).
// Linear: Bardoscia, Battiston, Caccioli & Caldarelli (2015), "DebtRank: A Microscopic Foundation for
// Shock Propagation", PLoS ONE 10(6): distress increments propagate repeatedly,
//   h_i(t+1) = min(1, h_i(t) + Σ_j Λ_ij (h_j(t) − h_j(t-1))),  Λ_ij = A_ij / E_i,  h(-1) = 0.
// In both, A_ij is bank i's exposure to bank j and the result is R = Σ_i h_i v_i − Σ_i h_i(0) v_i with
// the value weights v normalised to sum to 1.
#pragma once

#include <string>
#include <vector>

#include "finsim/result.hpp"

namespace finsim {

enum class DebtRankVariant { original, linear };

struct DebtRankInput {
  std::vector<std::vector<double>> exposures;  ///< n x n, exposures[i][j] = i's exposure to j, >= 0.
  std::vector<double> capital;                 ///< E_i > 0.
  std::vector<double> value;                   ///< v_i >= 0, not all 0; normalised internally.
  std::vector<double> shock;                   ///< h_i(0) in [0, 1].
  DebtRankVariant variant = DebtRankVariant::original;
};

struct DebtRankResult {
  std::vector<double> h;  ///< Final relative equity losses, in [0, 1].
  double debtrank = 0.0;  ///< R: value-weighted distress caused beyond the initial shock.
  int iterations = 0;     ///< Propagation rounds until nothing changed.
};

/// Checks sizes, signs and ranges; the message names the first problem.
Status validate_debtrank_input(const DebtRankInput& input);

/// Runs DebtRank. Precondition: validate_debtrank_input(input).ok().
DebtRankResult debtrank(const DebtRankInput& input);

}  // namespace finsim
