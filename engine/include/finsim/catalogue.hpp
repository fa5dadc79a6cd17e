// The catalogue: every named scenario (with its story and settings), every parameter (default, range,
// meaning) and every policy name, as one JSON document. `finsim scenarios --json`, the Web Worker and
// the server publish exactly this, so the web app's menus come from the engine.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "finsim/config.hpp"

namespace finsim {

/// {"scenarios":[{name, story, settings{}}], "parameters":[{name, group, default, range, description}],
///  "policies":[name…]} — defaults and ranges as text, as `finsim scenarios` prints them.
nlohmann::json catalogue_json();

/// A parameter's default value as text ("100", "0.3", "core_periphery").
std::string parameter_default_text(const ParamSpec& spec);
/// A parameter's range as text: "[min, max]" or "a|b|c" for choices.
std::string parameter_range_text(const ParamSpec& spec);

}  // namespace finsim
