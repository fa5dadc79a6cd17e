// finsim run / scenarios / bench / help: outputs and argument errors.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.hpp"
#include "finsim/session.hpp"

using finsim::test::run_finsim;
using finsim::test::is_clean_failure;
using nlohmann::json;

namespace {

std::vector<json> lines(const std::string& ndjson) {
  std::vector<json> out;
  std::istringstream in(ndjson);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("run prints the timestep-0 state, then per step its events, state and metrics") {
  const auto r = run_finsim({"run", "--scenario", "liquidity_freeze", "--seed", "7", "--steps", "20", "--compact"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const auto msgs = lines(r.out);
  REQUIRE(msgs.front()["type"] == "STATE_UPDATE");
  CHECK(msgs.front()["payload"]["timestep"] == 0);
  int t = 0;
  bool events_seen = false;
  for (std::size_t k = 1; k < msgs.size(); ++k) {
    const auto& m = msgs[k];
    if (m["type"] == "EVENT") {
      CHECK(m["payload"]["timestamp"] == t + 1);
      events_seen = true;
    } else if (m["type"] == "STATE_UPDATE") {
      CHECK(m["payload"]["timestep"] == ++t);
      REQUIRE(msgs[k + 1]["type"] == "METRICS_UPDATE");
      CHECK(msgs[k + 1]["payload"]["timestep"] == t);
      CHECK_FALSE(m["payload"]["nodes"][0].contains("cash"));  // --compact
    }
  }
  CHECK(t == 20);
  CHECK(events_seen);
}

TEST_CASE("run is deterministic and honours --set, --banks, --policy and --intervene") {
  const std::vector<std::string> args{"run", "--steps", "12", "--banks", "40", "--policy", "random", "--set",
                                      "price_impact=2", "--intervene", "3:force_default:5", "--intervene",
                                      "4:price_shock:0.1", "--intervene", "5:inject_liquidity:7:20"};
  const auto a = run_finsim(args);
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == run_finsim(args).out);
  const auto msgs = lines(a.out);
  CHECK(msgs.front()["payload"]["nodes"].size() == 40);
  CHECK(msgs.front()["payload"]["policy"] == "random");
  bool bank5_failed = false, drop = false;
  for (const auto& m : msgs) {
    if (m["type"] != "EVENT") continue;
    const auto& p = m["payload"];
    if (p["event_type"] == "DEFAULT" && p["from"] == 5 && p["timestamp"] == 3) bank5_failed = p["cause"] == "forced";
    if (p["event_type"] == "PRICE_DROP" && p["timestamp"] == 4) drop = true;
  }
  CHECK(bank5_failed);
  CHECK(drop);
}

TEST_CASE("run refuses bad arguments cleanly") {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"run", "--scenario", "meltdown"},
           {"run", "--seed", "-1"},
           {"run", "--seed", "abc"},
           {"run", "--seed", "9007199254740992"},
           {"run", "--steps", "1.5"},
           {"run", "--steps"},
           {"run", "--banks", "1"},
           {"run", "--policy", "genius"},
           {"run", "--set", "nonsense=1"},
           {"run", "--set", "price_impact=-3"},
           {"run", "--set", "price_impact"},
           {"run", "--set", "seniority=junior"},
           {"run", "--set", "banks=0x10"},
           {"run", "--set", "price_impact=inf"},
           {"run", "--set", "price_impact=nan"},
           {"clear", "/tmp"},
           {"debtrank", "/"},
           {"run", "--intervene", "3:force_default:500"},
           {"run", "--intervene", "0:force_default:1"},
           {"run", "--intervene", "3:explode:1"},
           {"run", "--at", "3"},
           {"run", "--at", "3:{"},
           {"run", "--at", "3:[]"},
           {"run", "--at", "0:{\"control\":\"force_default\",\"bank\":1}"},
           {"run", "--at", "3:{\"bank\":1}"},
           {"run", "--at", "3:{\"control\":\"reset\"}"},
           {"run", "--at", "3:{\"control\":\"force_action\",\"bank\":1,\"action\":\"PANIC\"}"},
           {"run", "--at", "3:{\"control\":\"force_action\",\"bank\":500,\"action\":\"HOARD\"}"},
           {"run", "--policy", "heuristic+no_panic"},
           {"run", "--frobnicate"},
           {"run", "extra"},
           {"run", "--compact=yes"},
           {"fly"},
       }) {
    const auto r = run_finsim(args);
    INFO(args[0] << " " << (args.size() > 1 ? args[1] : "") << " " << (args.size() > 2 ? args[2] : "") << " -> " << r.err);
    CHECK(is_clean_failure(r));
  }
}

TEST_CASE("every command answers --help, and the bare tool lists the commands") {
  for (const char* c : {"run", "scenarios", "clear", "debtrank", "sweep", "bench"}) {
    const auto r = run_finsim({c, "--help"});
    INFO(c);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("usage: finsim") != std::string::npos);
  }
  const auto top = run_finsim({"--help"});
  CHECK(top.exit_code == 0);
  CHECK(top.out.find("sweep") != std::string::npos);
  CHECK(run_finsim({}).exit_code == 2);
}

TEST_CASE("scenarios lists every scenario, parameter and policy, also as JSON") {
  const auto text = run_finsim({"scenarios"});
  REQUIRE(text.exit_code == 0);
  for (const char* s : {"calm", "liquidity_freeze", "fire_sale_spiral", "core_default", "gai_kapadia", "price_impact"})
    CHECK(text.out.find(s) != std::string::npos);
  const auto j = json::parse(run_finsim({"scenarios", "--json"}).out);
  CHECK(j["scenarios"].size() >= 5);
  CHECK(j["parameters"].size() > 40);
  CHECK(j["policies"].size() >= 6);
}

TEST_CASE("bench prints JSON timings for the three sizes and the serializer") {
  const auto r = run_finsim({"bench", "--quick"});
  REQUIRE(r.exit_code == 0);
  const auto j = json::parse(r.out);
  REQUIRE(j["cases"].size() == 4);
  CHECK(j["cases"][0]["banks"] == 100);
  CHECK(j["cases"][2]["banks"] == 10000);
  for (const auto& c : j["cases"]) {
    CHECK(c["step_us"]["median"].get<double>() > 0);
    CHECK(c["clearing_us"]["median"].get<double>() > 0);
    CHECK(c["state_update"]["median_us"].get<double>() > 0);
  }
}

TEST_CASE("run --at applies control bodies as the worker sends them: the same stream as a session") {
  const std::string at1 = R"(12:{"control":"force_action","bank":2,"action":"HOARD"})";
  const std::string at2 = R"(11:{"control":"inject_liquidity","bank":40,"amount":30})";
  const auto r = run_finsim({"run", "--scenario", "liquidity_freeze", "--seed", "8", "--steps", "20", "--policy",
                             "heuristic+no_fire_sale", "--at", at1, "--at", at2});
  REQUIRE(r.exit_code == 0);
  auto session = finsim::Session::create(
      json{{"scenario", "liquidity_freeze"}, {"seed", 8}, {"policy", "heuristic+no_fire_sale"}});
  REQUIRE(session.ok());
  std::string expected = session->snapshot()[0] + "\n";
  for (int t = 1; t <= 20; ++t) {
    if (t == 12) REQUIRE(session->control("force_action", json{{"bank", 2}, {"action", "HOARD"}}).ok());
    if (t == 11) REQUIRE(session->control("inject_liquidity", json{{"bank", 40}, {"amount", 30}}).ok());
    auto step = session->control("step", json::object());
    REQUIRE(step.ok());
    for (const std::string& m : step->messages) expected += m + "\n";
  }
  CHECK(r.out == expected);
  CHECK(r.out.find(R"("event_type":"HOARD","from":2,)") != std::string::npos);
}
