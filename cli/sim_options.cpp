#include "sim_options.hpp"

#include "finsim/scenarios.hpp"

namespace finsim::cli {

const char* const kSimulationOptionsHelp =
    "  --scenario NAME     calm | liquidity_freeze | fire_sale_spiral | core_default | gai_kapadia\n"
    "                      (default calm; `finsim scenarios` describes them)\n"
    "  --banks N           number of banks (default 100; links scale with mean_degree)\n"
    "  --policy NAME|FILE  heuristic | random | all_hold | all_lend | all_hoard | all_fire_sale |\n"
    "                      mappo | mappo-cooperative | mappo-selfish, or a policy file (*.json,\n"
    "                      written by `finsim train`) (default heuristic)\n"
    "  --set KEY=VALUE     override any parameter (repeatable; `finsim scenarios` lists them)\n";

std::vector<OptionSpec> simulation_option_specs() {
  return {{"scenario"}, {"banks"}, {"policy"}, {"set", true, true}};
}

SimConfig config_from_args(const Args& args) { return config_from_args(args, args.get("scenario").value_or("calm")); }

SimConfig config_from_args(const Args& args, const std::string& scenario) {
  auto config = scenario_config(scenario);
  if (!config.ok()) throw UsageError(config.error().message);
  if (auto banks = args.get("banks")) {
    Status st = set_parameter(*config, "banks", std::string_view(*banks));
    if (!st.ok()) throw UsageError("--banks: " + st.error().message);
  }
  if (auto policy = args.get("policy")) config->policy = *policy;
  for (const std::string& kv : args.all("set")) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--set expects KEY=VALUE, got '" + kv + "'");
    Status st = set_parameter(*config, std::string_view(kv).substr(0, eq), std::string_view(kv).substr(eq + 1));
    if (!st.ok()) throw UsageError("--set: " + st.error().message);
  }
  if (Status st = validate_config(*config); !st.ok()) throw UsageError(st.error().message);
  return config.value();
}

}  // namespace finsim::cli
