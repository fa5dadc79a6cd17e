// embind: the learning benchmark, measured inside the module on the same workload as the native
// `finsim bench --learning` (cli/cmd_bench.cpp): MAPPO iterations of 10 copies × 100 steps of liquidity_freeze
// on the 100-bank network with the default hyperparameters (environment, GAE and PPO update included;
// single thread), and one decision of the shipped "mappo" policy for all 100 banks.
// JavaScript: Module.benchLearning(iterations, inferenceCalls, optionsText) → JSON text
//   {"training":{"agent_steps_per_s":{"median","min","max","iterations"},"seconds_per_iteration"},
//    "inference":{"median_us","p90_us","calls","banks"},"config":{…}} or {"error":…}.
// optionsText ("" or "{}" for the defaults) overrides training options, e.g. '{"epochs":3}'.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <string>
#include <vector>

#include "finsim/learning/training_session.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"
#include "json_text.hpp"
#include "quantile.hpp"

namespace finsim::wasm {
namespace {

Result<learning::TrainingOptions> bench_options(const std::string& overrides_text) {
  nlohmann::json j = overrides_text.empty() ? nlohmann::json::object()
                                            : nlohmann::json::parse(overrides_text, nullptr, false);
  if (!j.is_object()) return make_error("bad_json", "options must be a JSON object");
  if (!j.contains("scenarios")) j["scenarios"] = {"liquidity_freeze"};
  if (!j.contains("cooperation")) j["cooperation"] = 1.0;
  return learning::parse_training_options(j);
}

nlohmann::json training_throughput(const learning::TrainingOptions& options, int iterations) {
  auto session = learning::TrainingSession::create(options);
  if (!session.ok()) return {{"error", session.error().message}};
  session->iterate();  // warm-up, as natively
  std::vector<double> rates, seconds;
  for (int i = 0; i < std::max(1, iterations); ++i) {
    const double t0 = emscripten_get_now();
    const auto s = session->iterate();
    const double sec = (emscripten_get_now() - t0) / 1000.0;
    seconds.push_back(sec);
    rates.push_back(static_cast<double>(s.batch_samples) / sec);
  }
  return {{"agent_steps_per_s", {{"median", quantile(rates, 0.5)}, {"min", quantile(rates, 0.0)},
                                 {"max", quantile(rates, 1.0)}, {"iterations", rates.size()}}},
          {"seconds_per_iteration", quantile(seconds, 0.5)}};
}

// As natively: 12 steps into liquidity_freeze (stressed banks, every action feasible), then one decision
// of every bank per call.
nlohmann::json inference_time(int calls) {
  auto policy = make_policy("mappo");
  if (!policy.ok() || !policy.value()) return {{"error", "the shipped policy 'mappo' is missing"}};
  auto sim = Simulation::create(scenario_config("liquidity_freeze").value(), 42);
  if (!sim.ok()) return {{"error", sim.error().message}};
  for (int i = 0; i < 12; ++i) sim->step();
  sim->begin_step();
  Rng rng(7);
  std::vector<Action> actions(static_cast<std::size_t>(sim->banks()));
  PolicyContext ctx{sim->observations(), sim->action_masks(), sim->active(), sim->config(), sim->timestep(), rng};
  std::vector<double> us;
  for (int i = 0; i < std::max(1, calls); ++i) {
    const double t0 = emscripten_get_now();
    policy.value()->decide(ctx, actions);
    us.push_back((emscripten_get_now() - t0) * 1000.0);
  }
  return {{"policy", "mappo"}, {"banks", sim->banks()}, {"median_us", quantile(us, 0.5)},
          {"p90_us", quantile(us, 0.9)}, {"calls", us.size()}};
}

std::string bench_learning(int iterations, int inference_calls, const std::string& options_text) {
  return guarded([&]() -> std::string {
    auto options = bench_options(options_text);
    if (!options.ok()) return error_text(options.error());
    return nlohmann::json{{"config", learning::training_options_json(*options)},
                          {"training", training_throughput(*options, iterations)},
                          {"inference", inference_time(inference_calls)}}
        .dump();
  });
}

}  // namespace
}  // namespace finsim::wasm

EMSCRIPTEN_BINDINGS(finsim_learning_bench) {
  emscripten::function("benchLearning", &finsim::wasm::bench_learning);
}
