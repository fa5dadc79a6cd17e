// The --policy argument of run and eval, and the policy of an --at policy switch: a registered name
// (heuristic, random, all_*, the shipped mappo policies) or the path of a policy file (ending in .json),
// read once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "finsim/policy.hpp"
#include "finsim/run_recipe.hpp"

namespace finsim::cli {

/// Makes a fresh policy object per call. Throws UsageError for an unknown name or an unreadable or
/// invalid file (the message names the problem).
using PolicyMaker = std::function<std::unique_ptr<Policy>()>;
PolicyMaker policy_maker(const std::string& arg);

/// True when `arg` names a policy file rather than a registered policy.
bool is_policy_file(const std::string& arg);

/// Registers, under its path, the policy file of every policy switch in `controls` that names one
/// (`{"control":"policy","policy":"dir/p.json+no_hoard"}`), so that the engine builds it by name when
/// the switch acts. Throws UsageError as policy_maker does.
void register_policy_files(const std::vector<ScheduledControl>& controls);

}  // namespace finsim::cli
