// The options that describe a simulation, shared by run, bench and the learning commands:
// --scenario NAME, --banks N, --policy NAME, --set key=value (repeatable).
#pragma once

#include <vector>

#include "cli_args.hpp"
#include "finsim/config.hpp"

namespace finsim::cli {

/// The option specs to add to a command that builds a simulation.
std::vector<OptionSpec> simulation_option_specs();

/// The scenario's config with --banks, --policy and every --set applied in order.
/// Throws UsageError naming the bad option (unknown scenario, unknown parameter, bad value).
SimConfig config_from_args(const Args& args);
/// The same with the scenario given explicitly (--scenario is ignored): for commands that take several.
SimConfig config_from_args(const Args& args, const std::string& scenario);

/// Text for --help listing the simulation options.
extern const char* const kSimulationOptionsHelp;

}  // namespace finsim::cli
