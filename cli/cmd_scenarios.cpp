// finsim scenarios: the named scenarios and the parameter table.
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/catalogue.hpp"
#include "finsim/policy.hpp"
#include "finsim/scenarios.hpp"

namespace finsim::cli {
int scenarios_command(const std::vector<std::string>& argv) {
  const Args args(argv, {{"json", false}}, 0);
  if (args.has("json")) {
    std::cout << catalogue_json().dump(2) << "\n";
    return 0;
  }
  for (const Scenario& sc : scenarios()) {
    std::cout << sc.name << "\n  " << sc.story << "\n";
    if (sc.settings.empty()) std::cout << "  sets: nothing (the defaults)\n";
    else {
      std::cout << "  sets:";
      for (const auto& [k, v] : sc.settings) std::cout << " " << k << "=" << v;
      std::cout << "\n";
    }
    std::cout << "\n";
  }
  std::cout << "policies:";
  for (const auto& p : policy_names()) std::cout << " " << p;
  std::cout << "\n\nparameters (--set KEY=VALUE):\n";
  for (const ParamSpec& s : parameter_specs())
    std::cout << "  " << std::left << std::setw(24) << s.name << std::setw(16) << parameter_default_text(s)
              << std::setw(28) << parameter_range_text(s) << s.description << "\n";
  return 0;
}

}  // namespace finsim::cli
