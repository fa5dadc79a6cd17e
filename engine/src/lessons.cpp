// The lessons' experiments: which two worlds each compares and what it measures (lessons.hpp).
#include "finsim/lessons.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <vector>

#include "finsim/intervention_body.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

namespace finsim {
namespace {

SimConfig scenario(std::string_view name, std::string_view policy) {
  SimConfig c = std::move(scenario_config(name)).value();  // the names below are the engine's own
  c.policy = std::string(policy);
  return c;
}

Simulation start(const SimConfig& c, std::uint64_t seed) {
  auto sim = Simulation::create(c, seed);
  if (!sim.ok()) throw std::logic_error("lesson world: " + sim.error().message);
  return std::move(sim).value();
}

double final_default_rate(const SimConfig& c, std::uint64_t seed) {
  Simulation sim = start(c, seed);
  for (int t = 0; t < kLessonSteps; ++t) sim.step();
  return sim.metrics().default_rate;
}

double default_difference(std::string_view name, std::string_view a, std::string_view b, std::uint64_t seed) {
  return final_default_rate(scenario(name, a), seed) - final_default_rate(scenario(name, b), seed);
}

// Mean stress difference (world b − world a) over the banks in `group` after both ran to the same step.
double mean_rise(const Simulation& a, const Simulation& b, const std::vector<int>& group) {
  if (group.empty()) return 0.0;
  double sum = 0.0;
  for (int i : group) sum += b.bank(i).stress - a.bank(i).stress;
  return sum / static_cast<double>(group.size());
}

// Local decisions: calm, the largest core bank is made to HOARD at step kActionStep. Its borrowers
// (the banks it has live loans to when it decides) against every bank not linked to it, three steps
// later, each against the same seed without the intervention.
constexpr int kActionStep = 20;
constexpr int kStepsLater = 3;

struct Groups {
  std::vector<int> linked, unlinked;
};

// Banks with a live loan from `bank` (its borrowers) and the banks with no link to it at all.
Groups borrowers_and_unlinked(const Simulation& sim, int bank) {
  std::vector<std::uint8_t> role(static_cast<std::size_t>(sim.banks()), 0);  // 1 borrower, 2 other link
  const auto loans = sim.loans();
  const auto& links = sim.network().links;
  for (std::size_t l = 0; l < links.size(); ++l) {
    const auto [from, to] = links[l];
    if (from == bank && loans[l] > 0.0) role[to] = 1;
    else if (from == bank && role[to] == 0) role[to] = 2;
    if (to == bank && role[from] == 0) role[from] = 2;
  }
  Groups g;
  for (int i = 0; i < sim.banks(); ++i) {
    if (i == bank || sim.bank(i).defaulted) continue;
    if (role[i] == 1) g.linked.push_back(i);
    else if (role[i] == 0) g.unlinked.push_back(i);
  }
  return g;
}

std::pair<double, double> local_hoarding(std::uint64_t seed) {
  const SimConfig c = scenario("calm", "heuristic");
  Simulation without = start(c, seed), with = start(c, seed);
  for (int t = 1; t < kActionStep; ++t) {
    without.step();
    with.step();
  }
  const int hoarder = largest_core_bank(with);
  const Groups g = borrowers_and_unlinked(with, hoarder);
  Intervention iv;
  iv.kind = Intervention::Kind::force_action;
  iv.bank = hoarder;
  iv.action = Action::hoard;
  (void)with.intervene(iv);
  for (int t = 0; t <= kStepsLater; ++t) {  // the step of the action and three more
    without.step();
    with.step();
  }
  return {mean_rise(without, with, g.linked), mean_rise(without, with, g.unlinked)};
}

// Propagation: core_default against the same seed without the failure. The failed bank's counterparties
// (every bank with a live loan to or from it just before it fails) against all other banks, three steps
// after the failure.
std::pair<double, double> propagation(std::uint64_t seed) {
  const SimConfig with_failure = scenario("core_default", "heuristic");
  SimConfig no_failure = with_failure;
  no_failure.shock_defaults = 0;
  Simulation without = start(no_failure, seed), with = start(with_failure, seed);
  const int shock = with_failure.shock_step;
  for (int t = 1; t < shock; ++t) {
    without.step();
    with.step();
  }
  const int failed = largest_core_bank(with);
  std::vector<std::uint8_t> linked(static_cast<std::size_t>(with.banks()), 0);
  const auto loans = with.loans();
  const auto& links = with.network().links;
  for (std::size_t l = 0; l < links.size(); ++l)
    if (loans[l] > 0.0 && (links[l].first == failed || links[l].second == failed))
      linked[links[l].first == failed ? links[l].second : links[l].first] = 1;
  std::vector<int> counterparties, others;
  for (int i = 0; i < with.banks(); ++i) {
    if (i == failed || with.bank(i).defaulted) continue;
    (linked[i] ? counterparties : others).push_back(i);
  }
  for (int t = 0; t <= kStepsLater; ++t) {
    without.step();
    with.step();
  }
  return {mean_rise(without, with, counterparties), mean_rise(without, with, others)};
}

// The lowest liquidity metric over steps 10..30 (the freeze's shock comes at step 10).
double lowest_liquidity(const SimConfig& c, std::uint64_t seed) {
  Simulation sim = start(c, seed);
  double lowest = 1.0;
  for (int t = 1; t <= 30; ++t) {
    sim.step();
    if (t >= 10) lowest = std::min(lowest, sim.metrics().liquidity);
  }
  return lowest;
}

double lolr_half(std::uint64_t seed) {
  SimConfig lolr = scenario("liquidity_freeze", "heuristic");
  lolr.lender_of_last_resort = 1;
  return final_default_rate(lolr, seed) - 0.5 * final_default_rate(scenario("liquidity_freeze", "heuristic"), seed);
}

using Sampler = std::function<double(std::uint64_t)>;

struct Lesson {
  LessonSpec spec;
  Sampler sample;  // empty for grid lessons
};

const std::vector<Lesson>& all() {
  static const std::vector<Lesson> kLessons = {
      {{"freeze_hoarding", "why hoarding collapses a system",
        "In a liquidity freeze, banks that hoard when the crisis comes lose far more of the system than banks that keep lending.",
        "liquidity_freeze, default rate at step 200: all_hoard − all_lend", 0.15},
       [](std::uint64_t s) { return default_difference("liquidity_freeze", "all_hoard", "all_lend", s); }},
      {{"freeze_fire_sales", "why fire sales collapse a system",
        "In a liquidity freeze, selling assets when the crisis comes does not save the system: it loses more banks than lending does.",
        "liquidity_freeze, default rate at step 200: all_fire_sale − all_lend", 0.10},
       [](std::uint64_t s) { return default_difference("liquidity_freeze", "all_fire_sale", "all_lend", s); }},
      {{"freeze_story", "why hoarding collapses a system",
        "liquidity_freeze's story: the rule-based banks' hoarding drives the defaults.",
        "liquidity_freeze, default rate at step 200: heuristic − heuristic+no_hoard", 0.10},
       [](std::uint64_t s) { return default_difference("liquidity_freeze", "heuristic", "heuristic+no_hoard", s); }},
      {{"spiral_fire_sales", "why fire sales collapse a system",
        "After a price shock, banks that sell when stressed drive the price down a spiral that banks holding on avoid.",
        "fire_sale_spiral, default rate at step 200: all_fire_sale − all_hold", 0.15},
       [](std::uint64_t s) { return default_difference("fire_sale_spiral", "all_fire_sale", "all_hold", s); }},
      {{"spiral_story", "why fire sales collapse a system",
        "fire_sale_spiral's story: the rule-based banks' deleveraging sales drive the defaults.",
        "fire_sale_spiral, default rate at step 200: heuristic − heuristic+no_fire_sale", 0.15},
       [](std::uint64_t s) { return default_difference("fire_sale_spiral", "heuristic", "heuristic+no_fire_sale", s); }},
      {{"lender_of_last_resort", "why liquidity stabilises a system",
        "A lender of last resort lending to solvent banks against collateral at a penalty rate (Bagehot 1873) at least halves the defaults of a liquidity freeze.",
        "liquidity_freeze, heuristic, default rate at step 200: with lender_of_last_resort=1 − ½ × without", 0.0,
        LessonCheck::at_most},
       lolr_half},
      {{"dial_freeze", "selfish against cooperative banks",
        "In a liquidity freeze, banks that learned to serve only themselves let far more banks fail than banks that learned to serve the system.",
        "liquidity_freeze, default rate at step 200: mappo-selfish − mappo-cooperative", 0.15},
       [](std::uint64_t s) { return default_difference("liquidity_freeze", "mappo-selfish", "mappo-cooperative", s); }},
      {{"dial_core_default", "selfish against cooperative banks",
        "When a core bank fails, selfish learned banks let far more banks fail than cooperative ones.",
        "core_default, default rate at step 200: mappo-selfish − mappo-cooperative", 0.15},
       [](std::uint64_t s) { return default_difference("core_default", "mappo-selfish", "mappo-cooperative", s); }},
      {{"calm_heuristic", "the difference between equilibrium and failure",
        "In calm times the rule-based banks keep everyone standing.",
        "calm, heuristic: default rate at step 200", 0.005, LessonCheck::at_most},
       [](std::uint64_t s) { return final_default_rate(scenario("calm", "heuristic"), s); }},
      {{"calm_cooperative", "the difference between equilibrium and failure",
        "In calm times the cooperative learned banks keep everyone standing.",
        "calm, mappo-cooperative: default rate at step 200", 0.005, LessonCheck::at_most},
       [](std::uint64_t s) { return final_default_rate(scenario("calm", "mappo-cooperative"), s); }},
      {{"local_hoarding", "how local decisions affect neighbours",
        "When one core bank hoards, the banks it lends to feel it: their stress rises.",
        "calm, the largest core bank made to HOARD at step 20: mean stress rise of its borrowers at step 23 against the same seed without it",
        0.02},
       [](std::uint64_t s) { return local_hoarding(s).first; }},
      {{"local_not_distant", "how local decisions affect neighbours",
        "A bank's hoarding stresses its own borrowers at least three times as much as banks not linked to it.",
        "as local_hoarding: borrowers' stress rise − 3 × the rise among banks not linked to the hoarder", 0.0},
       [](std::uint64_t s) {
         const auto [linked, unlinked] = local_hoarding(s);
         return linked - 3.0 * unlinked;
       }},
      {{"propagation", "how risk propagates",
        "A failure propagates along exposures: the failed bank's counterparties are stressed at least twice as much as the rest.",
        "core_default against no failure, three steps after it: counterparties' stress rise − 2 × the others' rise", 0.0},
       [](std::uint64_t s) {
         const auto [linked, others] = propagation(s);
         return linked - 2.0 * others;
       }},
      {{"liquidity_falls_in_freeze", "why liquidity stabilises a system",
        "The liquidity metric shows a freeze: it falls when depositors run and lenders hoard.",
        "lowest liquidity over steps 10–30, heuristic: liquidity_freeze − calm", -0.1, LessonCheck::at_most},
       [](std::uint64_t s) {
         return lowest_liquidity(scenario("liquidity_freeze", "heuristic"), s) -
                lowest_liquidity(scenario("calm", "heuristic"), s);
       }},
      {{"equilibrium_ranks_health", "the difference between equilibrium and failure",
        "The equilibrium score ranks system health: a collapsing system is not in equilibrium.",
        "Spearman correlation of the final equilibrium score with 1 − default rate over the evaluation grid (policies × scenarios, cell means)",
        0.7, LessonCheck::at_least, LessonSource::evaluation_grid},
       {}},
      {{"collapse_not_equilibrium", "the difference between equilibrium and failure",
        "No system that lost half its banks is scored as being in equilibrium.",
        "the highest final equilibrium score among grid cells with ≥ 50 % defaults", 0.5, LessonCheck::at_most,
        LessonSource::evaluation_grid},
       {}},
      {{"liquidity_shows_failure", "why liquidity stabilises a system",
        "Liquidity shows a collapse: the obligations of failed banks count as uncovered, so it does not return to 100 % when the illiquid banks die.",
        "the final liquidity metric of every grid run in which at least half of the banks failed", 0.5,
        LessonCheck::at_most, LessonSource::evaluation_grid},
       {}},
  };
  return kLessons;
}

}  // namespace

std::span<const LessonSpec> lesson_specs() {
  static const std::vector<LessonSpec> specs = [] {
    std::vector<LessonSpec> out;
    for (const Lesson& l : all()) out.push_back(l.spec);
    return out;
  }();
  return specs;
}

const LessonSpec* find_lesson(std::string_view id) {
  for (const LessonSpec& s : lesson_specs())
    if (s.id == id) return &s;
  return nullptr;
}

Result<double> lesson_sample(std::string_view id, std::uint64_t seed) {
  for (const Lesson& l : all()) {
    if (l.spec.id != id) continue;
    if (!l.sample) return make_error("not_paired", "lesson '" + std::string(id) + "' is computed over the evaluation grid");
    return l.sample(seed);
  }
  return make_error("unknown_lesson", "unknown lesson '" + std::string(id) + "'");
}

}  // namespace finsim
