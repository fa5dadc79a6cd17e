// Phase 2 input: what each bank sees, and which actions it may take.
#include <algorithm>
#include <cmath>

#include "sim_state.hpp"

namespace finsim {

void Simulation::State::observe() {
  const SimConfig& c = config;
  // Banks see the stress and capital ratios of the last published state, and their own cash position
  // as it is now. Only a price move in phase 1 (a shock) changes capital this early in the step:
  // then everything is measured again. (Deposit flows change cash and deposits equally: no capital.)
  if (price != step_start_price || ledger.injections > 0.0) measure_banks(/*recount_loans=*/false);
  const double price_ratio = price / fundamental_price;
  const double change = metrics.price_change;
  const double default_rate = static_cast<double>(metrics.defaulted_banks) / n;

  for (int i = 0; i < n; ++i) {
    active[i] = is_active(i) ? 1 : 0;
    BankObservation& o = observations[i];  // every field is assigned below (no zeroing: hot path)
    o.tier = tier[i];
    o.last_action = action[i];
    o.price = price_ratio;
    o.price_change = change;
    o.system_default_rate = default_rate;
    gap[i] = 0.0;
    spare[i] = 0.0;
    if (!active[i]) {
      masks[i] = mask_of(Action::hold);
      o = BankObservation{};
      o.tier = tier[i];
      o.stress = 1.0;
      continue;
    }
    const double assets = std::max(total_assets[i], 1e-12);
    // This step's known outflows and the buffer the bank keeps on its remaining deposits.
    const double outflows = withdrawal[i] + due_authority[i];
    const double keep = c.deposit_runoff * (deposits[i] - withdrawal[i]) + c.interbank_runoff * borrowed[i];
    gap[i] = std::max(0.0, keep + outflows - cash[i]);
    spare[i] = std::max(0.0, cash[i] - outflows - keep);
    o.capital_ratio = capital_ratio[i];
    o.capital_gap = std::clamp((capital_ratio[i] - c.capital_requirement) / c.capital_buffer, -1.0, 1.0);
    o.capital_stress = capital_stress[i];
    o.liquidity_stress = liquidity_stress[i];
    o.counterparty_stress = counterparty_stress[i];
    o.stress = stress[i];
    o.cash_share = cash[i] / assets;
    o.liquidity_gap = gap[i] / assets;
    o.spare_cash = spare[i] / assets;
    o.withdrawal_share = deposits[i] > 0 ? withdrawal[i] / deposits[i] : 0.0;
    o.lending_share = lent[i] / assets;
    o.borrowing_share = borrowed[i] / assets;
    o.asset_share = units[i] * price / assets;
  }

  // Counterparty views: loan-weighted stress of borrowers and lenders, defaults among counterparties.
  for (int i = 0; i < n; ++i) {
    if (!active[i]) continue;
    BankObservation& o = observations[i];
    double lent_weight = 0.0, lent_stress = 0.0;
    int borrowers_active = 0, borrowers_needy = 0, counterparties_down = 0;
    for (int e = out_start[i]; e < out_start[i + 1]; ++e) {
      const int l = out_links[e], b = borrower[l];
      if (!is_active(b)) {
        ++counterparties_down;
        continue;
      }
      ++borrowers_active;
      if (gap[b] > 0.0) ++borrowers_needy;
      lent_weight += loan[l];
      lent_stress += loan[l] * stress[b];
    }
    double borrowed_weight = 0.0, borrowed_stress = 0.0;
    for (int e = in_start[i]; e < in_start[i + 1]; ++e) {
      const int l = in_links[e], a = lender[l];
      if (!is_active(a)) {
        ++counterparties_down;
        continue;
      }
      borrowed_weight += loan[l];
      borrowed_stress += loan[l] * stress[a];
    }
    o.borrower_stress = lent_weight > 0 ? lent_stress / lent_weight : 0.0;
    o.lender_stress = borrowed_weight > 0 ? borrowed_stress / borrowed_weight : 0.0;
    const int links = (out_start[i + 1] - out_start[i]) + (in_start[i + 1] - in_start[i]);
    o.counterparties_defaulted = links > 0 ? static_cast<double>(counterparties_down) / links : 0.0;
    o.borrowers_in_need = borrowers_active > 0 ? static_cast<double>(borrowers_needy) / borrowers_active : 0.0;

    ActionMask mask = mask_of(Action::hold);
    // A bank that hoarded keeps refusing new loans for hoard_persistence steps: its fear does not pass in
    // a step (Acharya & Skeie 2011).
    if (spare[i] > 0.0 && borrowers_needy > 0 && !still_hoarding(i)) mask |= mask_of(Action::lend);
    if (lent_weight > 0.0) mask |= mask_of(Action::hoard);
    if (units[i] > 0.0) mask |= mask_of(Action::fire_sale);
    masks[i] = mask;
  }
}

}  // namespace finsim
