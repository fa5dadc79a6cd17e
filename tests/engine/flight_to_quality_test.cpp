// Flight to quality (docs/model.md §4, phase 3e): a share of fleeing deposits lands at the safe core banks.
#include <catch2/catch.hpp>

#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

namespace {

double core_deposits(const Simulation& sim) {
  double d = 0.0;
  for (int i = 0; i < sim.banks(); ++i)
    if (sim.bank(i).tier == 1 && !sim.bank(i).defaulted) d += sim.bank(i).deposits;
  return d;
}

}  // namespace

TEST_CASE("the freeze's fleeing deposits arrive at the core banks in the same step") {
  for (double share : {0.0, 0.8}) {
    INFO("deposit_flight_share " << share);
    SimConfig c = scenario_config("liquidity_freeze").value();
    c.deposit_flight_share = share;
    c.deposit_volatility = 0.0;  // only the shock moves deposits
    auto sim = Simulation::create(c, 12);
    REQUIRE(sim.ok());
    for (int t = 1; t < c.shock_step; ++t) sim->step();
    const double core_before = core_deposits(*sim);
    sim->step();  // the shock
    const StepLedger& g = sim->ledger();
    const double arrived = core_deposits(*sim) - core_before;
    if (share == 0.0) {
      CHECK(arrived <= 0.01 * core_before);  // only interest and reversion
    } else {
      CHECK(arrived > 0.5 * share * g.withdrawals_paid * 0.5);
      CHECK(g.deposit_inflows >= arrived * 0.99);
    }
  }
}

TEST_CASE("in calm times ordinary deposit flows do not move to the core") {
  SimConfig c = scenario_config("calm").value();
  auto with = Simulation::create(c, 4);
  c.deposit_flight_share = 0.0;
  auto without = Simulation::create(c, 4);
  REQUIRE((with.ok() && without.ok()));
  for (int t = 0; t < 100; ++t) {
    with->step();
    without->step();
  }
  // Nobody is run on in calm times, so the share makes no difference at all.
  for (int i = 0; i < with->banks(); ++i) CHECK(with->bank(i).deposits == without->bank(i).deposits);
}
