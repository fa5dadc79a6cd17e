// "Why did this bank fail?": a failed bank's counterfactual causes (docs/why.md has the method, the
// definitions and the limits).
//
// The run is replayed from its recipe (run_recipe.hpp) to find when and how the bank failed and which
// candidate causes touched it before: the scenario's shock, the scenario's withdrawal from its deposits,
// its depositors' run, each lender's recall of its loan, each failed lender's administrator calling its
// loan, each failed debtor's default that cost it part of its claim, the price fall from the other banks'
// voluntary sales, and each user intervention. Then the same world is replayed with causes removed by the
// counterfactual hooks (counterfactual.hpp), up to the horizon: the run's length.
//   necessary        with only this cause removed, the bank is still standing at the horizon;
//   sufficient alone with every other cause removed (this one left free to happen), it still happens
//                    and the bank still fails by the horizon.
// The engine also writes the explanation as sentences; a UI only shows them. Pure and deterministic:
// the same recipe and bank give the same explanation. Single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "finsim/result.hpp"
#include "finsim/run_recipe.hpp"
#include "finsim/simulation.hpp"

namespace finsim {

enum class CauseKind : std::uint8_t {
  scenario_shock,    ///< the scenario's shock at shock_step (price fall, withdrawals, forced defaults)
  withdrawal_shock,  ///< the scenario's withdrawal hit this bank's deposits
  deposit_run,       ///< its depositors ran (the run term of phase 1)
  recall,            ///< a lender recalled (or ran off) its loan to this bank
  called_loan,       ///< a lender failed and its administrator called its loan to this bank
  debtor_default,    ///< a debtor failed and this bank lost part of its claim on it
  price_fall,        ///< the price fall from the other banks' voluntary sales
  intervention,      ///< a user's control
};

/// "scenario_shock", "withdrawal_shock", "deposit_run", "recall", "called_loan", "debtor_default",
/// "price_fall", "intervention".
std::string_view cause_kind_name(CauseKind kind);

/// Whether and when the bank failed in one world, by the horizon.
struct WorldOutcome {
  bool failed = false;
  int default_step = -1;                    ///< when failed
  DefaultCause cause = DefaultCause::none;  ///< when failed
  ForcedBy forced_by = ForcedBy::none;      ///< when the cause is forced: what forced it
};

struct FailureCause {
  CauseKind kind = CauseKind::scenario_shock;
  /// The other bank: the recalling lender, the failed lender, the failed debtor, the intervention's bank;
  /// for the scenario's shock the first bank it failed (-1 for a price shock and for causes that are not
  /// a bank's, and for a group).
  int bank = -1;
  /// A group: when more than kMaxFailureCauses candidates touched the bank, the recalls, the called loans
  /// and the debtors' defaults are weighed one group per kind; these are the group's banks, ascending.
  /// Empty for a single cause.
  std::vector<int> banks;
  /// The steps at which it touched the bank, ascending; removing it removes it from the first on.
  std::vector<int> steps;
  /// recall: the total the lender recalled from the bank (due at once); called_loan: the loan at the
  /// start of the lender's default step; debtor_default: the bank's claim at the start of the debtor's
  /// default step (for a group, the sums); withdrawal_shock: the share of deposits withdrawn;
  /// intervention: the control's amount (inject_liquidity, price_shock); 0 otherwise.
  double amount = 0.0;
  double recovery = 1.0;      ///< debtor_default: the share of their claims the debtor's creditors recovered
                              ///< (a group: the lowest)
  int control = -1;           ///< intervention: its index in the recipe's controls
  Intervention intervention;  ///< intervention: the control itself
  std::string label;          ///< a noun phrase: "Bank 12's recall of its loan (step 11)"
  WorldOutcome without;       ///< the world with only this cause removed
  WorldOutcome alone;         ///< the world with every other cause removed
  /// In that world this cause still happened (before the bank failed, or by the horizon). A cause that
  /// comes from the others (a debtor's default that the scenario's shock brought) does not.
  bool occurs_alone = true;

  /// Without it the bank would have been standing at the horizon.
  [[nodiscard]] bool necessary() const { return !without.failed; }
  /// With every other cause removed it still happened, and the bank still failed by the horizon.
  [[nodiscard]] bool sufficient_alone() const { return occurs_alone && alone.failed; }
};

struct FailureExplanation {
  int bank = -1;
  bool grouped = false;                     ///< the causes of a kind were weighed as groups
  int default_step = -1;
  DefaultCause cause = DefaultCause::none;  ///< forced, illiquid or insolvent
  ForcedBy forced_by = ForcedBy::none;      ///< when forced: the scenario's shock, an intervention or both
  int horizon = 0;                          ///< the run's length: survival is judged at this step
  std::vector<FailureCause> causes;         ///< ordered by first step, then kind, then bank
  WorldOutcome without_any;                 ///< the world with every cause removed
  std::vector<std::string> sentences;       ///< the explanation as the engine tells it
};

/// More candidate causes than this are weighed in groups (FailureCause::banks); more than this even then
/// (dozens of interventions) is refused. Each cause costs two replays.
inline constexpr int kMaxFailureCauses = 32;

/// Explains why `bank` failed in the run `recipe` describes, judged at step recipe.steps. Errors:
/// unknown_bank (no such bank), bank_not_failed (it did not fail by recipe.steps), too_many_causes
/// (more than kMaxFailureCauses candidates even in groups), out_of_range (recipe.steps outside
/// 1 .. 1,000,000, a control's step below 1), and start_run's. Controls a world refuses (a bank that has
/// already failed there) are skipped, as finsim run skips them. Costs 2K + 2 replays for K causes.
///
/// `max_bank_steps` bounds the whole work (0: no bound): the banks × steps every replay simulates, the
/// baseline's included (a replay in which the bank fails stops there). When one cause at a time could
/// cost more, every replay counted to the end, the causes are weighed in groups (as beyond
/// kMaxFailureCauses); when the replays then run out of the bound, error analysis_too_large, having
/// simulated at most max_bank_steps. Deterministic: the same recipe and bound give the same answer.
Result<FailureExplanation> explain_failure(const RunRecipe& recipe, int bank, long long max_bank_steps = 0);

/// The bounds one question "why did this bank fail?" is held to wherever it is asked in a shared or
/// interactive place — the server's /why (everyone may ask) and the browser's worker (which answers on
/// the thread that steps the run) — so that both give the same answer or the same refusal
/// (docs/why.md, "Cost"). `finsim why` on the command line has none.
struct ExplanationBounds {
  /// The run explained, banks × steps: 1,000 banks over 200 steps, or 100 over 2,000. One replay at
  /// it takes about 30 ms natively.
  long long run_bank_steps = 200'000;
  /// The whole work, explain_failure's max_bank_steps: ten replays at run_bank_steps.
  long long work_bank_steps = 2'000'000;
};

/// Error analysis_too_large when the run `recipe` describes is above bounds.run_bank_steps (checked
/// before any replay: cheap).
Status check_explanation_bound(const RunRecipe& recipe, const ExplanationBounds& bounds = {});

/// check_explanation_bound, then explain_failure with max_bank_steps = bounds.work_bank_steps.
Result<FailureExplanation> explain_failure_bounded(const RunRecipe& recipe, int bank,
                                                   const ExplanationBounds& bounds = {});

/// The replays an explanation of K candidate causes costs, the baseline included: 2, 2K + 2 for K > 1.
long long explanation_replays(std::size_t causes);

}  // namespace finsim
