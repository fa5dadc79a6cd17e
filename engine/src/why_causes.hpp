// The candidate causes of one bank's failure, read from the run as it happens (docs/why.md, "Candidates").
#pragma once

#include <cstdint>
#include <vector>

#include "finsim/counterfactual.hpp"
#include "finsim/result.hpp"
#include "finsim/run_recipe.hpp"
#include "finsim/why.hpp"

namespace finsim::why {

/// A cause and what removes it: hooks for the engine's own mechanisms; for an intervention, nothing here
/// (the control itself is left out of the replay: cause.control).
struct CandidateCause {
  FailureCause cause;
  Counterfactual removal;
};

/// A counterfactual world: the recipe's run with the hooks of `removal` and without the controls whose
/// index `removed_controls` marks (it may be empty).
struct World {
  Counterfactual removal;
  std::vector<std::uint8_t> removed_controls;
};

struct TracedWorld {
  WorldOutcome outcome;                    ///< whether and when the bank failed by recipe.steps
  std::vector<CandidateCause> candidates;  ///< ordered by first step, then kind, then bank
};

/// The banks × steps an explanation may still simulate (explain_failure's max_bank_steps).
struct WorkBudget {
  bool bounded = false;
  long long left = 0;  ///< when bounded

  /// Takes `bank_steps` from what is left; false, leaving it unchanged, when less than that is left.
  bool spend(long long bank_steps) {
    if (!bounded) return true;
    if (bank_steps > left) return false;
    left -= bank_steps;
    return true;
  }
};

/// Runs `recipe` in `world` until `bank` fails or the run ends, collecting every candidate cause that
/// touched it up to and including its default step, from the simulation's own events and state between
/// steps. Each step is paid for from `budget` (banks × 1) before it is simulated. Errors: start_run's,
/// unknown_bank, bad_request (a removal that names no link), analysis_too_large (the budget ran out).
Result<TracedWorld> trace_world(const RunRecipe& recipe, int bank, const World& world = {}, WorkBudget* budget = nullptr);

/// Whether `candidates` holds `cause`: the same kind about the same bank (or the same control); for a
/// group, the same kind about one of its banks.
bool holds(const std::vector<CandidateCause>& candidates, const FailureCause& cause);

/// The candidates with every kind that has several causes about other banks (recall, called_loan,
/// debtor_default) merged into one group per kind (FailureCause::banks), in the same order.
std::vector<CandidateCause> grouped_by_kind(std::vector<CandidateCause> candidates);

}  // namespace finsim::why
