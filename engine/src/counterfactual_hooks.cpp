// Counterfactual hooks (counterfactual.hpp): validation, compilation into per-bank and per-link lookups,
// and the clearing problem as the hooks change it. The phases ask the hooks where a cause acts:
//   phase 1 (step_shocks.cpp)      the scenario's shock, the withdrawal shock on a bank, a bank's run;
//   phase 2 (simulation.cpp)       voluntary actions banned from a step on;
//   phase 3a (step_liquidity.cpp)  a lender's recall of one loan;
//   phase 5 (step_clearing.cpp)    guaranteed claims, loans not called when their lender fails.
#include <algorithm>
#include <string>

#include "sim_state.hpp"

namespace finsim {

bool Counterfactual::empty() const {
  return spared_loans.empty() && action_bans.empty() && guaranteed_claims.empty() && uncalled_loans.empty() &&
         calm_depositors.empty() && spared_by_withdrawal_shock.empty() && still_hit_by_withdrawal_shock.empty() &&
         !without_scenario_shock;
}

void Counterfactual::merge(const Counterfactual& o) {
  auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(spared_loans, o.spared_loans);
  append(action_bans, o.action_bans);
  append(guaranteed_claims, o.guaranteed_claims);
  append(uncalled_loans, o.uncalled_loans);
  append(calm_depositors, o.calm_depositors);
  append(spared_by_withdrawal_shock, o.spared_by_withdrawal_shock);
  append(still_hit_by_withdrawal_shock, o.still_hit_by_withdrawal_shock);
  without_scenario_shock = without_scenario_shock || o.without_scenario_shock;
}

int Simulation::State::link_of(int from, int to) const {
  for (int e = out_start[from]; e < out_start[from + 1]; ++e)
    if (borrower[out_links[e]] == to) return out_links[e];
  return -1;
}

namespace {

// Banks named by the counterfactual, each checked against the network; pairs must be links.
struct Checker {
  const Simulation::State& s;
  Status status;

  bool bank(int i) {
    if (!status.ok() || (i >= 0 && i < s.n)) return status.ok();
    status = make_error("unknown_bank", "bank " + std::to_string(i) + " does not exist (0.." + std::to_string(s.n - 1) + ")");
    return false;
  }
  int link(int lender, int borrower) {
    if (!bank(lender) || !bank(borrower)) return -1;
    const int l = s.link_of(lender, borrower);
    if (l < 0)
      status = make_error("bad_request", "bank " + std::to_string(lender) + " has no link to lend to bank " +
                                             std::to_string(borrower));
    return l;
  }
};

}  // namespace

Status Simulation::set_counterfactual(const Counterfactual& cf) {
  State& s = *s_;
  if (cf.empty()) {
    s.hooks = CounterfactualHooks{};
    return {};
  }
  constexpr int kNever = CounterfactualHooks::kNever;
  CounterfactualHooks h;
  h.on = true;
  h.without_scenario_shock = cf.without_scenario_shock;
  h.spared_from.assign(static_cast<std::size_t>(s.m), kNever);
  h.ban_from.assign(static_cast<std::size_t>(s.n), {kNever, kNever, kNever, kNever});
  h.guaranteed.assign(static_cast<std::size_t>(s.m), 0);
  h.uncalled.assign(static_cast<std::size_t>(s.m), 0);
  h.calm_from.assign(static_cast<std::size_t>(s.n), kNever);
  h.shock_spared.assign(static_cast<std::size_t>(s.n), 0);
  h.shock_kept.assign(static_cast<std::size_t>(s.n), 0);

  Checker check{s, {}};
  for (const auto& x : cf.spared_loans)
    if (const int l = check.link(x.lender, x.borrower); l >= 0) h.spared_from[l] = std::min(h.spared_from[l], x.from_step);
  for (const auto& x : cf.action_bans)
    if (check.bank(x.bank)) {
      int& from = h.ban_from[x.bank][static_cast<int>(x.action)];
      from = std::min(from, x.from_step);
    }
  for (const auto& x : cf.guaranteed_claims)
    if (const int l = check.link(x.creditor, x.debtor); l >= 0) h.guaranteed[l] = 1;
  for (const auto& x : cf.uncalled_loans)
    if (const int l = check.link(x.lender, x.borrower); l >= 0) h.uncalled[l] = 1;
  for (const auto& x : cf.calm_depositors)
    if (check.bank(x.bank)) h.calm_from[x.bank] = std::min(h.calm_from[x.bank], x.from_step);
  for (const int i : cf.spared_by_withdrawal_shock)
    if (check.bank(i)) h.shock_spared[i] = 1;
  for (const int i : cf.still_hit_by_withdrawal_shock)
    if (check.bank(i)) h.shock_kept[i] = 1;
  if (!check.status.ok()) return check.status;
  h.any_guarantee = !cf.guaranteed_claims.empty();
  s.hooks = std::move(h);
  return {};
}

std::span<const std::uint8_t> Simulation::withdrawal_shocked() const { return s_->hit_by_shock; }

ClearingProblem Simulation::State::counterfactual_clearing_problem() {
  ClearingProblem problem = build_clearing_problem();
  // A loan its failed lender's administrator did not call is owed outside the banking system, as a
  // called loan is (due_authority), but not due now: an external liability of the borrower.
  for (int l = 0; l < m; ++l)
    if (loan[l] > 0.0 && !is_active(lender[l]) && is_active(borrower[l])) external_liabilities[borrower[l]] += loan[l];
  if (!hooks.any_guarantee) return problem;

  // A guaranteed claim: the debtor owes it to a guarantor (an extra node, index n, that owes nothing and
  // so never defaults) and the guarantor pays the creditor in full, an external asset of the creditor.
  // The debtor's obligations, and so its own clearing, are what they were.
  const int guarantor = n;
  hooks.clearing_assets.assign(external_assets.begin(), external_assets.end());
  hooks.clearing_liabilities.assign(external_liabilities.begin(), external_liabilities.end());
  hooks.clearing_forced.assign(forced.begin(), forced.end());
  hooks.clearing_assets.push_back(0.0);
  hooks.clearing_liabilities.push_back(0.0);
  hooks.clearing_forced.push_back(0);
  std::size_t k = 0;  // obligations[k] was built from the k-th live loan between active banks
  for (int l = 0; l < m; ++l) {
    if (!(loan[l] > 0.0 && is_active(lender[l]) && is_active(borrower[l]))) continue;
    if (hooks.guarantees(l)) {
      hooks.clearing_assets[lender[l]] += obligations[k].amount;
      obligations[k].creditor = guarantor;
    }
    ++k;
  }
  problem.n = n + 1;
  problem.external_assets = hooks.clearing_assets;
  problem.external_liabilities = hooks.clearing_liabilities;
  problem.forced_default = hooks.clearing_forced;
  return problem;
}

}  // namespace finsim
