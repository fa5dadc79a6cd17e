// embind: the step benchmark, measured inside the module so that it times exactly what `finsim bench`
// times natively (Simulation::step, no serialization, no boundary crossing).
// JavaScript: Module.benchSteps(scenario, banks, meanDegree, steps) → JSON text
//   {"step_us":{"median","p90","samples"},"state_update_us":median,"banks","links"} or {"error":…}.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <string>
#include <vector>

#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"
#include "json_text.hpp"
#include "quantile.hpp"

namespace finsim::wasm {
namespace {

std::string bench_steps(const std::string& scenario, int banks, double mean_degree, int steps) {
  auto config = scenario_config(scenario);
  if (!config.ok()) return error_text(config.error());
  config->banks = banks;
  config->mean_degree = mean_degree;
  auto sim = Simulation::create(*config, 42);
  if (!sim.ok()) return error_text(sim.error());
  for (int i = 0; i < 3; ++i) sim->step();  // as finsim bench: warm caches and buffers
  std::vector<double> step_us;
  for (int i = 0; i < std::max(1, steps); ++i) {
    const double t0 = emscripten_get_now();
    sim->step();
    step_us.push_back((emscripten_get_now() - t0) * 1000.0);
  }
  std::vector<double> ser_us;
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text.clear();
    const double t0 = emscripten_get_now();
    append_state_update(*sim, text);
    ser_us.push_back((emscripten_get_now() - t0) * 1000.0);
  }
  return nlohmann::json{{"scenario", scenario},
                        {"banks", banks},
                        {"links", sim->network().links.size()},
                        {"step_us", {{"median", quantile(step_us, 0.5)}, {"p90", quantile(step_us, 0.9)},
                                     {"samples", step_us.size()}}},
                        {"state_update_us", quantile(ser_us, 0.5)}}
      .dump();
}

}  // namespace
}  // namespace finsim::wasm

EMSCRIPTEN_BINDINGS(finsim_bench) { emscripten::function("benchSteps", &finsim::wasm::bench_steps); }
