// Gai & Kapadia (2010), "Contagion in financial networks", Proc. R. Soc. A 466: the robust-yet-fragile
// benchmark. Banks sit on a directed Erdős–Rényi graph with mean degree z (an edge i → j: i lent to j).
// Interbank assets are a fixed share of each bank's assets, split evenly over its debtors; capital is a
// fixed share; recovery on a failed debtor is zero. One random bank fails; a bank fails when the claims
// it has lost exceed its capital. "Contagion" is a cascade reaching at least a threshold share of banks.
//
// Default decision: with shares given in parts per million (interbank a, capital c), bank i with k_i
// debtors of which m have failed fails iff  a·m > c·k_i  in exact 64-bit integer arithmetic. A loss of
// exactly the capital (a = 20 %, c = 4 %, k_i = 5, m = 1) leaves equity at zero, and the bank SURVIVES,
// as Gai & Kapadia's strict inequality has it.
#pragma once

#include <cstdint>
#include <vector>

#include "finsim/rng.hpp"

namespace finsim {

struct GaiKapadiaParams {
  int banks = 1000;
  double mean_degree = 4.0;                 ///< z
  std::int64_t interbank_share_ppm = 200000;  ///< 20 % of assets are interbank claims
  std::int64_t capital_share_ppm = 40000;     ///< 4 % of assets are capital
  int contagion_threshold_percent = 5;        ///< contagion = at least this % of banks fail
};

struct GaiKapadiaPoint {
  double mean_degree = 0.0;
  double p_contagion = 0.0;       ///< share of draws with contagion
  double mean_extent = 0.0;       ///< mean share of banks failed, over the draws with contagion (0 if none)
};

/// Directed Erdős–Rényi graph: each ordered pair (i, j), i != j, is an edge with probability
/// z / (n − 1), drawn by geometric skipping (Batagelj & Brandes 2005) in O(n + edges).
/// Returns the edge list as (lender, borrower) pairs in increasing pair order.
std::vector<std::pair<int, int>> directed_erdos_renyi(int n, double mean_degree, Rng& rng);

/// Number of banks failed (including the first) when `first` fails on the given graph.
int gai_kapadia_cascade(int n, const std::vector<std::pair<int, int>>& edges, int first,
                        const GaiKapadiaParams& params);

/// `draws` independent graphs and first failures at one mean degree.
GaiKapadiaPoint gai_kapadia_point(const GaiKapadiaParams& params, int draws, Rng& rng);

}  // namespace finsim
