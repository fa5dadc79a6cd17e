// A running banking-network simulation: the single source of truth that every adapter forwards.
//
// One timestep (model.md, docs/model.md):
//   1. shocks: queued interventions, the scenario's shock, deposit flows;
//   2. every active bank observes and its policy chooses HOLD, LEND, HOARD or FIRE_SALE;
//   3. liquidity flows: recalls, repayments, new loans, withdrawals, settled pro rata with forced sales;
//   4. fire sales move the price (exponential inverse demand), emitting PRICE_DROP past a threshold;
//   5. mark to market and Rogers–Veraart clearing; new defaults are resolved;
//   6. stress, capital ratios and metrics are recomputed.
// A simulation is a pure function of (config, seed, interventions and the steps they were queued
// before): the same inputs give the same bytes natively and in WASM. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "finsim/action.hpp"
#include "finsim/clearing.hpp"
#include "finsim/config.hpp"
#include "finsim/counterfactual.hpp"
#include "finsim/network.hpp"
#include "finsim/observation.hpp"
#include "finsim/policy.hpp"
#include "finsim/result.hpp"

namespace finsim {

enum class EventType : std::uint8_t { lend, hoard, fire_sale, price_drop, bank_default };

/// "LEND", "HOARD", "FIRE_SALE", "PRICE_DROP", "DEFAULT".
std::string_view event_type_name(EventType type);

enum class DefaultCause : std::uint8_t { none, insolvent, illiquid, forced };
std::string_view default_cause_name(DefaultCause cause);  ///< "insolvent", "illiquid", "forced"

/// What forced a `forced` default: a force_default intervention, the scenario's shock, or both at once.
enum class ForcedBy : std::uint8_t { none, intervention, shock, shock_and_intervention };
std::string_view forced_by_name(ForcedBy by);  ///< "intervention", "shock", "shock_and_intervention"

/// Why assets were sold: by choice, or forced by what the bank had to pay.
enum class SaleCause : std::uint8_t { voluntary, recall, withdrawal, resolution };
std::string_view sale_cause_name(SaleCause cause);  ///< "voluntary", "recall", "withdrawal", "resolution"

/// Something that happened during a step, for explanation only: the next STATE_UPDATE shows its effect.
struct Event {
  EventType type = EventType::lend;
  int timestep = 0;
  int sequence = 0;      ///< n of evt-<timestep>-<n>, from 0 within a step
  int from = -1;         ///< acting bank (none for PRICE_DROP)
  int to = -1;           ///< LEND: the borrower
  double amount = 0.0;   ///< LEND: loan; HOARD: recalled; FIRE_SALE: proceeds; PRICE_DROP: relative
                         ///< price change (negative); DEFAULT: creditors' loss
  double units = 0.0;    ///< FIRE_SALE: units sold
  double price = 0.0;    ///< FIRE_SALE: sale price; PRICE_DROP: new price
  double repaid = 0.0;   ///< HOARD: what borrowers actually repaid
  double recovery = 0.0; ///< DEFAULT: share of interbank claims its creditors recovered
  SaleCause sale_cause = SaleCause::voluntary;
  DefaultCause default_cause = DefaultCause::none;
  ForcedBy forced_by = ForcedBy::none;  ///< DEFAULT with default_cause forced: what forced it
};

/// A user's action on the system, applied at the start of the next step.
struct Intervention {
  enum class Kind : std::uint8_t { force_default, inject_liquidity, price_shock, force_action, policy };
  Kind kind = Kind::force_default;
  int bank = -1;        ///< force_default, inject_liquidity, force_action
  double amount = 0.0;  ///< inject_liquidity: cash lent by the central bank (> 0);
                        ///< price_shock: share by which the price falls, in (0, 1)
  Action action = Action::hold;  ///< force_action: the bank takes this action at the next step whatever
                                 ///< its policy chooses (HOLD if the action is infeasible then)
  std::string policy{};  ///< policy: from the next step on every bank follows this policy (a name
                        ///< make_policy accepts, modifiers included); the policy's random stream goes on
};

/// The checks of Simulation::intervene that do not depend on the run so far, against a network of
/// `banks` banks: unknown_bank (a bank outside 0 .. banks − 1), out_of_range (an amount or share),
/// unknown_policy (a policy make_policy cannot build). An adapter uses it to refuse a schedule of
/// controls before it replays anything.
Status check_intervention(const Intervention& intervention, int banks);

/// System-level figures of the latest step (METRICS_UPDATE). The first three are in [0, 1].
struct Metrics {
  int timestep = 0;
  double liquidity = 1.0;          ///< Σ min(cash, buffer) / Σ buffer over active banks: the share of
                                   ///< short-term obligations covered by the liquidity of the bank that owes them
  double default_rate = 0.0;       ///< defaulted banks / all banks
  double equilibrium_score = 1.0;  ///< see docs/model.md
  double asset_price = 1.0;
  double price_change = 0.0;       ///< relative change over the step
  int active_banks = 0;
  int defaulted_banks = 0;
  int new_defaults = 0;
  int default_waves = 0;           ///< fictitious-default rounds of this step's clearing
  double total_equity = 0.0;       ///< Σ equity of active banks
  double interbank_exposure = 0.0; ///< Σ live interbank loans
};

/// One bank's reported condition (the STATE_UPDATE node and the inspector's extra fields).
struct BankReport {
  int tier = 3;
  bool defaulted = false;
  double cash = 0.0;
  double holdings = 0.0;           ///< asset units
  double holdings_value = 0.0;     ///< units × price
  double loan_book = 0.0;          ///< illiquid loans to the economy, at book value
  double lent = 0.0;               ///< live interbank loans extended
  double borrowed = 0.0;           ///< live interbank loans received
  double deposits = 0.0;
  double due_to_authority = 0.0;   ///< claims of failed lenders, called by their administrator
  double run_withdrawal = 0.0;     ///< this step: deposits its depositors demanded in a run (phase 1)
  double shock_withdrawal = 0.0;   ///< this step: deposits the scenario's withdrawal shock demanded
  double central_bank_funding = 0.0;
  double total_assets = 0.0;
  double equity = 0.0;
  double capital_ratio = 0.0;      ///< equity / risk-weighted assets (frozen at default)
  double stress = 0.0;             ///< in [0, 1]; 1 once defaulted
  double capital_stress = 0.0;
  double liquidity_stress = 0.0;
  double counterparty_stress = 0.0;
  double liquidity_coverage = 0.0; ///< cash / liquidity buffer (capped at 10)
  Action last_action = Action::hold;
  int last_updated_timestep = 0;   ///< last step at which capital ratio, stress or status changed
  int default_timestep = -1;
  DefaultCause default_cause = DefaultCause::none;
  ForcedBy forced_by = ForcedBy::none;  ///< when default_cause is forced
};

/// Cash and equity that entered or left the banking system during the last step, by documented
/// source. Interbank flows (loans, repayments, recalls) move cash between banks and appear nowhere here.
struct StepLedger {
  double deposit_inflows = 0.0;
  double withdrawals_paid = 0.0;
  double sale_proceeds = 0.0;         ///< paid by outside buyers for banks' fire sales
  double injections = 0.0;            ///< central-bank liquidity injected by interventions
  double central_bank_loans = 0.0;    ///< lender-of-last-resort loans to banks short of cash
  double authority_payouts = 0.0;     ///< recoveries paid to creditors of failed banks
  double seized_cash = 0.0;           ///< cash of failed banks taken over by the administrator
  double authority_collections = 0.0; ///< repayments of called claims to the administrator
  double income = 0.0;                ///< coupons and loan-book interest received in cash
  double interest_expense = 0.0;      ///< interest added to deposits and central-bank funding
  double sale_discounts = 0.0;        ///< what sellers gave up below the market price (fire_sale_discount)
  double mark_to_market = 0.0;        ///< Σ units held × price change
  double credit_losses = 0.0;         ///< losses of surviving creditors on failed banks
  double failed_equity = 0.0;         ///< equity of banks removed by resolution
  double administrator_sales = 0.0;   ///< failed banks' securities sold by their administrators (value)
};

class Simulation {
 public:
  /// Builds the network and balance sheets. Errors: the config's (validate_config), unknown_policy.
  static Result<Simulation> create(const SimConfig& config, std::uint64_t seed);
  /// As above with a policy object supplied by the caller (learned policies loaded from a file).
  static Result<Simulation> create(const SimConfig& config, std::uint64_t seed, std::unique_ptr<Policy> policy);

  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) noexcept;
  ~Simulation();

  /// Advances one timestep with the configured policy.
  void step();

  /// Split step for learning environments: phase 1 (shocks) and observation; then the caller chooses
  /// actions for active banks and complete_step runs phases 3–6. step() == begin_step + policy + complete.
  void begin_step();
  [[nodiscard]] std::span<const BankObservation> observations() const;
  [[nodiscard]] std::span<const ActionMask> action_masks() const;
  [[nodiscard]] std::span<const std::uint8_t> active() const;  ///< 1 = bank is not in default
  void complete_step(std::span<const Action> actions);

  /// Queues an intervention for the start of the next step. Errors: check_intervention's, and
  /// bank_defaulted (force_default, inject_liquidity, force_action on a bank that has failed). On error
  /// nothing is queued. A policy switch builds its policy now and puts it in place at the start of the
  /// next step; of several before one step the last wins.
  Status intervene(const Intervention& intervention);

  /// Replaces the counterfactual hooks (counterfactual.hpp); they act from the next step on, each from
  /// its own step. Only the why-analysis sets them; an empty Counterfactual switches them off and the
  /// simulation is then exactly the one that never had any. Errors: unknown_bank (an index out of
  /// range), bad_request (a lender and borrower with no link between them). On error nothing changes.
  Status set_counterfactual(const Counterfactual& counterfactual);

  [[nodiscard]] int timestep() const;
  [[nodiscard]] int banks() const;
  [[nodiscard]] std::uint64_t seed() const;
  /// The run's configuration; its `policy` is the canonical name of the policy the run started with,
  /// whatever policy switches followed.
  [[nodiscard]] const SimConfig& config() const;
  [[nodiscard]] const Network& network() const;
  /// The canonical name of the policy that decided the latest step (the one the run started with,
  /// config().policy, until a policy switch acts).
  [[nodiscard]] std::string_view policy_name() const;
  /// The policy that will decide the next step: a queued policy switch's, else policy_name().
  [[nodiscard]] std::string_view next_policy_name() const;
  /// Loan amount on each link, indexed like network().links; 0 = no live loan.
  [[nodiscard]] std::span<const double> loans() const;
  /// What each link's lender recalled in the latest step (phase 3a: a HOARD or a hoarding stance's
  /// runoff), indexed like network().links; what was actually repaid may be less.
  [[nodiscard]] std::span<const double> recalls() const;
  [[nodiscard]] BankReport bank(int i) const;
  [[nodiscard]] double price() const;
  [[nodiscard]] std::span<const Event> events() const;     ///< of the latest step, in order
  [[nodiscard]] std::span<const Action> actions() const;   ///< of the latest step
  [[nodiscard]] const Metrics& metrics() const;
  [[nodiscard]] const StepLedger& ledger() const;          ///< of the latest step
  /// 1 for each bank the scenario's withdrawal shock hit in the latest step (phase 1), else 0.
  [[nodiscard]] std::span<const std::uint8_t> withdrawal_shocked() const;

  /// The clearing problem phase 5 solves, built from the current state: live loans, external assets and
  /// liabilities, seniority and default costs. The spans stay valid until the next call to a non-const
  /// method. For benchmarks and inspection; the step itself builds the same problem.
  [[nodiscard]] ClearingProblem clearing_problem();

  struct State;  // internal

 private:
  explicit Simulation(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

/// The active tier-1 bank with the largest total assets now, the lowest index among equals: the bank a
/// `shock_defaults` shock fails first (step_shocks.cpp orders them the same way). -1 when none is left.
int largest_core_bank(const Simulation& sim);

}  // namespace finsim
