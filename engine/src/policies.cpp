#include <algorithm>
#include <array>
#include <vector>

#include "finsim/learning/learned_policy.hpp"
#include "finsim/policy.hpp"
#include "finsim/policy_modifiers.hpp"

namespace finsim {

std::string_view action_name(Action a) {
  switch (a) {
    case Action::hold: return "HOLD";
    case Action::lend: return "LEND";
    case Action::hoard: return "HOARD";
    case Action::fire_sale: return "FIRE_SALE";
  }
  return "HOLD";
}

std::optional<Action> parse_action(std::string_view name) {
  constexpr std::array<std::pair<std::string_view, Action>, 8> kNames{{{"HOLD", Action::hold},
                                                                       {"LEND", Action::lend},
                                                                       {"HOARD", Action::hoard},
                                                                       {"FIRE_SALE", Action::fire_sale},
                                                                       {"hold", Action::hold},
                                                                       {"lend", Action::lend},
                                                                       {"hoard", Action::hoard},
                                                                       {"fire_sale", Action::fire_sale}}};
  for (const auto& [n, a] : kNames)
    if (n == name) return a;
  return std::nullopt;
}

HeuristicReading read_situation(const BankObservation& o, const SimConfig& c) {
  // Short of cash beyond what a neighbour's loan would plausibly cover, or close to the liquidity
  // stress at which depositors start to run (rebuild the buffer before they do), or below the capital
  // requirement (selling risky assets for cash raises the capital ratio).
  const bool short_of_cash = o.liquidity_gap > 0.5 * o.cash_share + 0.01 ||
                             (o.liquidity_gap > 0.0 && o.liquidity_stress >= 0.8 * c.run_threshold);
  if (short_of_cash || o.capital_gap < 0.0) return HeuristicReading::needs_cash;
  if (o.borrower_stress > c.heuristic_hoard_stress) return HeuristicReading::borrowers_stressed;
  if (o.stress < c.heuristic_lend_stress) return HeuristicReading::healthy;
  return HeuristicReading::uneasy;
}

namespace {

// The conduct every rule-based bank shares outside stress: lend spare cash while healthy, else hold.
Action calm_conduct(HeuristicReading r, ActionMask m) {
  return r == HeuristicReading::healthy && allows(m, Action::lend) ? Action::lend : Action::hold;
}

}  // namespace

ActionMask under_stress_mask(const BankObservation& o, ActionMask m, const SimConfig& c) {
  const HeuristicReading r = read_situation(o, c);
  if (r == HeuristicReading::needs_cash || r == HeuristicReading::borrowers_stressed) return m;
  return mask_of(calm_conduct(r, m));
}

namespace {

class HeuristicPolicy final : public Policy {
 public:
  std::string_view name() const override { return "heuristic"; }
  void decide(const PolicyContext& ctx, std::span<Action> actions) override {
    for (std::size_t i = 0; i < actions.size(); ++i) {
      if (!ctx.active[i]) continue;
      const ActionMask m = ctx.masks[i];
      const HeuristicReading r = read_situation(ctx.observations[i], ctx.config);
      if (r == HeuristicReading::needs_cash && allows(m, Action::fire_sale)) actions[i] = Action::fire_sale;
      else if (r == HeuristicReading::needs_cash && allows(m, Action::hoard) &&
               ctx.observations[i].borrower_stress > ctx.config.heuristic_hoard_stress)
        actions[i] = Action::hoard;
      else if (r == HeuristicReading::borrowers_stressed && allows(m, Action::hoard)) actions[i] = Action::hoard;
      else actions[i] = calm_conduct(r, m);
    }
  }
};

class RandomPolicy final : public Policy {
 public:
  std::string_view name() const override { return "random"; }
  void decide(const PolicyContext& ctx, std::span<Action> actions) override {
    for (std::size_t i = 0; i < actions.size(); ++i) {
      if (!ctx.active[i]) continue;
      std::array<Action, kActionCount> feasible{};
      int count = 0;
      for (int a = 0; a < kActionCount; ++a)
        if (allows(ctx.masks[i], static_cast<Action>(a))) feasible[count++] = static_cast<Action>(a);
      actions[i] = feasible[ctx.rng.below(static_cast<std::uint64_t>(count))];
    }
  }
};

// Behaviour under stress: the heuristic's calm conduct, and `action` wherever the heuristic would
// defend itself (short of cash, undercapitalised, or lending to stressed borrowers).
class UnderStressPolicy final : public Policy {
 public:
  explicit UnderStressPolicy(Action a) : action_(a), name_("all_" + lower(action_name(a))) {}
  std::string_view name() const override { return name_; }
  void decide(const PolicyContext& ctx, std::span<Action> actions) override {
    for (std::size_t i = 0; i < actions.size(); ++i) {
      if (!ctx.active[i]) continue;
      const ActionMask m = ctx.masks[i];
      const HeuristicReading r = read_situation(ctx.observations[i], ctx.config);
      const bool stressed = r == HeuristicReading::needs_cash || r == HeuristicReading::borrowers_stressed;
      if (stressed) actions[i] = allows(m, action_) ? action_ : Action::hold;
      else actions[i] = calm_conduct(r, m);
    }
  }

 private:
  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    return out;
  }
  Action action_;
  std::string name_;
};

struct Registry {
  std::vector<std::string> names;
  std::vector<PolicyFactory> factories;
};

Registry& registry() {
  static Registry r = [] {
    Registry reg;
    reg.names = {"heuristic", "random", "all_hold", "all_lend", "all_hoard", "all_fire_sale"};
    reg.factories = {make_heuristic_policy,
                     make_random_policy,
                     [] { return make_fixed_policy(Action::hold); },
                     [] { return make_fixed_policy(Action::lend); },
                     [] { return make_fixed_policy(Action::hoard); },
                     [] { return make_fixed_policy(Action::fire_sale); }};
    // The trained MAPPO policies shipped with the engine (engine/policies/, docs/learning.md).
    const auto shipped = learning::shipped_policies();
    const auto factories = learning::shipped_policy_factories();
    for (std::size_t i = 0; i < shipped.size(); ++i) {
      reg.names.emplace_back(shipped[i].name);
      reg.factories.push_back(factories[i]);
    }
    return reg;
  }();
  return r;
}

Result<std::unique_ptr<Policy>> make_registered(std::string_view name) {
  const Registry& r = registry();
  for (std::size_t i = 0; i < r.names.size(); ++i)
    if (r.names[i] == name) return r.factories[i]();
  std::string known;
  for (const auto& n : r.names) known += (known.empty() ? "" : ", ") + n;
  return make_error("unknown_policy", "unknown policy '" + std::string(name) + "' (known: " + known +
                                          "; modifiers: +no_hoard, +no_fire_sale, +no_lend)");
}

}  // namespace

std::unique_ptr<Policy> make_heuristic_policy() { return std::make_unique<HeuristicPolicy>(); }
std::unique_ptr<Policy> make_random_policy() { return std::make_unique<RandomPolicy>(); }
std::unique_ptr<Policy> make_fixed_policy(Action action) { return std::make_unique<UnderStressPolicy>(action); }

Result<std::unique_ptr<Policy>> make_policy(std::string_view name) {
  auto parsed = parse_policy_name(name);
  if (!parsed.ok()) return parsed.error();
  auto base = make_registered(parsed->base);
  if (!base.ok()) return base.error();
  if (parsed->modifiers.none()) return base;
  return with_modifiers(std::move(base).value(), parsed->modifiers);
}

std::span<const std::string> policy_names() { return registry().names; }

void register_policy(std::string name, PolicyFactory factory) {
  Registry& r = registry();
  for (std::size_t i = 0; i < r.names.size(); ++i)
    if (r.names[i] == name) {
      r.factories[i] = factory;
      return;
    }
  r.names.push_back(std::move(name));
  r.factories.push_back(factory);
}

}  // namespace finsim
