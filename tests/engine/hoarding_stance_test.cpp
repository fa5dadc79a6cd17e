// Hoarding is a stance (docs/model.md §4, phase 3a): after a HOARD a bank extends no new loans for
// hoard_persistence steps and lets hoard_runoff_share of its loans run off each of them.
#include <catch2/catch.hpp>

#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;


namespace {

// A calm run in which the largest core bank is made to HOARD at step 20; returns that bank.
int hoard_at_step_20(Simulation& sim) {
  for (int t = 0; t < 19; ++t) sim.step();
  const int bank = largest_core_bank(sim);
  REQUIRE(sim.intervene({Intervention::Kind::force_action, bank, 0.0, Action::hoard}).ok());
  sim.step();
  return bank;
}

}  // namespace

TEST_CASE("a hoarder keeps calling its loans and lends nothing while the stance lasts, then lends again") {
  SimConfig c = scenario_config("calm").value();
  auto sim = Simulation::create(c, 21);
  REQUIRE(sim.ok());
  const int bank = hoard_at_step_20(*sim);
  double lent = sim->bank(bank).lent;
  for (int k = 1; k <= c.hoard_persistence; ++k) {
    INFO("step " << k << " after the HOARD");
    sim->begin_step();
    CHECK_FALSE(allows(sim->action_masks()[bank], Action::lend));
    std::vector<Action> wanted(static_cast<std::size_t>(sim->banks()), Action::hold);
    sim->complete_step(wanted);
    double called = 0.0;
    for (const Event& e : sim->events())
      if (e.type == EventType::hoard && e.from == bank) called = e.amount;
    CHECK(called > 0.0);
    CHECK(called <= c.hoard_runoff_share * lent * (1 + c.interbank_rate) + 1e-9);
    CHECK(sim->bank(bank).lent < lent);
    lent = sim->bank(bank).lent;
  }
  // The stance is over: with nobody choosing to hoard, nothing is called any more.
  std::vector<Action> calm(static_cast<std::size_t>(sim->banks()), Action::hold);
  sim->begin_step();
  sim->complete_step(calm);
  for (const Event& e : sim->events()) CHECK_FALSE((e.type == EventType::hoard && e.from == bank));
}

TEST_CASE("with no persistence a HOARD is one step") {
  SimConfig c = scenario_config("calm").value();
  c.hoard_persistence = 0;
  auto sim = Simulation::create(c, 21);
  REQUIRE(sim.ok());
  const int bank = hoard_at_step_20(*sim);
  std::vector<Action> wanted(static_cast<std::size_t>(sim->banks()), Action::hold);
  sim->begin_step();
  sim->complete_step(wanted);
  for (const Event& e : sim->events()) CHECK_FALSE((e.type == EventType::hoard && e.from == bank));
}
