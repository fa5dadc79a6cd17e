// The force_action intervention and the one parser of intervention bodies (intervention_body.hpp).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/intervention_body.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/session.hpp"

using namespace finsim;
using nlohmann::json;

TEST_CASE("force_action makes the bank take the action at the next step only") {
  auto sim = Simulation::create(scenario_config("calm").value(), 11);
  REQUIRE(sim.ok());
  for (int t = 0; t < 5; ++t) sim->step();
  const int bank = largest_core_bank(*sim);
  REQUIRE(sim->bank(bank).lent > 0.0);
  Intervention iv{Intervention::Kind::force_action, bank, 0.0, Action::hoard};
  REQUIRE(sim->intervene(iv).ok());
  sim->step();
  CHECK(sim->actions()[bank] == Action::hoard);
  bool hoard_event = false;
  for (const Event& e : sim->events()) hoard_event = hoard_event || (e.type == EventType::hoard && e.from == bank);
  CHECK(hoard_event);
  sim->step();
  CHECK(sim->actions()[bank] != Action::hoard);  // the policy decides again
}

TEST_CASE("an infeasible forced action becomes HOLD") {
  // A twin with the same seed shows the masks of the next step (a forced action does not change them).
  auto sim = Simulation::create(scenario_config("calm").value(), 2);
  auto twin = Simulation::create(scenario_config("calm").value(), 2);
  REQUIRE((sim.ok() && twin.ok()));
  twin->begin_step();
  int cannot_lend = -1;
  for (int i = 0; i < twin->banks() && cannot_lend < 0; ++i)
    if (!allows(twin->action_masks()[i], Action::lend)) cannot_lend = i;
  REQUIRE(cannot_lend >= 0);
  REQUIRE(sim->intervene({Intervention::Kind::force_action, cannot_lend, 0.0, Action::lend}).ok());
  sim->step();
  CHECK(sim->actions()[cannot_lend] == Action::hold);
}

TEST_CASE("force_action is refused for banks that do not exist or have failed") {
  auto sim = Simulation::create(scenario_config("core_default").value(), 1);
  REQUIRE(sim.ok());
  CHECK(sim->intervene({Intervention::Kind::force_action, 999, 0.0, Action::lend}).error().code == "unknown_bank");
  for (int t = 0; t < 10; ++t) sim->step();
  int failed = -1;
  for (int i = 0; i < sim->banks() && failed < 0; ++i)
    if (sim->bank(i).defaulted) failed = i;
  REQUIRE(failed >= 0);
  CHECK(sim->intervene({Intervention::Kind::force_action, failed, 0.0, Action::lend}).error().code == "bank_defaulted");
}

TEST_CASE("intervention bodies parse the same for every control and refuse what is wrong") {
  auto a = intervention_from_body("force_action", json{{"bank", 3}, {"action", "FIRE_SALE"}});
  REQUIRE(a.ok());
  CHECK(a->kind == Intervention::Kind::force_action);
  CHECK(a->bank == 3);
  CHECK(a->action == Action::fire_sale);
  auto b = intervention_from_body("inject_liquidity", json{{"bank", 1}, {"amount", 5.5}});
  REQUIRE(b.ok());
  CHECK(b->amount == 5.5);
  CHECK(intervention_from_body("price_shock", json{{"share", 0.1}})->amount == 0.1);
  CHECK(intervention_from_body("force_default", json{{"bank", 0}})->kind == Intervention::Kind::force_default);
  for (const auto& [control, body] : std::vector<std::pair<std::string, json>>{
           {"force_action", json{{"bank", 3}}},
           {"force_action", json{{"bank", 3}, {"action", "PANIC"}}},
           {"force_action", json{{"bank", 3}, {"action", 2}}},
           {"force_action", json{{"bank", 3}, {"action", "HOARD"}, {"extra", 1}}},
           {"force_action", json{{"bank", 1.5}, {"action", "HOARD"}}},
           {"force_default", json::array()},
           {"reset", json::object()}}) {
    INFO(control << " " << body.dump());
    auto r = intervention_from_body(control, body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "bad_request");
  }
}

TEST_CASE("the session's force_action control queues the action and a bad one changes nothing") {
  auto s = Session::create(json{{"scenario", "calm"}, {"seed", 5}});
  REQUIRE(s.ok());
  const std::string before = s->snapshot()[0];
  auto bad = s->control("force_action", json{{"bank", 0}, {"action", "SELL"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(s->snapshot()[0] == before);
  const int bank = largest_core_bank(s->simulation());
  REQUIRE(s->control("force_action", json{{"bank", bank}, {"action", "HOARD"}}).ok());
  auto step = s->control("step", json::object());
  REQUIRE(step.ok());
  CHECK(s->simulation().actions()[bank] == Action::hoard);
  CHECK(json::parse(s->snapshot()[0])["payload"]["nodes"][bank]["action"] == "HOARD");
}
