// libFuzzer target: the inputs of `finsim clear`, `finsim debtrank` and policy files (`--policy
// file.json`, the browser's uploads). Byte 0 picks one; accepted inputs are solved / run.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "finsim/analysis_json.hpp"
#include "finsim/json_depth.hpp"
#include "finsim/learning/learned_policy.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!json_depth_within(text)) return 0;
  switch (data[0] % 3) {
    case 0: {
      const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
      if (j.is_discarded()) return 0;
      if (auto input = parse_clearing_input(j); input.ok()) {
        ClearingSolver solver;
        (void)clearing_output(solver.solve(input->problem()), input->n).dump();
      }
      break;
    }
    case 1: {
      const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
      if (j.is_discarded()) return 0;
      if (auto input = parse_debtrank_input(j); input.ok()) (void)debtrank_output(debtrank(*input)).dump();
      break;
    }
    default: {
      auto policy = learning::load_learned_policy(text);
      if (!policy.ok()) return 0;
      SimConfig config = scenario_config("core_default").value();
      config.banks = 20;
      auto sim = Simulation::create(config, 1, std::move(policy).value());
      if (!sim.ok()) return 0;
      for (int t = 0; t < 3; ++t) sim->step();
    }
  }
  return 0;
}
