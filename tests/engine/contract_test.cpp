// Every message the engine produces validates against the shared contract schema; the validator
// itself rejects messages that break the contract.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "contract_validator.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

TEST_CASE("the validator rejects messages that break the contract") {
  const test::ContractValidator v;
  CHECK(v.errors(R"({"type":"METRICS_UPDATE","payload":{"liquidity":0.5,"default_rate":0,"equilibrium_score":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"METRICS_UPDATE","payload":{"liquidity":1.5,"default_rate":0,"equilibrium_score":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"LEND","from":1,"timestamp":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":0,"nodes":[{"id":"1","tier":4,"capital_ratio":0,"stress":0,"status":"active","last_updated_timestep":0}],"edges":[]}})").empty());
}

TEST_CASE("every message of every scenario validates against the contract schema") {
  const test::ContractValidator v;
  for (const Scenario& sc : scenarios()) {
    SimConfig config = scenario_config(sc.name).value();
    config.banks = 60;
    for (const char* policy : {"heuristic", "random"}) {
      config.policy = policy;
      auto sim = Simulation::create(config, 3);
      REQUIRE(sim.ok());
      std::string e = v.errors(state_update_json(*sim));
      INFO(sc.name << " " << policy << " t=0 " << e);
      REQUIRE(e.empty());
      std::size_t events = 0;
      for (int t = 1; t <= 60; ++t) {
        if (t == 3) REQUIRE(sim->intervene({Intervention::Kind::price_shock, -1, 0.05}).ok());
        sim->step();
        for (const Event& ev : sim->events()) {
          e = v.errors(event_json(ev));
          INFO(sc.name << " " << event_json(ev) << " " << e);
          REQUIRE(e.empty());
          ++events;
        }
        e = v.errors(state_update_json(*sim, SerializeOptions{t % 2 == 0}));
        INFO(sc.name << " state t=" << t << " " << e);
        REQUIRE(e.empty());
        e = v.errors(metrics_update_json(*sim));
        INFO(sc.name << " metrics t=" << t << " " << e);
        REQUIRE(e.empty());
      }
      CHECK(events > 0);
    }
  }
}

TEST_CASE("numbers are written with at most six decimals, identically everywhere") {
  auto text = [](double x, int d = 6) {
    std::string s;
    append_number(s, x, d);
    return s;
  };
  CHECK(text(0.0) == "0");
  CHECK(text(-0.0) == "0");
  CHECK(text(1.0) == "1");
  CHECK(text(40.5) == "40.5");
  CHECK(text(0.14) == "0.14");
  CHECK(text(-0.0412345678) == "-0.041235");
  CHECK(text(1e-7) == "0");
  CHECK(text(-4e-7) == "0");
  CHECK(text(0.0000005) == "0.000001");  // half away from zero
  CHECK(text(123456789.123456) == "123456789.123456");
  CHECK(text(2.5, 0) == "3");
  CHECK(text(1.25, 1) == "1.3");
}

TEST_CASE("event ids are unique within a run and events are ordered within their step") {
  auto sim = Simulation::create(scenario_config("liquidity_freeze").value(), 42);
  REQUIRE(sim.ok());
  std::set<std::string> ids;
  for (int t = 1; t <= 40; ++t) {
    sim->step();
    int last_kind = -1;
    for (const Event& e : sim->events()) {
      const auto j = nlohmann::json::parse(event_json(e));
      CHECK(ids.insert(j["payload"]["event_id"].get<std::string>()).second);
      CHECK(j["payload"]["timestamp"] == t);
      // HOARD, LEND, FIRE_SALE, PRICE_DROP, DEFAULT: the order of the story.
      const int kind = e.type == EventType::hoard       ? 0
                       : e.type == EventType::lend      ? 1
                       : e.type == EventType::fire_sale ? 2
                       : e.type == EventType::price_drop ? 3
                                                         : 4;
      CHECK(kind >= last_kind);
      last_kind = kind;
    }
  }
  CHECK(ids.size() > 50);
}
