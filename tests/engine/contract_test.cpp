// The wire contract (docs/contract.md): every message the engine produces validates against the
// project's schema (docs/contract.schema.json), which names every field the engine sends; the validator
// itself rejects messages that break the contract; the bytes adapters match on are as documented.
#include <catch2/catch.hpp>

#include <set>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract_validator.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/session.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

TEST_CASE("the validator rejects messages that break the contract") {
  const test::ContractValidator v;
  CHECK(v.errors(R"({"type":"METRICS_UPDATE","payload":{"liquidity":0.5,"default_rate":0,"equilibrium_score":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"METRICS_UPDATE","payload":{"liquidity":1.5,"default_rate":0,"equilibrium_score":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"LEND","from":1,"timestamp":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":0,"nodes":[{"id":"1","tier":4,"capital_ratio":0,"stress":0,"status":"active","last_updated_timestep":0}],"edges":[]}})").empty());
  // Extensions: a bank's details come all together; causes belong to their event type.
  CHECK_FALSE(v.errors(R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":0,"nodes":[{"id":"1","tier":1,"capital_ratio":0,"stress":0,"status":"active","last_updated_timestep":0,"action":"HOLD","cash":1}],"edges":[]}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"FIRE_SALE","from":1,"cause":"insolvent","timestamp":1}})").empty());
  CHECK(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"DEFAULT","from":1,"cause":"insolvent","timestamp":1}})").empty());
  // A forced default says what forced it; nothing else does.
  CHECK(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"DEFAULT","from":1,"cause":"forced","forced_by":"shock","timestamp":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"DEFAULT","from":1,"cause":"forced","timestamp":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"DEFAULT","from":1,"cause":"illiquid","forced_by":"shock","timestamp":1}})").empty());
  CHECK_FALSE(v.errors(R"({"type":"EVENT","payload":{"event_id":"evt-1-0","event_type":"DEFAULT","from":1,"cause":"forced","forced_by":"policy","timestamp":1}})").empty());
  CHECK(v.undocumented_fields(R"({"type":"METRICS_UPDATE","payload":{"liquidity":0.5,"default_rate":0,"equilibrium_score":1,"novel":2}})") ==
        "METRICS_UPDATE.payload.novel\n");
}

TEST_CASE("every message of every scenario validates against the contract schema, which names all its fields") {
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
      std::set<std::string> undocumented;  // fields the engine sends that docs/contract.schema.json lacks
      std::size_t events = 0;
      for (int t = 1; t <= 60; ++t) {
        if (t == 3) REQUIRE(sim->intervene({Intervention::Kind::price_shock, -1, 0.05}).ok());
        if (t == 4) REQUIRE(sim->intervene({Intervention::Kind::force_default, 59, 0.0}).ok());  // forced_by
        if (t == 30) {  // from step 30 its STATE_UPDATEs carry current_policy
          Intervention to_all_lend;
          to_all_lend.kind = Intervention::Kind::policy;
          to_all_lend.policy = "all_lend";
          REQUIRE(sim->intervene(to_all_lend).ok());
        }
        sim->step();
        for (const Event& ev : sim->events()) {
          e = v.errors(event_json(ev));
          INFO(sc.name << " " << event_json(ev) << " " << e);
          REQUIRE(e.empty());
          undocumented.insert(v.undocumented_fields(event_json(ev)));
          ++events;
        }
        const std::string state = state_update_json(*sim, SerializeOptions{t % 2 == 0});
        e = v.errors(state);
        INFO(sc.name << " state t=" << t << " " << e);
        REQUIRE(e.empty());
        undocumented.insert(v.undocumented_fields(state));
        e = v.errors(metrics_update_json(*sim));
        INFO(sc.name << " metrics t=" << t << " " << e);
        REQUIRE(e.empty());
        undocumented.insert(v.undocumented_fields(metrics_update_json(*sim)));
      }
      CHECK(events > 0);
      undocumented.erase("");
      std::string fields;
      for (const auto& f : undocumented) fields += f;
      INFO(sc.name << " " << policy);
      CHECK(fields == "");
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

TEST_CASE("messages begin with their type, and a STATE_UPDATE with its timestep, byte for byte") {
  // docs/contract.md, "Bytes a client may rely on": the server's queues and the page classify messages
  // by these prefixes without parsing them, and the page finds a timestep-0 snapshot by its prefix.
  constexpr std::string_view kState = R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":)";
  constexpr std::string_view kEvent = R"({"type":"EVENT","payload":{"event_id":)";
  constexpr std::string_view kMetrics = R"({"type":"METRICS_UPDATE","payload":{)";
  auto session = Session::create({{"scenario", "liquidity_freeze"}, {"seed", 7}});
  REQUIRE(session.ok());
  int states = 0, events = 0, metrics = 0;
  auto check = [&](const std::vector<std::string>& messages, int timestep) {
    for (const std::string& m : messages) {
      INFO(m.substr(0, 120));
      const std::string type = nlohmann::json::parse(m)["type"].get<std::string>();
      if (type == "STATE_UPDATE") {
        REQUIRE(m.starts_with(kState));
        CHECK(m.substr(kState.size(), std::to_string(timestep).size() + 1) == std::to_string(timestep) + ",");
        ++states;
      } else if (type == "EVENT") {
        CHECK(m.starts_with(kEvent));
        ++events;
      } else {
        CHECK(type == "METRICS_UPDATE");
        CHECK(m.starts_with(kMetrics));
        ++metrics;
      }
    }
  };
  check(session->snapshot(), 0);
  for (int t = 1; t <= 30; ++t) check(session->advance(), t);
  // Above Session::kDetailedBanksLimit the nodes carry no details: the prefixes are the same.
  auto reset = session->control("reset", {{"banks", Session::kDetailedBanksLimit + 100}});
  REQUIRE(reset.ok());
  check(reset->messages, 0);
  check(session->advance(), 1);
  CHECK(states == 33);
  CHECK(metrics == 33);
  CHECK(events > 30);
}
