// Session: the control semantics both adapters share. Every failing control changes nothing.
#include <catch2/catch.hpp>

#include "finsim/session.hpp"

using namespace finsim;
using nlohmann::json;

namespace {

Session fresh(const json& body = json::object()) {
  auto s = Session::create(body);
  REQUIRE(s.ok());
  return std::move(s).value();
}

json parse(const std::string& text) { return json::parse(text); }

// Everything a failed control must leave untouched.
std::string fingerprint(const Session& s) { return s.status().dump() + s.snapshot()[0] + s.snapshot()[1]; }

}  // namespace

TEST_CASE("a new session is calm, seed 42, heuristic, paused at timestep 0") {
  const Session s = fresh();
  const json st = s.status();
  CHECK(st["timestep"] == 0);
  CHECK(st["scenario"] == "calm");
  CHECK(st["seed"] == 42);
  CHECK(st["policy"] == "heuristic");
  CHECK(st["running"] == false);
  CHECK(st["banks"] == 100);
  const auto snap = s.snapshot();
  REQUIRE(snap.size() == 2);
  CHECK(parse(snap[0])["type"] == "STATE_UPDATE");
  CHECK(parse(snap[1])["type"] == "METRICS_UPDATE");
}

TEST_CASE("step advances exactly one timestep and returns events, state, metrics in order") {
  Session s = fresh({{"scenario", "liquidity_freeze"}});
  for (int t = 1; t <= 12; ++t) {
    auto out = s.control("step", json::object());
    REQUIRE(out.ok());
    const auto& msgs = out->messages;
    REQUIRE(msgs.size() >= 2);
    for (std::size_t k = 0; k + 2 < msgs.size(); ++k) CHECK(parse(msgs[k])["type"] == "EVENT");
    CHECK(parse(msgs[msgs.size() - 2])["payload"]["timestep"] == t);
    CHECK(parse(msgs.back())["payload"]["timestep"] == t);
    CHECK(out->status["timestep"] == t);
  }
}

TEST_CASE("play and pause toggle running and step while running is a conflict that changes nothing") {
  Session s = fresh();
  REQUIRE(s.control("play", json::object()).ok());
  CHECK(s.running());
  const std::string before = fingerprint(s);
  auto r = s.control("step", json::object());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "conflict");
  CHECK(fingerprint(s) == before);
  REQUIRE(s.control("pause", json::object()).ok());
  CHECK_FALSE(s.running());
}

TEST_CASE("reset with a scenario rebuilds from its defaults and keeps the policy and reset {} keeps everything") {
  Session s = fresh({{"policy", "random"}, {"seed", 7}});
  s.advance();
  auto r = s.control("reset", {{"scenario", "core_default"}});
  REQUIRE(r.ok());
  CHECK(r->status["scenario"] == "core_default");
  CHECK(r->status["policy"] == "random");
  CHECK(r->status["seed"] == 7);
  CHECK(r->status["timestep"] == 0);
  REQUIRE(r->messages.size() == 2);
  auto same = s.control("reset", {{"seed", 8}});
  REQUIRE(same.ok());
  CHECK(same->status["scenario"] == "core_default");
  CHECK(same->status["seed"] == 8);
  CHECK(s.simulation().config().shock_defaults == 1);
}

TEST_CASE("reset applies parameters and network size") {
  Session s = fresh({{"banks", 40}, {"price_impact", 2.0}});
  CHECK(s.status()["banks"] == 40);
  CHECK(s.simulation().config().price_impact == 2.0);
}

TEST_CASE("bad controls are refused with their code and change nothing") {
  Session s = fresh();
  s.advance();
  const std::string before = fingerprint(s);
  struct Case {
    const char* control;
    json body;
    const char* code;
  };
  const std::vector<Case> cases{
      {"fly", json::object(), "unknown_control"},
      {"reset", {{"scenario", "meltdown"}}, "unknown_scenario"},
      {"reset", {{"policy", "genius"}}, "unknown_policy"},
      {"reset", {{"nonsense", 1}}, "unknown_parameter"},
      {"reset", {{"price_impact", -1}}, "out_of_range"},
      {"reset", {{"banks", 1}}, "out_of_range"},
      {"reset", {{"seed", -3}}, "out_of_range"},
      {"reset", {{"seed", 1.5}}, "out_of_range"},
      {"reset", {{"scenario", 3}}, "bad_request"},
      {"reset", json::array(), "bad_request"},
      {"speed", {{"steps_per_second", 500}}, "out_of_range"},
      {"speed", json::object(), "bad_request"},
      {"speed", {{"steps_per_second", "fast"}}, "bad_request"},
      {"play", {{"now", true}}, "bad_request"},
      {"force_default", {{"bank", 100}}, "unknown_bank"},
      {"force_default", {{"bank", -1}}, "bad_request"},
      {"force_default", json::object(), "bad_request"},
      {"inject_liquidity", {{"bank", 3}, {"amount", -5}}, "out_of_range"},
      {"inject_liquidity", {{"bank", 3}}, "bad_request"},
      {"price_shock", {{"share", 1.5}}, "out_of_range"},
      {"price_shock", {{"share", 0.1}, {"bank", 2}}, "bad_request"},
  };
  for (const Case& c : cases) {
    INFO(c.control << " " << c.body.dump());
    auto r = s.control(c.control, c.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK_FALSE(r.error().message.empty());
    CHECK(fingerprint(s) == before);
  }
}

TEST_CASE("interventions take effect at the next step") {
  Session s = fresh();
  REQUIRE(s.control("force_default", {{"bank", 5}}).ok());
  REQUIRE(s.control("inject_liquidity", {{"bank", 7}, {"amount", 50}}).ok());
  CHECK_FALSE(s.simulation().bank(5).defaulted);
  s.advance();
  CHECK(s.simulation().bank(5).defaulted);
  CHECK(s.simulation().bank(5).default_cause == DefaultCause::forced);
  // Central-bank funding accrues its (penalty) rate from the step it is granted.
  CHECK(s.simulation().bank(7).central_bank_funding ==
        Approx(50.0 * (1.0 + s.simulation().config().central_bank_rate)).epsilon(1e-12));
  auto again = s.control("force_default", {{"bank", 5}});
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "bank_defaulted");
}

TEST_CASE("speed is stored and bodies are parsed strictly") {
  Session s = fresh();
  REQUIRE(s.control("speed", {{"steps_per_second", 10}}).ok());
  CHECK(s.speed() == 10.0);
  CHECK(Session::parse_body("").ok());
  CHECK(Session::parse_body("  ")->is_object());
  auto bad = Session::parse_body("{\"bank\": ");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "bad_json");
  auto huge = Session::parse_body(R"({"steps_per_second": 1e999})");  // overflows a double
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().code == "bad_json");
}
