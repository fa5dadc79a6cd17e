// Flight to quality (docs/model.md §4, phase 3e): deposits that flee a bank in a run or in the
// scenario's withdrawal do not all leave the banking system. Depositors move a share of them to the
// banks they see as safe — the core banks not themselves run on — as Gatev & Strahan (2006) found for US
// banks in market-wide liquidity crises. The money is then in the system, at the core: whether it reaches
// the banks that lost it depends on whether the core lends it on or hoards it (Allen & Gale 2000;
// Acharya & Skeie 2011).
#include "sim_state.hpp"

namespace finsim {

void Simulation::State::redeposit_flight(double fleeing_paid) {
  const SimConfig& c = config;
  const double moving = c.deposit_flight_share * fleeing_paid;
  if (moving <= 0.0) return;
  double base = 0.0;
  for (int i = 0; i < n; ++i)
    if (tier[i] == 1 && is_active(i) && flight[i] <= 0.0) base += deposits[i];
  if (base <= 0.0) return;  // no safe haven: the money leaves the system
  for (int i = 0; i < n; ++i) {
    if (tier[i] != 1 || !is_active(i) || flight[i] > 0.0) continue;
    const double amount = moving * deposits[i] / base;
    cash[i] += amount;
    deposits[i] += amount;
    deposit_target[i] += amount;  // the new depositors stay
    ledger.deposit_inflows += amount;
  }
}

}  // namespace finsim
