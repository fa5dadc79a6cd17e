// Picking banks in tests by what they are, not by index.
#pragma once

#include "finsim/simulation.hpp"

namespace finsim::test {

/// The tier-1 bank with the largest total assets now (the one core_default fails and the lessons make hoard).
inline int largest_core_bank(const Simulation& sim) {
  int best = -1;
  for (int i = 0; i < sim.banks(); ++i)
    if (sim.bank(i).tier == 1 && (best < 0 || sim.bank(i).total_assets > sim.bank(best).total_assets)) best = i;
  return best;
}

}  // namespace finsim::test
