// A simulation is a pure function of (config, seed, interventions): the golden hash of a message
// stream pins it. If the physics changes on purpose, update the hash in the same commit and say why.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "finsim/simulation.hpp"

using namespace finsim;

namespace {

// FNV-1a, 64 bit.
std::uint64_t fnv1a(const std::string& s, std::uint64_t h = 14695981039346656037ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// The whole NDJSON stream of `finsim run` for these inputs.
std::string stream(const std::string& scenario, std::uint64_t seed, int steps, const std::string& policy = "heuristic",
                   double hoard_alarm_stress = 0.2) {
  SimConfig config = scenario_config(scenario).value();
  config.policy = policy;
  config.hoard_alarm_stress = hoard_alarm_stress;
  auto sim = Simulation::create(config, seed);
  REQUIRE(sim.ok());
  std::string out = state_update_json(*sim) + "\n";
  for (int t = 1; t <= steps; ++t) {
    if (t == 15) REQUIRE(sim->intervene({Intervention::Kind::inject_liquidity, 20, 30.0}).ok());
    sim->step();
    for (const Event& e : sim->events()) out += event_json(e) + "\n";
    out += state_update_json(*sim) + "\n";
    out += metrics_update_json(*sim) + "\n";
  }
  return out;
}

// `s` without the fields named: each `,"name":value` removed (value a number).
std::string without_fields(const std::string& s, std::initializer_list<const char*> names) {
  std::string out = s;
  for (const char* name : names) {
    const std::string key = std::string(",\"") + name + "\":";
    std::string kept;
    kept.reserve(out.size());
    std::size_t from = 0;
    for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, from)) {
      kept.append(out, from, at - from);
      from = out.find_first_of(",}", at + key.size());
    }
    kept.append(out, from, std::string::npos);
    out = std::move(kept);
  }
  return out;
}

}  // namespace

TEST_CASE("the same inputs give the same bytes and other seeds and policies give other bytes") {
  const std::string a = stream("liquidity_freeze", 42, 120);
  CHECK(a == stream("liquidity_freeze", 42, 120));
  CHECK(a != stream("liquidity_freeze", 43, 120));
  CHECK(a != stream("liquidity_freeze", 42, 120, "random"));
}

TEST_CASE("golden hash of the liquidity_freeze stream, seed 42, 200 steps") {
  const std::string s = stream("liquidity_freeze", 42, 200);
  INFO("stream of " << s.size() << " bytes, hash " << fnv1a(s));
  // Updated deliberately with the model (issue "A world that teaches"): hoarding stance, LEND over all gaps,
  // flight to quality, the thinner market of liquidity_freeze; 2026-12-05, a hoard asks the most of the
  // borrowers it fears (docs/model.md, phase 3a).
  // 2026-12-05 (later): the nodes gained this step's flight of deposits by cause (run_withdrawal,
  // shock_withdrawal) — reporting only: without them the stream is the one before, bit for bit.
  CHECK(fnv1a(s) == 1123187000624122340ULL);
  CHECK(fnv1a(without_fields(s, {"run_withdrawal", "shock_withdrawal"})) == 12185478970625538722ULL);
}

TEST_CASE("a hoard that asks every loan alike (hoard_alarm_stress = 1) is the model before 2026-12-05, bit for bit") {
  // The golden hash of model version 2, before a hoard asked the most of the borrowers it fears.
  // Without the flight of deposits by cause, which the nodes report since (reporting only).
  const std::string s = without_fields(stream("liquidity_freeze", 42, 200, "heuristic", 1.0), {"run_withdrawal", "shock_withdrawal"});
  CHECK(fnv1a(s) == 9458295507798258850ULL);
}

TEST_CASE("different policies on the same seed face the same exogenous shocks") {
  // The policy's random stream is separate: the deposit flows of step 1 (before any action has an
  // effect on balance sheets) are identical whatever the policy.
  SimConfig config = scenario_config("calm").value();
  config.policy = "random";
  auto a = Simulation::create(config, 9);
  config.policy = "all_hold";
  auto b = Simulation::create(config, 9);
  a->step();
  b->step();
  CHECK(a->ledger().deposit_inflows == b->ledger().deposit_inflows);
}
