// Metrics that mean what they say (docs/model.md §8): liquidity counts failed banks' obligations as
// uncovered; the equilibrium score is stillness times the squared share of the system still standing.
#include <catch2/catch.hpp>

#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

TEST_CASE("a collapsed system shows neither full liquidity nor equilibrium") {
  SimConfig c = scenario_config("fire_sale_spiral").value();
  c.policy = "all_fire_sale";
  auto sim = Simulation::create(c, 1000);
  REQUIRE(sim.ok());
  for (int t = 0; t < 200; ++t) sim->step();
  const Metrics& m = sim->metrics();
  REQUIRE(m.default_rate >= 0.9);
  CHECK(m.liquidity < 0.5);
  const double standing = 1.0 - m.default_rate;
  CHECK(m.equilibrium_score <= standing * standing + 1e-12);
}

TEST_CASE("liquidity falls by the failed banks' share of short-term obligations") {
  SimConfig c = scenario_config("calm").value();
  c.banks = 60;
  auto sim = Simulation::create(c, 2);
  REQUIRE(sim.ok());
  for (int t = 0; t < 5; ++t) sim->step();
  const double before = sim->metrics().liquidity;
  REQUIRE(before > 0.99);
  // Fail a third of the banks: their obligations are no longer covered by anyone.
  for (int i = 0; i < 20; ++i) (void)sim->intervene({Intervention::Kind::force_default, i * 3, 0.0});
  sim->step();
  CHECK(sim->metrics().default_rate >= 20.0 / 60.0);
  CHECK(sim->metrics().liquidity < 0.9);
  CHECK(sim->metrics().equilibrium_score <= (40.0 / 60.0) * (40.0 / 60.0) + 1e-12);
}

TEST_CASE("in calm times the score is the stillness of a whole system") {
  auto sim = Simulation::create(scenario_config("calm").value(), 8);
  REQUIRE(sim.ok());
  CHECK(sim->metrics().equilibrium_score == 1.0);
  for (int t = 0; t < 50; ++t) sim->step();
  CHECK(sim->metrics().default_rate == 0.0);
  CHECK(sim->metrics().equilibrium_score > 0.7);
  CHECK(sim->metrics().liquidity > 0.99);
}
