// finsim eval: learned policies against the heuristic, random and fixed-action policies on held-out
// seeds, per scenario: mean and 95 % interval of the final default rate, surviving system equity,
// mean liquidity and equilibrium score, the action mix, and the paired difference in default rate
// against the heuristic. A readable table, JSON with --json, or Markdown with --markdown.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "evaluation.hpp"
#include "sim_options.hpp"
#include "thread_pool.hpp"

namespace finsim::cli {
namespace {

using nlohmann::json;

constexpr const char* kDefaultBaselines = "heuristic,random,all_hold,all_lend,all_hoard,all_fire_sale";

struct PolicyRow {
  std::string name;
  std::vector<RunOutcome> runs;  // by seed
};

json estimate_json(const Estimate& e) { return {{"mean", e.mean}, {"ci95", {e.low, e.high}}}; }

std::vector<double> column(const std::vector<RunOutcome>& runs, double RunOutcome::*field) {
  std::vector<double> v;
  for (const RunOutcome& r : runs) v.push_back(r.*field);
  return v;
}

constexpr std::pair<const char*, double RunOutcome::*> kMeasures[] = {
    {"default_rate", &RunOutcome::default_rate},
    {"surviving_equity", &RunOutcome::surviving_equity},
    {"mean_liquidity", &RunOutcome::mean_liquidity},
    {"equilibrium_score", &RunOutcome::equilibrium}};
constexpr const char* kActionNames[] = {"hold", "lend", "hoard", "fire_sale"};

std::vector<double> paired_default_difference(const PolicyRow& row, const PolicyRow& reference) {
  std::vector<double> d;
  for (std::size_t k = 0; k < row.runs.size(); ++k) d.push_back(row.runs[k].default_rate - reference.runs[k].default_rate);
  return d;
}

const PolicyRow* find_row(const std::vector<PolicyRow>& rows, const std::string& name) {
  for (const PolicyRow& r : rows)
    if (r.name == name) return &r;
  return nullptr;
}

json scenario_json(const std::string& scenario, std::pair<std::uint64_t, std::uint64_t> seeds, int steps,
                   const std::vector<PolicyRow>& rows) {
  json policies = json::array();
  const PolicyRow* heuristic = find_row(rows, "heuristic");
  for (const PolicyRow& row : rows) {
    json p = {{"policy", row.name}};
    for (const auto& [name, field] : kMeasures) p[name] = estimate_json(estimate(column(row.runs, field)));
    json mix = json::object();
    for (int a = 0; a < 4; ++a) {
      std::vector<double> v;
      for (const RunOutcome& r : row.runs) v.push_back(r.action_share[a]);
      mix[kActionNames[a]] = estimate(v).mean;
    }
    p["action_mix"] = mix;
    if (heuristic && &row != heuristic)
      p["default_rate_minus_heuristic"] = estimate_json(estimate(paired_default_difference(row, *heuristic)));
    policies.push_back(p);
  }
  return {{"scenario", scenario}, {"seeds", {seeds.first, seeds.second}}, {"steps", steps}, {"policies", policies}};
}

std::string cell(const Estimate& e, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f ± %.*f", decimals, e.mean, decimals, (e.high - e.low) / 2.0);
  return buf;
}

// One policy's cells: default rate, surviving equity, mean liquidity, equilibrium, the paired Δ default
// rate against the heuristic (empty for the heuristic itself) and the action mix H/L/Ho/F in %.
std::vector<std::string> row_cells(const PolicyRow& row, const PolicyRow* heuristic) {
  std::string diff;
  if (heuristic && &row != heuristic) diff = cell(estimate(paired_default_difference(row, *heuristic)), 3);
  double mix[4] = {};
  for (const RunOutcome& r : row.runs)
    for (int a = 0; a < 4; ++a) mix[a] += r.action_share[a] / static_cast<double>(row.runs.size());
  char actions[48];
  std::snprintf(actions, sizeof actions, "%.0f/%.0f/%.0f/%.0f", 100 * mix[0], 100 * mix[1], 100 * mix[2], 100 * mix[3]);
  return {cell(estimate(column(row.runs, &RunOutcome::default_rate)), 3),
          cell(estimate(column(row.runs, &RunOutcome::surviving_equity)), 3),
          cell(estimate(column(row.runs, &RunOutcome::mean_liquidity)), 3),
          cell(estimate(column(row.runs, &RunOutcome::equilibrium)), 3), diff, actions};
}

void print_table(const std::string& scenario, std::pair<std::uint64_t, std::uint64_t> seeds, int steps,
                 const std::vector<PolicyRow>& rows) {
  std::printf("%s: seeds %llu..%llu (%zu runs per policy), %d steps; mean ± 95%% interval\n", scenario.c_str(),
              static_cast<unsigned long long>(seeds.first), static_cast<unsigned long long>(seeds.second),
              rows.empty() ? 0 : rows.front().runs.size(), steps);
  std::printf("  %-20s %-17s %-17s %-17s %-17s %-20s %s\n", "policy", "default rate", "surviving equity",
              "mean liquidity", "equilibrium", "Δ defaults vs heur.", "actions H/L/Ho/F %");
  const PolicyRow* heuristic = find_row(rows, "heuristic");
  for (const PolicyRow& row : rows) {
    const auto c = row_cells(row, heuristic);
    std::printf("  %-20s %-17s %-17s %-17s %-17s %-20s %s\n", row.name.c_str(), c[0].c_str(), c[1].c_str(),
                c[2].c_str(), c[3].c_str(), c[4].c_str(), c[5].c_str());
  }
  std::printf("\n");
}

// The same table in Markdown (docs/learning.md), one heading line per scenario.
void print_markdown(const std::string& scenario, std::pair<std::uint64_t, std::uint64_t> seeds, int steps,
                    const std::vector<PolicyRow>& rows) {
  std::printf("**%s** (seeds %llu–%llu, %d steps)\n\n", scenario.c_str(), static_cast<unsigned long long>(seeds.first),
              static_cast<unsigned long long>(seeds.second), steps);
  std::printf("| policy | default rate | surviving equity | mean liquidity | equilibrium | Δ default rate vs heuristic (paired) | actions H/L/Ho/F %% |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  const PolicyRow* heuristic = find_row(rows, "heuristic");
  for (const PolicyRow& row : rows) {
    const auto c = row_cells(row, heuristic);
    std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", row.name.c_str(), c[0].c_str(), c[1].c_str(), c[2].c_str(),
                c[3].c_str(), c[4].c_str(), c[5].c_str());
  }
  std::printf("\n");
}

}  // namespace

int eval_command(const std::vector<std::string>& argv) {
  auto specs = simulation_option_specs();
  specs.insert(specs.end(), {{"seeds"}, {"steps"}, {"baselines"}, {"json", false}, {"markdown", false}, {"threads"}});
  const Args args(argv, specs, 0);
  const auto policy_arg = args.get("policy");
  if (!policy_arg) throw UsageError("--policy FILE|NAME is required (comma-separated for several)");
  const auto seeds = parse_seed_range(args.get("seeds").value_or("1000..1099"));
  const int steps = static_cast<int>(args.integer("steps", 200, 1, 100000));
  std::vector<std::string> names = split_list(*policy_arg);
  if (names.empty()) throw UsageError("--policy needs at least one policy");
  const std::string baselines = args.get("baselines").value_or(kDefaultBaselines);
  if (baselines != "none")
    for (const std::string& b : split_list(baselines)) names.push_back(b);
  std::vector<PolicyMaker> makers;
  for (const std::string& n : names) makers.push_back(policy_maker(n));
  std::vector<std::string> scenarios = split_list(args.get("scenario").value_or("liquidity_freeze"));
  if (scenarios.empty()) throw UsageError("--scenario needs at least one scenario name");
  std::vector<SimConfig> configs;
  for (const std::string& s : scenarios) configs.push_back(config_from_args(args, s));

  ThreadPool pool(thread_count_option(args));
  const auto n_seeds = static_cast<std::size_t>(seeds.second - seeds.first + 1);
  json out = {{"scenarios", json::array()}};
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    std::vector<PolicyRow> rows(names.size());
    for (std::size_t p = 0; p < names.size(); ++p) {
      rows[p].name = names[p];
      rows[p].runs.resize(n_seeds);
    }
    // Every (policy, seed) run is independent and lands in its own slot: the thread count cannot matter.
    try {
      pool.run(static_cast<int>(names.size() * n_seeds), [&](int k) {
        const auto p = static_cast<std::size_t>(k) / n_seeds, i = static_cast<std::size_t>(k) % n_seeds;
        rows[p].runs[i] = evaluate_run(configs[s], seeds.first + i, steps, makers[p]);
      });
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
    // Learned policies report the name inside their file.
    for (std::size_t p = 0; p < names.size(); ++p) rows[p].name = std::string(makers[p]()->name());
    if (args.has("json")) out["scenarios"].push_back(scenario_json(scenarios[s], seeds, steps, rows));
    else if (args.has("markdown")) print_markdown(scenarios[s], seeds, steps, rows);
    else print_table(scenarios[s], seeds, steps, rows);
  }
  if (args.has("json")) std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace finsim::cli
