// A run as a value: everything a simulation is a pure function of (docs/model.md §10).
//
// The configuration (with its policy), the seed, the user's controls with the step before which each was
// applied, and how many steps the run lasts. `finsim run --at STEP:JSON` and a Session given the same
// controls before the same steps produce the same stream; a RunRecipe replays that run exactly, which is
// what the why-analysis (why.hpp) and a session's rewind and branch (session.hpp) build on.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "finsim/config.hpp"
#include "finsim/policy.hpp"
#include "finsim/result.hpp"
#include "finsim/simulation.hpp"

namespace finsim {

/// A control applied before step `step` (>= 1): queued when the simulation stood at step − 1, so it
/// acts in step `step` (the `--at STEP:JSON` of finsim run). An intervention or a policy switch
/// (Intervention::Kind::policy).
struct ScheduledControl {
  int step = 1;
  Intervention intervention;
};

struct RunRecipe {
  SimConfig config;          ///< config.policy names the policy unless `policy` is given
  std::uint64_t seed = 0;
  /// In the order they were applied; controls of the same step are queued in this order.
  std::vector<ScheduledControl> controls;
  int steps = 0;             ///< the run's length: the last step it reaches
  /// Makes the run's policy (a learned policy read from a file); empty: make_policy(config.policy).
  PolicyFactory policy;
};

/// The recipe's simulation at step 0. Errors: Simulation::create's (the configuration's, unknown_policy).
Result<Simulation> start_run(const RunRecipe& recipe);

/// Queues on `sim` the recipe's controls for step `step`, except those whose index `removed` marks
/// (removed may be empty). A control the simulation refuses (a bank that has already failed in this world)
/// is skipped, as finsim run skips it. Returns the indices of the controls queued.
std::vector<int> queue_controls(Simulation& sim, const RunRecipe& recipe, int step,
                                std::span<const std::uint8_t> removed = {});

/// The recipe's simulation standing at step recipe.steps, reached silently (no message is written):
/// before each step its controls are queued (queue_controls), and those of step recipe.steps + 1 are
/// left queued, so that the next step() goes on exactly as the recorded run did. `applied`, when given,
/// receives the indices of the controls the simulation accepted, in order (a refused one is skipped, as
/// finsim run skips it). Costs recipe.steps steps. Errors: start_run's.
Result<Simulation> replay_run(const RunRecipe& recipe, std::vector<int>* applied = nullptr);

}  // namespace finsim
