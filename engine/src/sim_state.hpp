// The internal state of a Simulation, shared by the files that implement the step's phases.
// Structure of arrays, indexed by bank (size n) or by link (size m, like Network::links).
#pragma once

#include <vector>

#include "counterfactual_hooks.hpp"
#include "finsim/clearing.hpp"
#include "finsim/simulation.hpp"

namespace finsim {

struct Simulation::State {
  SimConfig config;
  std::uint64_t seed = 0;
  Network network;
  Rng exogenous{0};   // shocks, deposit flows, price noise: independent of the policy
  Rng policy_rng{0};  // the policy's own stream
  std::unique_ptr<Policy> policy;
  std::unique_ptr<Policy> next_policy;  // a queued policy switch: takes `policy`'s place in phase 1
  int t = 0;
  int n = 0;
  int m = 0;

  // --- banks ---
  std::vector<int> tier;
  std::vector<std::uint8_t> defaulted;
  std::vector<double> cash, units, loan_book, deposits, deposit_target, due_authority, cb_funding;
  std::vector<double> lent, borrowed;  // recomputed from loans by measure_banks()
  std::vector<double> term_borrowed;   // Σ term_loan by borrower, likewise
  std::vector<double> total_assets, equity, capital_ratio;
  std::vector<double> capital_stress, liquidity_stress, counterparty_stress, stress, coverage;
  std::vector<double> buffer;          // liquidity buffer, as of the latest measurement
  std::vector<double> failed_buffer;   // a failed bank's buffer when it failed: obligations nobody covers now
  std::vector<double> distress;        // fundamental distress: capital and liquidity stress combined
  std::vector<Action> action, previous_action;
  std::vector<int> last_updated, default_step;
  std::vector<int> last_hoard;         // step of the bank's latest HOARD (-1 = never)
  std::vector<DefaultCause> default_cause;
  std::vector<ForcedBy> default_forced_by;  // what forced a forced default
  std::vector<long long> reported_ratio, reported_stress;  // as serialized, to detect changes

  // --- links ---
  std::vector<int> lender, borrower;
  std::vector<double> loan;
  std::vector<double> term_loan;          // part of each loan that is term funding (not repaid voluntarily)
  std::vector<int> out_start, out_links;  // CSR of link indices by lender
  std::vector<int> in_start, in_links;    // CSR of link indices by borrower
  std::vector<int> degree;                // distinct counterparties (both directions)

  // --- market ---
  double price = 1.0;
  double step_start_price = 1.0;
  double fundamental_price = 1.0;
  double outstanding_units = 1.0;
  double pending_liquidation = 0.0;  // failed banks' units, sold by their administrator next step
  double price_noise = 0.0;

  // --- step scratch ---
  std::vector<double> withdrawal, gap, spare, recall, owed_recall, inflow, pay_share, voluntary_units, need;
  std::vector<double> lolr_capacity, central_draw;  // lender of last resort: collateral left, this step's loan
  std::vector<double> flight;  // the part of a withdrawal that is a run or the scenario's shock
  std::vector<double> run_flight, shock_flight;  // deposits demanded by the depositors' run, by the scenario's shock
  std::vector<std::uint8_t> forced, hit_by_shock, active;
  std::vector<DefaultCause> forced_cause;
  std::vector<ForcedBy> forced_by;  // this step's force_default interventions and the scenario's shock
  std::vector<BankObservation> observations;
  std::vector<Action> chosen;  // the policy's raw choices, before masking
  std::vector<Action> imposed_action;       // force_action interventions of this step
  std::vector<std::uint8_t> action_imposed; // 1 where imposed_action holds for this step
  std::vector<ActionMask> masks;
  std::vector<Intervention> pending;
  std::vector<Event> events;
  std::vector<Event> hoard_events, lend_events, sale_events, default_events;
  std::vector<double> previous_assets;
  std::vector<double> stability_window;  // per-step stability terms, newest last
  bool decisions_open = false;
  Metrics metrics;
  StepLedger ledger;

  CounterfactualHooks hooks;  // off unless the why-analysis set a Counterfactual (counterfactual.hpp)

  ClearingSolver solver;
  std::vector<Obligation> obligations;
  std::vector<double> external_assets, external_liabilities;
  std::vector<std::uint8_t> newly_defaulted;

  // Phases (one file each).
  void initialise_balance_sheets();                 // init_balance_sheets.cpp
  void apply_shocks();                              // step_shocks.cpp
  void accrue_income();                             // step_shocks.cpp
  void observe();                                   // observe.cpp
  void settle_liquidity();                          // step_liquidity.cpp (phases 3 and 4)
  /// How much a hoarding lender fears borrower b: max(stress_b, hoard_alarm_stress).
  [[nodiscard]] double recall_weight(int b) const;
  /// The λ_i that makes lender i's recalls min(L_l, λ_i·weight·L_l) add up to share·(its lending), or call
  /// every feared loan whole when they cannot; `share` itself when the alarm level is 1 (every loan alike).
  [[nodiscard]] double recall_scale(int i, double share) const;
  /// Re-deposits deposit_flight_share of the fleeing deposits paid this step at the core banks.
  void redeposit_flight(double fleeing_paid);       // step_flight.cpp
  /// Returns the number of new defaults; `waves` receives the clearing's default rounds.
  /// Precondition: measure_banks() ran after the liquidity phase (equity is current).
  int clear_and_resolve(int& waves);                // step_clearing.cpp (phase 5)
  /// The clearing problem of the current state (views into this state's buffers).
  ClearingProblem build_clearing_problem();         // step_clearing.cpp
  /// build_clearing_problem() as the counterfactual hooks change it: guaranteed claims paid by an
  /// outside guarantor, uncalled loans owed to failed lenders' administrators. Precondition: hooks.on.
  ClearingProblem counterfactual_clearing_problem(); // counterfactual_hooks.cpp
  /// The link on which `lender` lends to `borrower`, or -1.
  [[nodiscard]] int link_of(int lender, int borrower) const;  // counterfactual_hooks.cpp
  /// Balance-sheet measures and stress. `recount_loans` = false reuses lent/borrowed, valid when no
  /// loan changed since the last measurement (phase 1 never touches loans).
  void measure_banks(bool recount_loans = true);    // measures.cpp
  void update_metrics(int new_defaults, int waves); // measures.cpp
  void update_report_times();                       // measures.cpp

  void emit(Event e);
  [[nodiscard]] bool is_active(int i) const { return defaulted[i] == 0; }
  /// A live loan to a standing borrower: what a hoard can recall.
  [[nodiscard]] bool recallable(int l) const { return loan[l] > 0.0 && is_active(borrower[l]); }
  /// True during the hoard_persistence steps after the step in which bank i last chose HOARD (not in
  /// that step itself): it extends no new loans and lets hoard_runoff_share of its loans run off per step.
  [[nodiscard]] bool still_hoarding(int i) const {
    const int since = t + 1 - last_hoard[i];
    return last_hoard[i] >= 0 && since >= 1 && since <= config.hoard_persistence;
  }
};

/// Equilibrium score window (steps).
inline constexpr int kEquilibriumWindow = 5;

}  // namespace finsim
