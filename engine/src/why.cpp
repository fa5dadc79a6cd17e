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

// The replay of a world built from the baseline's own network and controls: it cannot fail to start.
why::TracedWorld replay(const RunRecipe& recipe, int bank, const World& world) {
  auto traced = why::trace_world(recipe, bank, world);
  return traced.ok() ? std::move(traced).value() : why::TracedWorld{};
}

}  // namespace

Result<FailureExplanation> explain_failure(const RunRecipe& recipe, int bank) {
  if (recipe.steps < 1 || recipe.steps > kMaxSteps)
    return make_error("out_of_range", "the run must last 1 to 1000000 steps");
  for (const ScheduledControl& c : recipe.controls)
    if (c.step < 1) return make_error("out_of_range", "a control's step must be at least 1");
  auto traced = why::trace_world(recipe, bank);
  if (!traced.ok()) return traced.error();
  if (!traced->outcome.failed)
    return make_error("bank_not_failed", "bank " + std::to_string(bank) + " did not fail in the " +
                                             std::to_string(recipe.steps) + " steps of the run: there is no failure to explain");
  const bool grouped = traced->candidates.size() > static_cast<std::size_t>(kMaxFailureCauses);
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
    cause.without = replay(recipe, bank, world_without(candidates, only_this, controls)).outcome;
    // With a single candidate, "every other cause removed" is the run itself.
    if (n > 1) {
      const why::TracedWorld alone = replay(recipe, bank, world_without(candidates, all_others, controls));
      cause.alone = alone.outcome;
      cause.occurs_alone = why::holds(alone.candidates, cause);
    } else {
      cause.alone = baseline;
    }
    x.causes.push_back(std::move(cause));
  }
  if (n == 0) x.without_any = baseline;
  else if (n == 1) x.without_any = x.causes.front().without;
  else x.without_any = replay(recipe, bank, world_without(candidates, std::vector<bool>(n, true), controls)).outcome;
  x.sentences = why::narrate(x);
  return x;
}

}  // namespace finsim
