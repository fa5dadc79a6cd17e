// "Why did this bank fail?" (why.hpp): the baseline traced for candidate causes, then one replay per
// cause removed (necessary?), one per cause left alone (sufficient alone?) and one with none (docs/why.md).
#include "finsim/why.hpp"

#include <string>

#include "why_causes.hpp"
#include "why_narrative.hpp"

namespace finsim {

std::string_view cause_kind_name(CauseKind kind) {
  switch (kind) {
    case CauseKind::scenario_shock: return "scenario_shock";
    case CauseKind::withdrawal_shock: return "withdrawal_shock";
    case CauseKind::deposit_run: return "deposit_run";
    case CauseKind::recall: return "recall";
    case CauseKind::called_loan: return "called_loan";
    case CauseKind::debtor_default: return "debtor_default";
    case CauseKind::price_fall: return "price_fall";
    case CauseKind::intervention: return "intervention";
  }
  return "scenario_shock";
}

namespace {

using why::CandidateCause;
using why::World;

// The most steps a recipe may ask for, as finsim run allows.
constexpr int kMaxSteps = 1000000;

// The world in which the candidates `removed` marks are removed.
World world_without(const std::vector<CandidateCause>& candidates, const std::vector<bool>& removed, std::size_t controls) {
  World w;
  w.removed_controls.assign(controls, 0);
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    if (!removed[k]) continue;
    w.removal.merge(candidates[k].removal);
    if (const int c = candidates[k].cause.control; c >= 0) w.removed_controls[static_cast<std::size_t>(c)] = 1;
  }
  return w;
}

// The replay of a world built from the baseline's own network and controls: it cannot fail to start, so
// its only error is the budget's (analysis_too_large).
Result<why::TracedWorld> replay(const RunRecipe& recipe, int bank, const World& world, why::WorkBudget& budget) {
  auto traced = why::trace_world(recipe, bank, world, &budget);
  if (!traced.ok() && traced.error().code == "analysis_too_large") return traced.error();
  return traced.ok() ? std::move(traced).value() : why::TracedWorld{};
}

// Whether explaining `causes` causes of a `banks`-bank run of `steps` steps, every replay to the end, would
// stay within `max_bank_steps` (0: no bound).
bool within(long long max_bank_steps, std::size_t causes, int banks, int steps) {
  if (max_bank_steps <= 0) return true;
  const long long per_replay = static_cast<long long>(banks) * steps;
  return explanation_replays(causes) * per_replay <= max_bank_steps;
}

Error too_large(int bank, std::size_t causes, bool grouped, const RunRecipe& recipe, long long max_bank_steps) {
  return make_error("analysis_too_large",
                    "explaining bank " + std::to_string(bank) + "'s failure weighs " + std::to_string(causes) +
                        (grouped ? " causes, even in groups," : " causes") + " with up to " +
                        std::to_string(explanation_replays(causes)) + " replays of " + std::to_string(recipe.config.banks) +
                        " banks over " + std::to_string(recipe.steps) + " steps, and they simulated more than the bound of " +
                        std::to_string(max_bank_steps) +
                        " banks × steps in all: rewind to an earlier step and ask there, or use finsim why, which has no bound");
}

}  // namespace

long long explanation_replays(std::size_t causes) {
  if (causes <= 1) return 2;
  return 2 * static_cast<long long>(causes) + 2;
}

Status check_explanation_bound(const RunRecipe& recipe, const ExplanationBounds& bounds) {
  const long long asked = static_cast<long long>(recipe.config.banks) * recipe.steps;
  if (asked <= bounds.run_bank_steps) return {};
  return make_error("analysis_too_large", "explaining a failure replays the run: " + std::to_string(recipe.config.banks) +
                                              " banks over " + std::to_string(recipe.steps) +
                                              " steps is above the bound of " + std::to_string(bounds.run_bank_steps) +
                                              " banks × steps");
}

Result<FailureExplanation> explain_failure_bounded(const RunRecipe& recipe, int bank, const ExplanationBounds& bounds) {
  if (Status st = check_explanation_bound(recipe, bounds); !st.ok()) return st.error();
  return explain_failure(recipe, bank, bounds.work_bank_steps);
}

Result<FailureExplanation> explain_failure(const RunRecipe& recipe, int bank, long long max_bank_steps) {
  if (recipe.steps < 1 || recipe.steps > kMaxSteps)
    return make_error("out_of_range", "the run must last 1 to 1000000 steps");
  for (const ScheduledControl& c : recipe.controls)
    if (c.step < 1) return make_error("out_of_range", "a control's step must be at least 1");
  why::WorkBudget budget{max_bank_steps > 0, max_bank_steps};
  auto traced = why::trace_world(recipe, bank, {}, &budget);
  if (!traced.ok() && traced.error().code == "analysis_too_large") return too_large(bank, 0, false, recipe, max_bank_steps);
  if (!traced.ok()) return traced.error();
  if (!traced->outcome.failed)
    return make_error("bank_not_failed", "bank " + std::to_string(bank) + " did not fail in the " +
                                             std::to_string(recipe.steps) + " steps of the run: there is no failure to explain");
  const int banks = recipe.config.banks;
  const bool grouped = traced->candidates.size() > static_cast<std::size_t>(kMaxFailureCauses) ||
                       !within(max_bank_steps, traced->candidates.size(), banks, recipe.steps);
  const std::vector<CandidateCause> candidates =
      grouped ? why::grouped_by_kind(std::move(traced->candidates)) : std::move(traced->candidates);
  const std::size_t n = candidates.size();
  if (n > static_cast<std::size_t>(kMaxFailureCauses))
    return make_error("too_many_causes", "bank " + std::to_string(bank) + " has " + std::to_string(n) +
                                             " candidate causes even in groups, more than the " +
                                             std::to_string(kMaxFailureCauses) + " the analysis replays");

  FailureExplanation x;
  x.bank = bank;
  x.grouped = grouped;
  x.default_step = traced->outcome.default_step;
  x.cause = traced->outcome.cause;
  x.forced_by = traced->outcome.forced_by;
  x.horizon = recipe.steps;
  const WorldOutcome baseline = traced->outcome;
  const std::size_t controls = recipe.controls.size();
  bool own_withdrawal = false;
  for (const CandidateCause& c : candidates) own_withdrawal = own_withdrawal || c.cause.kind == CauseKind::withdrawal_shock;
  for (std::size_t k = 0; k < n; ++k) {
    FailureCause cause = candidates[k].cause;
    cause.label = why::cause_label(cause, recipe.config, own_withdrawal);
    std::vector<bool> only_this(n, false), all_others(n, true);
    only_this[k] = true;
    all_others[k] = false;
    auto without = replay(recipe, bank, world_without(candidates, only_this, controls), budget);
    if (!without.ok()) return too_large(bank, n, grouped, recipe, max_bank_steps);
    cause.without = without->outcome;
    // With a single candidate, "every other cause removed" is the run itself.
    if (n > 1) {
      auto alone = replay(recipe, bank, world_without(candidates, all_others, controls), budget);
      if (!alone.ok()) return too_large(bank, n, grouped, recipe, max_bank_steps);
      cause.alone = alone->outcome;
      cause.occurs_alone = why::holds(alone->candidates, cause);
    } else {
      cause.alone = baseline;
    }
    x.causes.push_back(std::move(cause));
  }
  if (n == 0) {
    x.without_any = baseline;
  } else if (n == 1) {
    x.without_any = x.causes.front().without;
  } else {
    auto none = replay(recipe, bank, world_without(candidates, std::vector<bool>(n, true), controls), budget);
    if (!none.ok()) return too_large(bank, n, grouped, recipe, max_bank_steps);
    x.without_any = none->outcome;
  }
  x.sentences = why::narrate(x);
  return x;
}

}  // namespace finsim
