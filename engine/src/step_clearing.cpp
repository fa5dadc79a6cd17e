// Phase 5: mark to market, clearing, and the resolution of banks that default.
//
// Clearing runs on every live interbank loan (borrower owes lender), with external assets
// e_i = cash + securities at market value + loan book, and external liabilities = deposits + called claims + central-bank funding,
// ranked as config.seniority says, Rogers–Veraart costs (default_cost_alpha, default_cost_beta), and the
// banks found illiquid in phase 3 or forced to default by an intervention in the default set.
//
// Resolution of a bank j that defaults (docs/model.md, "Resolution"), by an administrator outside the
// banking system:
//   - each surviving creditor receives in cash its pro-rata share of j's clearing payment,
//     r_j × claim with r_j = p*_j / p̄_j, and writes off the rest;
//   - j's own loans to surviving banks are called: they become claims due to the administrator, payable
//     in the next step (a funding shock to j's borrowers);
//   - loans between two banks that default together are settled inside the clearing;
//   - j's cash and loan book are taken over; its securities are sold by the administrator over the
//     following steps (liquidation_rate per step, adding to each step's price impact); its deposits
//     are settled outside the banking system.
// Every loan of j disappears, so a failed bank's edges fade from the picture.
#include <algorithm>

#include "sim_state.hpp"

namespace finsim {

ClearingProblem Simulation::State::build_clearing_problem() {
  const SimConfig& c = config;
  obligations.clear();
  for (int l = 0; l < m; ++l)
    if (loan[l] > 0.0 && is_active(lender[l]) && is_active(borrower[l]))
      obligations.push_back({borrower[l], lender[l], loan[l]});
  for (int i = 0; i < n; ++i) {
    const bool up = is_active(i);
    external_assets[i] = up ? cash[i] + units[i] * price + loan_book[i] : 0.0;
    external_liabilities[i] = up ? deposits[i] + due_authority[i] + cb_funding[i] : 0.0;
  }
  ClearingProblem problem;
  problem.n = n;
  problem.obligations = obligations;
  problem.external_assets = external_assets;
  problem.external_liabilities = external_liabilities;
  problem.seniority = c.seniority == "pari_passu" ? Seniority::pari_passu : Seniority::senior;
  problem.alpha = c.default_cost_alpha;
  problem.beta = c.default_cost_beta;
  problem.forced_default = forced;
  return problem;
}

int Simulation::State::clear_and_resolve(int& waves) {
  // Eisenberg & Noe (2001), Lemma 3 / the fictitious-default algorithm's first round: full payment
  // p = p̄ is the greatest clearing vector exactly when every bank can pay in full while everyone
  // else does, i.e. when every nominal equity is non-negative. Then nobody defaults and there is
  // nothing to solve. (The solver's own tolerance only ever spares banks, never defaults them.)
  waves = 0;
  bool anyone_at_risk = false;
  for (int i = 0; i < n && !anyone_at_risk; ++i)
    anyone_at_risk = is_active(i) && (forced[i] != 0 || equity[i] < 0.0);
  if (!anyone_at_risk) return 0;

  const ClearingResult& cleared = solver.solve(hooks.on ? counterfactual_clearing_problem() : build_clearing_problem());
  waves = cleared.rounds;

  int new_defaults = 0;
  for (int i = 0; i < n; ++i) {
    newly_defaulted[i] = is_active(i) && cleared.defaulted[i] ? 1 : 0;
    new_defaults += newly_defaulted[i];
  }
  if (new_defaults == 0) return 0;

  // equity[] (measured after the liquidity phase) is each failing bank's equity at nominal claims;
  // its capital ratio as measured then stays as the one reported at default.
  for (int j = 0; j < n; ++j) {
    if (!newly_defaulted[j]) continue;
    const double due = cleared.obligations_due[j];
    const double recovery = due > 0.0 ? cleared.payments[j] / due : 1.0;
    double imposed_loss = 0.0;
    for (int e = in_start[j]; e < in_start[j + 1]; ++e) {
      const int l = in_links[e], k = lender[l];
      if (loan[l] <= 0.0) continue;
      if (is_active(k) && !newly_defaulted[k]) {
        const double received = hooks.guarantees(l) ? loan[l] : recovery * loan[l];
        cash[k] += received;
        ledger.authority_payouts += received;
        ledger.credit_losses += loan[l] - received;
        imposed_loss += loan[l] - received;
      }
      loan[l] = term_loan[l] = 0.0;
    }
    for (int e = out_start[j]; e < out_start[j + 1]; ++e) {
      const int l = out_links[e], b = borrower[l];
      if (loan[l] <= 0.0) continue;
      if (is_active(b) && !newly_defaulted[b]) {
        if (hooks.keeps_loan(l)) {  // counterfactual: not called, a term loan owed to the administrator
          term_loan[l] = loan[l];
          continue;
        }
        due_authority[b] += loan[l];
      }
      loan[l] = term_loan[l] = 0.0;
    }
    failed_buffer[j] = buffer[j];
    ledger.failed_equity += equity[j];
    ledger.seized_cash += cash[j];
    pending_liquidation += units[j];
    cash[j] = units[j] = loan_book[j] = deposits[j] = due_authority[j] = cb_funding[j] = 0.0;
    default_step[j] = t + 1;
    default_cause[j] = forced_cause[j] != DefaultCause::none ? forced_cause[j] : DefaultCause::insolvent;
    default_forced_by[j] = default_cause[j] == DefaultCause::forced ? forced_by[j] : ForcedBy::none;

    Event ev;
    ev.type = EventType::bank_default;
    ev.from = j;
    ev.amount = imposed_loss;
    ev.recovery = recovery;
    ev.default_cause = default_cause[j];
    ev.forced_by = default_forced_by[j];
    default_events.push_back(ev);
  }
  // Status changes after all resolutions, so that simultaneous defaults treat each other alike.
  for (int j = 0; j < n; ++j)
    if (newly_defaulted[j]) defaulted[j] = 1;
  return new_defaults;
}

}  // namespace finsim
