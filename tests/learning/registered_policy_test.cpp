// A learned policy registered by name in the running process (register_learned_policy): how the browser's
// worker watches the banks it has just trained through an ordinary Session reset {"policy": "trained"}.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/learning/learned_policy.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/session.hpp"
#include "finsim/simulation.hpp"
#include "test_paths.hpp"

using namespace finsim;
using namespace finsim::learning;
using nlohmann::json;

namespace {

std::shared_ptr<const PolicySpec> golden_spec(ActionSelection selection) {
  auto spec = parse_policy(test::read_file(test::source_dir() + "/tests/learning/data/golden_policy.json"));
  REQUIRE(spec.ok());
  spec.value().selection = selection;
  return std::make_shared<const PolicySpec>(std::move(spec).value());
}

// Appends every bank's latest action, one digit per bank.
void append_actions(const Simulation& sim, std::string& out) {
  for (Action a : sim.actions()) out.push_back(static_cast<char>('0' + static_cast<int>(a)));
}

// 20 steps of core_default seed 4, driven by the policy object itself / by a Session naming it.
std::string direct_actions(std::shared_ptr<const PolicySpec> spec) {
  auto sim = Simulation::create(scenario_config("core_default").value(), 4,
                                std::move(make_learned_policy(std::move(spec), "direct")).value());
  REQUIRE(sim.ok());
  std::string out;
  for (int t = 0; t < 20; ++t) {
    sim->step();
    append_actions(sim.value(), out);
  }
  return out;
}

std::string session_actions(const std::string& policy) {
  auto session = Session::create(json{{"scenario", "core_default"}, {"seed", 4}, {"policy", policy}});
  REQUIRE(session.ok());
  CHECK(session->status()["policy"] == policy);
  std::string out;
  for (int t = 0; t < 20; ++t) {
    session->advance();
    append_actions(session->simulation(), out);
  }
  return out;
}

}  // namespace

TEST_CASE("a registered learned policy drives a Session reset by its name") {
  auto argmax = golden_spec(ActionSelection::argmax);
  REQUIRE(register_learned_policy(argmax, "trained").ok());
  const auto names = policy_names();
  CHECK(std::find(names.begin(), names.end(), "trained") != names.end());
  CHECK(session_actions("trained") == direct_actions(argmax));

  SECTION("registering the name again replaces the policy for new simulations") {
    auto sample = golden_spec(ActionSelection::sample);
    REQUIRE(register_learned_policy(sample, "trained").ok());
    CHECK(session_actions("trained") == direct_actions(sample));
    CHECK(session_actions("trained") != direct_actions(argmax));
  }
}

TEST_CASE("built-in and shipped policies cannot be replaced by a registered one") {
  auto spec = golden_spec(ActionSelection::argmax);
  for (const char* name : {"heuristic", "all_hoard", "mappo", "mappo-selfish"}) {
    INFO(name);
    const Status st = register_learned_policy(spec, name);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == "name_taken");
  }
  auto heuristic = make_policy("heuristic");
  REQUIRE(heuristic.ok());
  CHECK(heuristic.value()->name() == "heuristic");
}

TEST_CASE("a learned policy's name with quotes, backslashes and control characters stays valid JSON") {
  auto spec = learning::parse_policy(learning::shipped_policies().front().json);
  REQUIRE(spec.ok());
  const std::string name = "my \"best\" \\ policy\n\t\x01";
  auto shared = std::make_shared<const learning::PolicySpec>(std::move(spec).value());
  auto policy = learning::make_learned_policy(shared, name);
  REQUIRE(policy.ok());
  auto sim = Simulation::create(scenario_config("calm").value(), 3, std::move(policy).value());
  REQUIRE(sim.ok());
  sim->step();
  const auto state = nlohmann::json::parse(state_update_json(*sim));
  CHECK(state["payload"]["policy"] == name);
}
