// The credit-relationship network: who may lend to whom, and each bank's tier.
//
// A link lender → borrower is a relationship on which a loan can exist. At t = 0 every link carries
// a loan; during a run loans grow (LEND), shrink (repayment, recall) and vanish, but links never change,
// so the picture's geometry is fixed for the whole run.
#pragma once

#include <utility>
#include <vector>

#include "finsim/config.hpp"
#include "finsim/rng.hpp"

namespace finsim {

struct Network {
  int banks = 0;
  std::vector<int> tier;                       ///< 1 = core (money-centre), 2 and 3 = periphery
  std::vector<std::pair<int, int>> links;      ///< (lender, borrower), sorted, no duplicates or self-links
};

/// Tiered core–periphery network (Craig & von Peter 2014). The `core_banks` tier-1 banks are fully
/// interconnected; each periphery bank links to core banks in each direction with a probability that
/// is twice as high for tier 2 as for tier 3, tuned so that links total about banks × mean_degree,
/// and has at least one core lender and one core borrower; a `periphery_link_share` of the non-core
/// links joins random pairs of periphery banks. Default: 100 banks, 10 core, about 500 links.
Network core_periphery_network(const SimConfig& config, Rng& rng);

/// Directed Erdős–Rényi network with mean out-degree `mean_degree`. Tiers by total degree: the top
/// 10 % are tier 1, the next 30 % tier 2, the rest tier 3 (ties broken by index).
Network erdos_renyi_network(const SimConfig& config, Rng& rng);

/// The generator named by config.network.
Network make_network(const SimConfig& config, Rng& rng);

/// round(√banks), at least 2: the default core size.
int default_core_size(int banks);

}  // namespace finsim
