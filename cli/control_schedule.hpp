// The controls of a command line: --at STEP:JSON (a control body as the worker sends it) and the older
// --intervene STEP:KIND:..., shared by finsim run and finsim why so that a run and its explanation read
// the same interventions the same way.
#pragma once

#include <vector>

#include "cli_args.hpp"
#include "finsim/run_recipe.hpp"

namespace finsim::cli {

/// The option specs of --intervene and --at (both repeatable).
std::vector<OptionSpec> control_option_specs();

/// Every --intervene and --at of `args`, ordered by step; within a step --intervene before --at, each in
/// the order given. Throws UsageError naming a malformed one.
std::vector<ScheduledControl> scheduled_controls(const Args& args);

/// Throws UsageError for a control the engine refuses whatever the run (check_intervention): a bank
/// outside 0 .. banks-1, an amount or share out of range, a policy that cannot be built. Policy files
/// named by a policy switch must be registered first (register_policy_files, policy_arg.hpp).
void check_controls(const std::vector<ScheduledControl>& controls, int banks);

}  // namespace finsim::cli
