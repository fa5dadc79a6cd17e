// finsim lessons: every lesson of docs/lessons.md as a paired experiment on held-out seeds — effect,
// 95 % interval, target and whether it holds. A table, --json or --markdown. Exits 1 when a lesson
// does not hold (like a test runner), 2 on a usage error.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "evaluation.hpp"
#include "finsim/lessons.hpp"
#include "finsim/rng.hpp"
#include "finsim/scenarios.hpp"
#include "rank_correlation.hpp"
#include "thread_pool.hpp"

namespace finsim::cli {
namespace {

using nlohmann::json;

// The evaluation grid of the metric lessons: every built-in and shipped policy on every scenario.
constexpr const char* kGridPolicies[] = {"heuristic", "random",        "all_hold",          "all_lend",
                                         "all_hoard", "all_fire_sale", "mappo-cooperative", "mappo-selfish"};
constexpr int kBootstrapDraws = 400;

struct Finding {
  const LessonSpec* spec = nullptr;
  Estimate effect;
  std::size_t samples = 0;
  bool holds = false;
  std::string note;
};

bool judge(const LessonSpec& s, const Estimate& e) {
  return s.check == LessonCheck::at_least ? e.low >= s.target : e.high <= s.target;
}

struct GridRuns {
  std::vector<std::string> cells;                 // "scenario / policy"
  std::vector<std::vector<RunOutcome>> outcomes;  // [cell][seed]
};

GridRuns run_grid(std::pair<std::uint64_t, std::uint64_t> seeds, ThreadPool& pool) {
  GridRuns g;
  std::vector<SimConfig> configs;
  std::vector<PolicyMaker> makers;
  for (const Scenario& sc : scenarios())
    for (const char* p : kGridPolicies) {
      configs.push_back(std::move(scenario_config(sc.name)).value());
      makers.push_back(policy_maker(p));
      g.cells.push_back(std::string(sc.name) + " / " + p);
    }
  const auto n_seeds = static_cast<std::size_t>(seeds.second - seeds.first + 1);
  g.outcomes.assign(configs.size(), std::vector<RunOutcome>(n_seeds));
  pool.run(static_cast<int>(configs.size() * n_seeds), [&](int k) {
    const auto c = static_cast<std::size_t>(k) / n_seeds, i = static_cast<std::size_t>(k) % n_seeds;
    g.outcomes[c][i] = evaluate_run(configs[c], seeds.first + i, kLessonSteps, makers[c]);
  });
  return g;
}

double cell_mean(const std::vector<RunOutcome>& runs, const std::vector<std::size_t>& pick, double RunOutcome::*f) {
  double sum = 0.0;
  for (std::size_t i : pick) sum += runs[i].*f;
  return sum / static_cast<double>(pick.size());
}

double grid_spearman(const GridRuns& g, const std::vector<std::size_t>& pick) {
  std::vector<double> score, health;
  for (const auto& runs : g.outcomes) {
    score.push_back(cell_mean(runs, pick, &RunOutcome::equilibrium));
    health.push_back(1.0 - cell_mean(runs, pick, &RunOutcome::default_rate));
  }
  return spearman(score, health);
}

Finding grid_finding(const LessonSpec& s, const GridRuns& g) {
  Finding f;
  f.spec = &s;
  const std::size_t n = g.outcomes.front().size();
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  if (s.id == "equilibrium_ranks_health") {
    // Percentile bootstrap over seeds (cells keep their pairing): a fixed stream, so the same seeds
    // always give the same interval.
    Rng rng(20261203);
    std::vector<double> draws;
    for (int b = 0; b < kBootstrapDraws; ++b) {
      std::vector<std::size_t> pick(n);
      for (auto& p : pick) p = static_cast<std::size_t>(rng.below(n));
      draws.push_back(grid_spearman(g, pick));
    }
    std::sort(draws.begin(), draws.end());
    f.effect = {grid_spearman(g, all), draws[kBootstrapDraws * 25 / 1000], draws[kBootstrapDraws * 975 / 1000]};
    f.samples = g.cells.size();
    f.note = std::to_string(g.cells.size()) + " cells, bootstrap over seeds";
  } else if (s.id == "collapse_not_equilibrium") {
    double worst = 0.0;
    std::string where = "no cell lost half its banks";
    bool any = false;
    for (std::size_t c = 0; c < g.cells.size(); ++c) {
      if (cell_mean(g.outcomes[c], all, &RunOutcome::default_rate) < 0.5) continue;
      const double score = cell_mean(g.outcomes[c], all, &RunOutcome::equilibrium);
      if (!any || score > worst) {
        worst = score;
        where = g.cells[c];
      }
      any = true;
    }
    f.effect = {worst, worst, worst};
    f.samples = g.cells.size();
    f.note = "highest: " + where;
    f.holds = worst < s.target;
    return f;
  } else if (s.id == "liquidity_shows_failure") {
    std::vector<double> v;
    for (const auto& runs : g.outcomes)
      for (const RunOutcome& r : runs)
        if (r.default_rate >= 0.5) v.push_back(r.final_liquidity);
    f.effect = estimate(v);
    f.samples = v.size();
    f.note = std::to_string(v.size()) + " runs with half the banks failed";
    if (v.empty()) return f;  // nothing collapsed: the claim is untested, so it does not hold
  }
  f.holds = judge(s, f.effect);
  return f;
}

std::string signed3(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%+.3f", x);
  return b;
}

std::string effect_text(const Finding& f) {
  if (f.effect.low == f.effect.high) return signed3(f.effect.mean);
  return signed3(f.effect.mean) + " [" + signed3(f.effect.low) + ", " + signed3(f.effect.high) + "]";
}

std::string target_text(const LessonSpec& s) {
  return std::string(s.check == LessonCheck::at_least ? "≥ " : "≤ ") + signed3(s.target);
}

json finding_json(const Finding& f) {
  return {{"id", f.spec->id},           {"lesson", f.spec->lesson},
          {"claim", f.spec->claim},     {"measure", f.spec->measure},
          {"effect", f.effect.mean},    {"ci95", {f.effect.low, f.effect.high}},
          {"target", f.spec->target},   {"check", f.spec->check == LessonCheck::at_least ? "at_least" : "at_most"},
          {"samples", f.samples},       {"holds", f.holds},
          {"note", f.note}};
}

}  // namespace

int lessons_command(const std::vector<std::string>& argv) {
  const Args args(argv, {{"seeds"}, {"only"}, {"threads"}, {"json", false}, {"markdown", false}}, 0);
  const auto seeds = parse_seed_range(args.get("seeds").value_or("1000..1099"));
  std::vector<const LessonSpec*> chosen;
  if (auto only = args.get("only")) {
    for (const std::string& id : split_list(*only)) {
      const LessonSpec* s = find_lesson(id);
      if (!s) throw UsageError("unknown lesson '" + id + "' (finsim lessons lists them)");
      chosen.push_back(s);
    }
  } else {
    for (const LessonSpec& s : lesson_specs()) chosen.push_back(&s);
  }
  ThreadPool pool(thread_count_option(args));
  const auto n_seeds = static_cast<std::size_t>(seeds.second - seeds.first + 1);

  std::vector<const LessonSpec*> paired;
  bool needs_grid = false;
  for (const LessonSpec* s : chosen) {
    if (s->source == LessonSource::paired_runs) paired.push_back(s);
    else needs_grid = true;
  }
  std::vector<std::vector<double>> samples(paired.size(), std::vector<double>(n_seeds));
  pool.run(static_cast<int>(paired.size() * n_seeds), [&](int k) {
    const auto l = static_cast<std::size_t>(k) / n_seeds, i = static_cast<std::size_t>(k) % n_seeds;
    auto v = lesson_sample(paired[l]->id, seeds.first + i);
    if (!v.ok()) throw std::runtime_error(v.error().message);
    samples[l][i] = *v;
  });
  GridRuns grid;
  if (needs_grid) grid = run_grid(seeds, pool);

  std::vector<Finding> findings;
  for (const LessonSpec* s : chosen) {
    if (s->source == LessonSource::evaluation_grid) {
      findings.push_back(grid_finding(*s, grid));
      continue;
    }
    const auto l = static_cast<std::size_t>(std::find(paired.begin(), paired.end(), s) - paired.begin());
    Finding f;
    f.spec = s;
    f.effect = estimate(samples[l]);
    f.samples = n_seeds;
    f.holds = judge(*s, f.effect);
    findings.push_back(f);
  }
  int held = 0;
  for (const Finding& f : findings) held += f.holds ? 1 : 0;

  if (args.has("json")) {
    json out = {{"seeds", {seeds.first, seeds.second}}, {"steps", kLessonSteps}, {"lessons", json::array()},
                {"held", held}, {"total", findings.size()}};
    for (const Finding& f : findings) out["lessons"].push_back(finding_json(f));
    std::cout << out.dump(2) << "\n";
  } else if (args.has("markdown")) {
    std::printf("Seeds %llu–%llu (%zu paired runs per lesson), default rates at step %d.\n\n",
                static_cast<unsigned long long>(seeds.first), static_cast<unsigned long long>(seeds.second), n_seeds,
                kLessonSteps);
    std::printf("| lesson | the claim | measure | effect [95 %% interval] | target | holds |\n|---|---|---|---|---|---|\n");
    for (const Finding& f : findings)
      std::printf("| `%s` | %s | %s%s | %s | %s | %s |\n", std::string(f.spec->id).c_str(),
                  std::string(f.spec->claim).c_str(), std::string(f.spec->measure).c_str(),
                  f.note.empty() ? "" : (" (" + f.note + ")").c_str(), effect_text(f).c_str(),
                  target_text(*f.spec).c_str(), f.holds ? "yes" : "**no**");
  } else {
    std::printf("lessons on seeds %llu..%llu (%zu paired runs each), default rates at step %d\n\n",
                static_cast<unsigned long long>(seeds.first), static_cast<unsigned long long>(seeds.second), n_seeds,
                kLessonSteps);
    for (const Finding& f : findings) {
      std::printf("%-5s %-26s %-32s target %s\n", f.holds ? "holds" : "FAILS", std::string(f.spec->id).c_str(),
                  effect_text(f).c_str(), target_text(*f.spec).c_str());
      std::printf("      %s%s\n", std::string(f.spec->measure).c_str(), f.note.empty() ? "" : ("; " + f.note).c_str());
    }
  }
  if (!args.has("json")) std::printf("\n%d passed, %zu failed\n", held, findings.size() - held);
  return held == static_cast<int>(findings.size()) ? 0 : 1;
}

}  // namespace finsim::cli
