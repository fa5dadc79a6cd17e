// Phase 1: exogenous shocks — user interventions, the scenario's shock, deposit flows, price noise.
//
// The exogenous stream draws the same numbers in the same order whatever the policy does (one normal
// per bank per step, defaulted or not, then one for the price), so different policies on the same seed
// face the same shocks.
#include <algorithm>
#include <numeric>

#include "finsim/detmath.hpp"
#include "sim_state.hpp"

namespace finsim {
namespace {

bool in_target(const SimConfig& c, int tier) {
  if (c.shock_target == "core") return tier == 1;
  if (c.shock_target == "periphery") return tier != 1;
  return true;
}

}  // namespace

// Income and interest for the step (docs/model.md, "Income"): coupons and loan-book interest arrive in
// cash; interest on deposits, central-bank funding and interbank loans is added to what is owed, so it
// moves equity without moving cash (interbank interest moves it from borrower to lender).
void Simulation::State::accrue_income() {
  const SimConfig& c = config;
  for (int i = 0; i < n; ++i) {
    if (!is_active(i)) continue;
    const double received = c.security_yield * units[i] * price + c.loan_book_yield * loan_book[i];
    cash[i] += received;
    ledger.income += received;
    const double expense = c.deposit_rate * deposits[i] + c.central_bank_rate * cb_funding[i];
    deposits[i] += c.deposit_rate * deposits[i];
    deposit_target[i] += c.deposit_rate * deposit_target[i];
    cb_funding[i] += c.central_bank_rate * cb_funding[i];
    ledger.interest_expense += expense;
  }
  if (c.interbank_rate > 0.0)
    for (int l = 0; l < m; ++l) loan[l] += c.interbank_rate * loan[l];  // 0 stays 0; failed banks hold none
}

void Simulation::State::apply_shocks() {
  const SimConfig& c = config;
  const int step_number = t + 1;
  step_start_price = price;
  ledger = StepLedger{};
  events.clear();
  hoard_events.clear();
  lend_events.clear();
  sale_events.clear();
  default_events.clear();
  std::fill(forced.begin(), forced.end(), 0);
  std::fill(forced_cause.begin(), forced_cause.end(), DefaultCause::none);
  std::fill(forced_by.begin(), forced_by.end(), ForcedBy::none);
  std::fill(withdrawal.begin(), withdrawal.end(), 0.0);
  std::fill(flight.begin(), flight.end(), 0.0);
  std::fill(run_flight.begin(), run_flight.end(), 0.0);
  std::fill(shock_flight.begin(), shock_flight.end(), 0.0);
  std::fill(hit_by_shock.begin(), hit_by_shock.end(), 0);
  std::fill(action_imposed.begin(), action_imposed.end(), 0);

  for (const Intervention& iv : pending) {
    switch (iv.kind) {
      case Intervention::Kind::force_default:
        if (is_active(iv.bank)) {
          forced[iv.bank] = 1;
          forced_cause[iv.bank] = DefaultCause::forced;
          forced_by[iv.bank] = ForcedBy::intervention;
        }
        break;
      case Intervention::Kind::inject_liquidity:
        if (is_active(iv.bank)) {
          cash[iv.bank] += iv.amount;
          cb_funding[iv.bank] += iv.amount;
          ledger.injections += iv.amount;
        }
        break;
      case Intervention::Kind::price_shock:
        price *= 1.0 - iv.amount;
        break;
      case Intervention::Kind::force_action:
        if (is_active(iv.bank)) {
          imposed_action[iv.bank] = iv.action;
          action_imposed[iv.bank] = 1;
        }
        break;
      case Intervention::Kind::policy: break;  // never queued here: next_policy holds a switch
    }
  }
  pending.clear();
  // A policy switch: the new policy decides this step; the policy's random stream continues.
  if (next_policy) policy = std::move(next_policy);

  if (c.shock_step > 0 && step_number == c.shock_step) {
    // A counterfactual may remove the shock, or spare one bank its withdrawal; the draws stay the same.
    const bool shock_comes = !hooks.removes_scenario_shock();
    if (shock_comes) price *= 1.0 - c.shock_price;
    if (c.shock_withdrawal > 0.0)
      for (int i = 0; i < n; ++i)
        if (in_target(c, tier[i]) && exogenous.bernoulli(c.shock_target_share))
          hit_by_shock[i] = hooks.withdrawal_hits(i) ? 1 : 0;
    if (c.shock_defaults > 0 && shock_comes) {
      std::vector<int> core;
      for (int i = 0; i < n; ++i)
        if (tier[i] == 1 && is_active(i)) core.push_back(i);
      std::stable_sort(core.begin(), core.end(), [&](int a, int b) { return total_assets[a] > total_assets[b]; });
      for (int k = 0; k < c.shock_defaults && k < static_cast<int>(core.size()); ++k) {
        const int b = core[k];
        forced[b] = 1;
        forced_cause[b] = DefaultCause::forced;
        forced_by[b] = forced_by[b] == ForcedBy::intervention ? ForcedBy::shock_and_intervention : ForcedBy::shock;
      }
    }
  }

  accrue_income();

  // Deposits: mean-reverting net flows plus runs on stressed banks (docs/model.md, "Deposits").
  for (int i = 0; i < n; ++i) {
    const double z = exogenous.normal();
    const double d = deposits[i];
    if (!is_active(i) || d <= 0.0) continue;
    double flow = c.deposit_reversion * (deposit_target[i] - d) / d + c.deposit_volatility * z;
    // Depositors run on a bank they see struggling to pay: its liquidity stress, not worries about
    // its borrowers that they cannot see (docs/model.md, "Deposits").
    double running = 0.0;
    if (liquidity_stress[i] > c.run_threshold && !hooks.calms_depositors(i, step_number))
      running = c.run_sensitivity * (liquidity_stress[i] - c.run_threshold) / (1.0 - c.run_threshold);
    const double shocked = hit_by_shock[i] ? c.shock_withdrawal : 0.0;
    const double fleeing = running + shocked;
    // What each cause demanded: had it not come, the bank would hold this much more in deposits.
    run_flight[i] = running * d;
    shock_flight[i] = shocked * d;
    flow -= fleeing;
    const double change = flow * d;
    if (change > 0.0) {
      cash[i] += change;
      deposits[i] += change;
      ledger.deposit_inflows += change;
    } else {
      withdrawal[i] = std::min(d, -change);
      flight[i] = std::min(withdrawal[i], fleeing * d);  // the part that flees, not ordinary outflow
    }
  }
  price_noise = exogenous.normal();
}

}  // namespace finsim
