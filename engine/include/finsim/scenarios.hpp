// Named scenarios: documented parameter sets, each telling the story its name promises.
// A scenario only sets parameters; every one of them can still be overridden afterwards.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finsim/config.hpp"
#include "finsim/result.hpp"

namespace finsim {

struct Scenario {
  std::string_view name;
  std::string_view story;  ///< one paragraph: what happens and why
  /// The parameters the scenario sets, as (name, value text), applied over the defaults.
  std::vector<std::pair<std::string_view, std::string_view>> settings;
};

/// All scenarios, in teaching order: calm first.
std::span<const Scenario> scenarios();

/// The defaults with the scenario's settings applied, and config.scenario set. Error: unknown_scenario.
Result<SimConfig> scenario_config(std::string_view name);

}  // namespace finsim
