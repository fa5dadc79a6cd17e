// finsim why: a failed bank's counterfactual causes (docs/why.md), as sentences or as JSON.
#include <iostream>

#include "cli_args.hpp"
#include "commands.hpp"
#include "control_schedule.hpp"
#include "finsim/analysis_json.hpp"
#include "finsim/why.hpp"
#include "policy_arg.hpp"
#include "sim_options.hpp"

namespace finsim::cli {

int why_command(const std::vector<std::string>& argv) {
  auto specs = simulation_option_specs();
  specs.insert(specs.end(), {{"seed"}, {"steps"}, {"bank"}, {"json", false}});
  for (OptionSpec& spec : control_option_specs()) specs.push_back(std::move(spec));
  const Args args(argv, specs, 0);
  if (!args.has("bank")) throw UsageError("--bank is required: the failed bank to explain");
  RunRecipe recipe;
  recipe.config = config_from_args(args);
  recipe.seed = static_cast<std::uint64_t>(args.integer("seed", 42, 0, kMaxSeed));
  recipe.steps = static_cast<int>(args.integer("steps", 200, 1, 1000000));
  recipe.controls = scheduled_controls(args);
  recipe.policy = policy_maker(recipe.config.policy);
  const int bank = static_cast<int>(args.integer("bank", 0, 0, kMaxBanks));
  register_policy_files(recipe.controls);
  check_controls(recipe.controls, recipe.config.banks);

  auto explanation = explain_failure(recipe, bank);
  // Everything explain_failure refuses (no such bank, no failure, too many causes) is about what was
  // asked: a usage error, not an internal one.
  if (!explanation.ok()) throw UsageError(explanation.error().message);
  if (args.has("json")) {
    std::cout << failure_explanation_json(*explanation).dump(2) << "\n";
  } else {
    for (const std::string& sentence : explanation->sentences) std::cout << sentence << "\n";
  }
  return std::cout.flush() ? 0 : 1;
}

}  // namespace finsim::cli
