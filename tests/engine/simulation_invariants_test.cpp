// After every step of long runs in every scenario, under every policy, with interventions:
// balance sheets close, cash and equity change only through the step's documented sources,
// defaulted banks stay defaulted and hold nothing, metrics and stress stay in [0, 1].
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "finsim/policy.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

namespace {

struct Totals {
  double cash = 0, equity = 0, lent = 0, borrowed = 0, scale = 0;
};

Totals totals(const Simulation& sim) {
  Totals t;
  for (int i = 0; i < sim.banks(); ++i) {
    const BankReport b = sim.bank(i);
    t.cash += b.cash;
    if (!b.defaulted) t.equity += b.equity;
    t.lent += b.lent;
    t.borrowed += b.borrowed;
    t.scale += b.total_assets;
  }
  return t;
}

void check_bank(const Simulation& sim, int i) {
  const BankReport b = sim.bank(i);
  INFO("bank " << i);
  REQUIRE(b.cash >= 0.0);
  REQUIRE(b.holdings >= 0.0);
  REQUIRE(b.deposits >= 0.0);
  REQUIRE(b.due_to_authority >= 0.0);
  REQUIRE(b.stress >= 0.0);
  REQUIRE(b.stress <= 1.0);
  REQUIRE(std::isfinite(b.capital_ratio));
  const double liabilities = b.deposits + b.due_to_authority + b.central_bank_funding + b.borrowed;
  REQUIRE(std::fabs(b.total_assets - liabilities - b.equity) <= 1e-9 * (1.0 + b.total_assets));
  const double assets = b.cash + b.holdings_value + b.loan_book + b.lent;
  REQUIRE(std::fabs(assets - b.total_assets) <= 1e-9 * (1.0 + b.total_assets));
  if (b.defaulted) {
    REQUIRE(b.stress == 1.0);
    REQUIRE(b.total_assets == 0.0);
    REQUIRE(b.lent == 0.0);
    REQUIRE(b.borrowed == 0.0);
    REQUIRE(b.cash == 0.0);
  }
}

}  // namespace

TEST_CASE("accounting closes after every step of long runs in every scenario and policy") {
  const std::vector<std::string> policies{"heuristic", "random",       "all_hold",         "all_lend",
                                          "all_hoard", "all_fire_sale", "heuristic+no_hoard"};
  int steps_checked = 0, defaults_seen = 0;
  for (const Scenario& sc : scenarios()) {
    for (const std::string& policy : policies) {
      for (std::uint64_t seed : {1u, 2u}) {
        SimConfig config = scenario_config(sc.name).value();
        config.banks = 80;
        config.policy = policy;
        config.lender_of_last_resort = seed == 2 ? 1 : 0;  // the central bank's loans enter the ledger too
        auto sim = Simulation::create(config, seed * 1000 + policy.size());
        REQUIRE(sim.ok());
        Rng chooser(seed);
        std::set<int> dead;
        for (int t = 1; t <= 150; ++t) {
          INFO(sc.name << " " << policy << " seed " << seed << " step " << t);
          // Interventions at random times, including on banks that may fail in the same step.
          if (chooser.bernoulli(0.05)) (void)sim->intervene({Intervention::Kind::inject_liquidity, static_cast<int>(chooser.below(80)), 25.0});
          if (chooser.bernoulli(0.02)) (void)sim->intervene({Intervention::Kind::force_default, static_cast<int>(chooser.below(80)), 0.0});
          if (chooser.bernoulli(0.02)) (void)sim->intervene({Intervention::Kind::price_shock, -1, 0.05});
          if (chooser.bernoulli(0.05))
            (void)sim->intervene({Intervention::Kind::force_action, static_cast<int>(chooser.below(80)), 0.0,
                                  static_cast<Action>(chooser.below(4))});
          const Totals before = totals(*sim);
          sim->step();
          const Totals after = totals(*sim);
          const StepLedger& g = sim->ledger();
          const double cash_in = g.deposit_inflows - g.withdrawals_paid + g.sale_proceeds + g.injections + g.central_bank_loans +
                                 g.authority_payouts - g.seized_cash - g.authority_collections + g.income;
          REQUIRE(std::fabs(after.cash - before.cash - cash_in) <= 1e-9 * (1.0 + before.scale));
          const double equity_change = g.mark_to_market - g.credit_losses - g.failed_equity + g.income -
                                       g.interest_expense - g.sale_discounts;
          REQUIRE(std::fabs(after.equity - before.equity - equity_change) <= 1e-9 * (1.0 + before.scale));
          REQUIRE(std::fabs(after.lent - after.borrowed) <= 1e-9 * (1.0 + after.lent));
          for (int i = 0; i < sim->banks(); ++i) check_bank(*sim, i);
          for (int i : dead) REQUIRE(sim->bank(i).defaulted);
          for (int i = 0; i < sim->banks(); ++i)
            if (sim->bank(i).defaulted && dead.insert(i).second) {
              REQUIRE(sim->bank(i).default_timestep == t);
              ++defaults_seen;
            }
          const Metrics& x = sim->metrics();
          REQUIRE(x.timestep == t);
          for (double v : {x.liquidity, x.default_rate, x.equilibrium_score}) {
            REQUIRE(v >= 0.0);
            REQUIRE(v <= 1.0);
          }
          REQUIRE(x.defaulted_banks == static_cast<int>(dead.size()));
          REQUIRE(std::isfinite(sim->price()));
          REQUIRE(sim->price() > 0.0);
          // Every DEFAULT event names a bank that failed in this step, and every such bank has one.
          std::set<int> announced;
          for (const Event& e : sim->events())
            if (e.type == EventType::bank_default) announced.insert(e.from);
          for (int i = 0; i < sim->banks(); ++i)
            REQUIRE((sim->bank(i).default_timestep == t) == (announced.count(i) == 1));
          ++steps_checked;
        }
      }
    }
  }
  CHECK(steps_checked == 5 * 7 * 2 * 150);
  CHECK(defaults_seen > 500);
}

TEST_CASE("masked actions are never executed") {
  SimConfig config = scenario_config("liquidity_freeze").value();
  auto sim = Simulation::create(config, 4);
  REQUIRE(sim.ok());
  for (int t = 0; t < 60; ++t) {
    sim->begin_step();
    const auto masks = sim->action_masks();
    std::vector<ActionMask> copy(masks.begin(), masks.end());
    std::vector<Action> wanted(static_cast<std::size_t>(sim->banks()), Action::lend);  // often infeasible
    sim->complete_step(wanted);
    for (int i = 0; i < sim->banks(); ++i) REQUIRE(allows(copy[i], sim->actions()[i]));
  }
}

TEST_CASE("interventions are validated before they are queued") {
  auto sim = Simulation::create(SimConfig{}, 1);
  REQUIRE(sim.ok());
  CHECK(sim->intervene({Intervention::Kind::force_default, 100, 0}).error().code == "unknown_bank");
  CHECK(sim->intervene({Intervention::Kind::force_default, -1, 0}).error().code == "unknown_bank");
  CHECK(sim->intervene({Intervention::Kind::inject_liquidity, 3, 0}).error().code == "out_of_range");
  CHECK(sim->intervene({Intervention::Kind::inject_liquidity, 3, std::nan("")}).error().code == "out_of_range");
  CHECK(sim->intervene({Intervention::Kind::price_shock, -1, 1.0}).error().code == "out_of_range");
  CHECK(sim->intervene({Intervention::Kind::price_shock, -1, 0.2}).ok());
  const double before = sim->price();
  sim->step();
  CHECK(sim->price() < before * 0.85);
}

TEST_CASE("a liquidity injection can save a bank that a withdrawal would make illiquid") {
  // The teaching point of the lender of last resort: the same shock, with and without the injection.
  SimConfig config = scenario_config("liquidity_freeze").value();
  int saved_somewhere = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto plain = Simulation::create(config, seed);
    for (int t = 0; t < 40; ++t) plain->step();
    auto helped = Simulation::create(config, seed);
    for (int t = 0; t < 40; ++t) {
      if (t == 9)
        for (int i = 0; i < helped->banks(); ++i)
          if (helped->bank(i).tier != 1) (void)helped->intervene({Intervention::Kind::inject_liquidity, i, 20.0});
      helped->step();
    }
    saved_somewhere += plain->metrics().defaulted_banks - helped->metrics().defaulted_banks;
  }
  CHECK(saved_somewhere > 10);
}
