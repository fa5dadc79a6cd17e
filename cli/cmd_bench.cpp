// finsim bench: engine timings as JSON (medians over repetitions in one run).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench_models.hpp"
#include "bench_portfolio.hpp"
#include "cli_args.hpp"
#include "commands.hpp"
#include "finsim/clearing.hpp"
#include "finsim/learning/training_session.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/session.hpp"
#include "finsim/run_recipe.hpp"
#include "finsim/simulation.hpp"
#include "finsim/why.hpp"
#include "thread_pool.hpp"

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

// Training throughput: live-agent decisions per second of wall time over whole iterations (rollout with
// the simulation, GAE and the PPO update), median over iterations after one warm-up iteration.
nlohmann::json training_throughput(const learning::TrainingOptions& options, int threads, int iterations) {
  auto session = learning::TrainingSession::create(options);
  if (!session.ok()) throw UsageError(session.error().message);
  ThreadPool pool(threads);
  session->set_parallel(pool.parallel_for());
  session->iterate();
  std::vector<double> rates, seconds;
  for (int i = 0; i < iterations; ++i) {
    const auto t0 = Clock::now();
    const auto s = session->iterate();
    const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
    seconds.push_back(sec);
    rates.push_back(static_cast<double>(s.batch_samples) / sec);
  }
  return {{"threads", threads},
          {"agent_steps_per_s", {{"median", quantile(rates, 0.5)}, {"min", quantile(rates, 0.0)},
                                 {"max", quantile(rates, 1.0)}, {"iterations", iterations}}},
          {"seconds_per_iteration", quantile(seconds, 0.5)}};
}

// One learned-policy decision for every bank of a 100-bank simulation (features, normalisation,
// scalar MLP, argmax), median over calls.
nlohmann::json inference_time(std::unique_ptr<Policy> policy, int calls) {
  SimConfig config = scenario_config("liquidity_freeze").value();
  auto sim = Simulation::create(config, 42);
  if (!sim.ok()) throw UsageError(sim.error().message);
  for (int i = 0; i < 12; ++i) sim->step();  // past the shock: stressed banks, all actions feasible
  sim->begin_step();
  Rng rng(7);
  std::vector<Action> actions(static_cast<std::size_t>(sim->banks()));
  PolicyContext ctx{sim->observations(), sim->action_masks(), sim->active(), sim->config(), sim->timestep(), rng};
  std::vector<double> us;
  for (int i = 0; i < calls; ++i) {
    const auto t0 = Clock::now();
    policy->decide(ctx, actions);
    us.push_back(micros(Clock::now() - t0));
  }
  int active = 0;
  for (auto a : sim->active()) active += a;
  return {{"policy", std::string(policy->name())}, {"banks", sim->banks()}, {"active_banks", active},
          {"median_us", quantile(us, 0.5)}, {"p90_us", quantile(us, 0.9)}, {"calls", calls}};
}

nlohmann::json learning_bench(bool quick, int threads) {
  learning::TrainingOptions o;
  o.scenarios = {"liquidity_freeze"};
  o.cooperation = 1.0;
  const int iterations = quick ? 2 : 7;
  nlohmann::json out;
  out["what"] = "MAPPO training throughput on the 100-bank network (liquidity_freeze, 10 copies x 100 steps per "
                "iteration, default hyperparameters), environment, GAE and PPO update included; inference of one step for 100 banks";
  out["hardware_threads"] = std::thread::hardware_concurrency();
  out["config"] = learning::training_options_json(o);
  out["training"].push_back(training_throughput(o, 1, iterations));
  if (threads > 1) out["training"].push_back(training_throughput(o, threads, iterations));
  auto shipped = make_policy("mappo");
  std::unique_ptr<Policy> policy;
  if (shipped.ok() && shipped.value()) policy = std::move(shipped).value();
  else policy = std::move(learning::TrainingSession::create(o).value().make_policy()).value();
  out["inference"] = inference_time(std::move(policy), quick ? 200 : 2000);
  return out;
}

// "Why did this bank fail?" (docs/why.md): the time of one explanation, every bank that failed by step 200
// of a 100-bank run, in the two scenarios where banks fail for many reasons. The baseline run stops at the
// failure; every replay is timed with it.
nlohmann::json spread(const std::vector<double>& v) {
  if (v.empty()) return nullptr;
  return {{"median", quantile(v, 0.5)}, {"p90", quantile(v, 0.9)}, {"max", quantile(v, 1.0)}};
}

// The explanations of every bank that failed by step 200 of a `banks`-bank heuristic run of each
// scenario (the first `most` of them), bounded by `max_bank_steps` in all (0: none).
nlohmann::json why_cases(int banks, long long max_bank_steps, std::size_t most) {
  nlohmann::json out;
  std::vector<double> all_ms;
  for (const std::string scenario : {"core_default", "liquidity_freeze"}) {
    RunRecipe recipe;
    recipe.config = scenario_config(scenario).value();
    recipe.config.banks = banks;
    recipe.seed = 42;
    recipe.steps = 200;
    auto sim = start_run(recipe);
    if (!sim.ok()) throw UsageError(sim.error().message);
    for (int t = 0; t < recipe.steps; ++t) sim->step();
    std::vector<double> ms;
    int causes = 0, refused = 0, grouped = 0;
    for (int bank = 0; bank < sim->banks() && ms.size() + refused < most; ++bank) {
      if (!sim->bank(bank).defaulted) continue;
      const auto t0 = Clock::now();
      const auto x = explain_failure(recipe, bank, max_bank_steps);
      const double elapsed = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      if (!x.ok()) {
        ++refused;  // too many causes even in groups, or above max_bank_steps
        continue;
      }
      ms.push_back(elapsed);
      causes += static_cast<int>(x->causes.size());
      grouped += x->grouped ? 1 : 0;
    }
    all_ms.insert(all_ms.end(), ms.begin(), ms.end());
    out["scenarios"].push_back({{"scenario", scenario},
                                {"failed_banks_explained", ms.size()},
                                {"grouped", grouped},
                                {"refused", refused},
                                {"mean_causes", ms.empty() ? 0.0 : static_cast<double>(causes) / ms.size()},
                                {"ms", spread(ms)}});
  }
  out["ms"] = spread(all_ms);
  out["explanations"] = all_ms.size();
  return out;
}

nlohmann::json why_bench(bool quick) {
  nlohmann::json out = why_cases(100, 0, quick ? 5 : 1000);
  out["what"] = "time of one failure explanation (explain_failure: baseline, one replay per cause removed, one per "
                "cause alone, one with none), 100 banks, heuristic, horizon 200 steps, every bank that failed";
  // 1,000 banks over 200 steps is the explained run's bound; 2,000,000 banks × steps the bound on one
  // explanation's whole work (ExplanationBounds, finsim/why.hpp: the server's and the worker's).
  out["at_server_bound"] = why_cases(1000, ExplanationBounds{}.work_bank_steps, quick ? 3 : 40);
  out["at_server_bound"]["what"] = "the same at 1,000 banks over 200 steps with the server's bound of 2,000,000 banks "
                                   "× steps on one explanation's whole work: causes weighed in groups, or refused";
  return out;
}

// Rewind and branch (docs/model.md §10): a replay from step 0 to the step asked, through the session's
// controls as an adapter calls them, the messages of the step reached included.
nlohmann::json replay_case(const std::string& scenario, int banks, int to_step, int repetitions) {
  const nlohmann::json body{{"scenario", scenario}, {"banks", banks}, {"to_step", to_step}};
  auto session = Session::create(nlohmann::json{{"banks", banks}});
  if (!session.ok()) throw UsageError(session.error().message);
  std::vector<double> reset_ms, rewind_ms;
  for (int i = 0; i < repetitions; ++i) {
    auto t0 = Clock::now();
    if (auto r = session->control("reset", body); !r.ok()) throw UsageError(r.error().message);
    reset_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    t0 = Clock::now();
    if (auto r = session->control("rewind", {{"step", to_step / 2}}); !r.ok()) throw UsageError(r.error().message);
    rewind_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return {{"scenario", scenario}, {"banks", banks}, {"to_step", to_step},
          {"reset_to_step_ms", spread(reset_ms)}, {"rewind_to_half_ms", spread(rewind_ms)}};
}

nlohmann::json replay_bench(bool quick) {
  nlohmann::json out;
  out["what"] = "time of a reset with to_step (a branch opened at that step) and of a rewind to half of it: "
                "a replay from step 0, heuristic, seed 42, with the STATE_UPDATE and METRICS_UPDATE of the step reached";
  const int r = quick ? 5 : 41;
  out["cases"].push_back(replay_case("calm", 100, 200, r));
  out["cases"].push_back(replay_case("liquidity_freeze", 100, 200, r));
  out["cases"].push_back(replay_case("liquidity_freeze", 1000, 200, quick ? 2 : 11));  // the server's bound
  return out;
}

}  // namespace

int bench_command(const std::vector<std::string>& argv) {
  const Args args(argv, {{"quick", false}, {"portfolio", false}, {"learning", false}, {"why", false}, {"replay", false}, {"models", false}, {"threads"}}, 0);
  const bool quick = args.has("quick");
  if (args.has("portfolio") + args.has("learning") + args.has("why") + args.has("replay") + args.has("models") > 1)
    throw UsageError("--portfolio, --models, --learning, --why and --replay are separate benchmarks");
  if (args.has("models")) {
    const int threads = thread_count_option(args);
    std::cout << nlohmann::json{{"model_backtests", quick ? bench_models(400, 1, threads) : bench_models(2520, 3, threads)}}.dump(2)
              << "\n";
    return 0;
  }
  if (args.has("replay")) {
    std::cout << nlohmann::json{{"replay", replay_bench(quick)}}.dump(2) << "\n";
    return 0;
  }
  if (args.has("why")) {
    std::cout << nlohmann::json{{"why", why_bench(quick)}}.dump(2) << "\n";
    return 0;
  }
  if (args.has("learning")) {
    std::cout << learning_bench(quick, thread_count_option(args)).dump(2) << "\n";
    return 0;
  }
  if (args.has("portfolio")) {
    nlohmann::json out;
    out["portfolio_backtest"] = quick ? bench_portfolio(100, 2000, 3) : bench_portfolio(100, 20000, 5);
    std::cout << out.dump(2) << "\n";
    return 0;
  }
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
