// Policy modifiers (policy_modifiers.hpp): names, errors, and that a modifier removes exactly one kind
// of voluntary action while forced sales stay.
#include <catch2/catch.hpp>

#include "finsim/policy_modifiers.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

TEST_CASE("modifier names parse in any order and print in the canonical one") {
  auto p = make_policy("heuristic+no_lend+no_hoard");
  REQUIRE(p.ok());
  CHECK((*p)->name() == "heuristic+no_hoard+no_lend");
  auto q = make_policy("all_fire_sale+no_fire_sale");
  REQUIRE(q.ok());
  CHECK((*q)->name() == "all_fire_sale+no_fire_sale");
  auto plain = make_policy("heuristic");
  REQUIRE(plain.ok());
  CHECK((*plain)->name() == "heuristic");
}

TEST_CASE("unknown, repeated or baseless modifiers are refused") {
  for (const char* bad : {"heuristic+no_hoardx", "heuristic+no_hoard+no_hoard", "+no_hoard", "heuristic+",
                          "nosuch+no_hoard", "heuristic++no_lend"}) {
    INFO(bad);
    auto p = make_policy(bad);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().code == "unknown_policy");
  }
}

TEST_CASE("PolicyModifiers::apply turns only the removed actions into HOLD") {
  PolicyModifiers m;
  m.no_hoard = true;
  CHECK(m.apply(Action::hoard) == Action::hold);
  CHECK(m.apply(Action::lend) == Action::lend);
  CHECK(m.apply(Action::fire_sale) == Action::fire_sale);
  m.no_fire_sale = m.no_lend = true;
  CHECK(m.apply(Action::fire_sale) == Action::hold);
  CHECK(m.apply(Action::lend) == Action::hold);
  CHECK(m.apply(Action::hold) == Action::hold);
}

TEST_CASE("a modified heuristic never takes the removed action, but forced sales still happen") {
  SimConfig config = scenario_config("liquidity_freeze").value();
  config.policy = "heuristic+no_hoard+no_fire_sale";
  auto sim = Simulation::create(config, 7);
  REQUIRE(sim.ok());
  CHECK(sim->policy_name() == "heuristic+no_hoard+no_fire_sale");
  int forced_sales = 0;
  for (int t = 0; t < 60; ++t) {
    sim->step();
    for (Action a : sim->actions()) {
      CHECK(a != Action::hoard);
      CHECK(a != Action::fire_sale);
    }
    for (const Event& e : sim->events()) {
      CHECK(e.type != EventType::hoard);
      if (e.type == EventType::fire_sale) {
        CHECK(e.sale_cause != SaleCause::voluntary);
        ++forced_sales;
      }
    }
  }
  CHECK(forced_sales > 0);
}

TEST_CASE("before anyone would take the removed action, the modified run is the same run") {
  // calm with the heuristic: nobody hoards in the first steps, so +no_hoard changes nothing there.
  SimConfig a = scenario_config("calm").value(), b = a;
  b.policy = "heuristic+no_hoard";
  auto x = Simulation::create(a, 3), y = Simulation::create(b, 3);
  REQUIRE((x.ok() && y.ok()));
  for (int t = 0; t < 10; ++t) {
    x->step();
    y->step();
    for (int i = 0; i < x->banks(); ++i) REQUIRE(x->bank(i).cash == y->bank(i).cash);
  }
}
