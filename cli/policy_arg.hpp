// The --policy argument of run and eval: a registered name (heuristic, random, all_*, the shipped
// mappo policies) or the path of a policy file (ending in .json), read once.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "finsim/policy.hpp"

namespace finsim::cli {

/// Makes a fresh policy object per call. Throws UsageError for an unknown name or an unreadable or
/// invalid file (the message names the problem).
using PolicyMaker = std::function<std::unique_ptr<Policy>()>;
PolicyMaker policy_maker(const std::string& arg);

/// True when `arg` names a policy file rather than a registered policy.
bool is_policy_file(const std::string& arg);

}  // namespace finsim::cli
