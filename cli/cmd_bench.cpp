// finsim bench: engine timings as JSON (medians over repetitions in one run).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/clearing.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

namespace finsim::cli {
namespace {

using Clock = std::chrono::steady_clock;

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[k];
}

struct Case {
  int banks;
  double mean_degree;
  int steps;
  int clearings;
  int serializations;
};

nlohmann::json bench_case(const Case& k, const std::string& scenario) {
  SimConfig config = scenario_config(scenario).value();
  config.banks = k.banks;
  config.mean_degree = k.mean_degree;
  auto sim = Simulation::create(config, 42);
  if (!sim.ok()) throw UsageError(sim.error().message);
  for (int i = 0; i < 3; ++i) sim->step();  // warm caches and buffers
  std::vector<double> step_us;
  step_us.reserve(static_cast<std::size_t>(k.steps));
  for (int i = 0; i < k.steps; ++i) {
    const auto t0 = Clock::now();
    sim->step();
    step_us.push_back(micros(Clock::now() - t0));
  }
  const ClearingProblem problem = sim->clearing_problem();
  ClearingSolver solver;
  solver.solve(problem);
  std::vector<double> clear_us;
  for (int i = 0; i < k.clearings; ++i) {
    const auto t0 = Clock::now();
    solver.solve(problem);
    clear_us.push_back(micros(Clock::now() - t0));
  }
  std::string text;
  std::vector<double> ser_us;
  for (int i = 0; i < k.serializations; ++i) {
    text.clear();
    const auto t0 = Clock::now();
    append_state_update(*sim, text);
    ser_us.push_back(micros(Clock::now() - t0));
  }
  std::string compact;
  append_state_update(*sim, compact, SerializeOptions{false});
  return {{"scenario", scenario},
          {"banks", k.banks},
          {"links", sim->network().links.size()},
          {"live_loans", problem.obligations.size()},
          {"defaults_at_end", sim->metrics().defaulted_banks},
          {"step_us", {{"median", quantile(step_us, 0.5)}, {"p90", quantile(step_us, 0.9)}, {"samples", k.steps}}},
          {"clearing_us", {{"median", quantile(clear_us, 0.5)}, {"samples", k.clearings}}},
          {"state_update",
           {{"median_us", quantile(ser_us, 0.5)},
            {"bytes", text.size()},
            {"bytes_compact", compact.size()},
            {"samples", k.serializations}}}};
}

}  // namespace

int bench_command(const std::vector<std::string>& argv) {
  const Args args(argv, {{"quick", false}}, 0);
  const bool quick = args.has("quick");
  const int r = quick ? 10 : 1;
  const std::vector<Case> cases{{100, 5.0, 5000 / r, 5000 / r, 2000 / r},
                                {1000, 5.0, 1000 / r, 1000 / r, 200 / r},
                                {10000, 5.0, 200 / r, 100 / r, 20 / r}};
  nlohmann::json out;
  out["unit"] = "microseconds";
  out["policy"] = "heuristic";
  out["hardware_threads"] = std::thread::hardware_concurrency();
  for (const Case& k : cases) out["cases"].push_back(bench_case(k, "calm"));
  // A crisis step does more work (forced sales, clearing rounds, resolutions).
  out["cases"].push_back(bench_case({100, 5.0, 200, 200, 200 / r}, "liquidity_freeze"));
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace finsim::cli
