// A branch and a policy switch are runs finsim run writes down: the stream a Session sends after a reset
// with `at` and `to_step`, or after a `policy` control, is byte for byte what `finsim run --at` prints
// for the same controls (docs/model.md §10).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "finsim/session.hpp"

using finsim::test::is_clean_failure;
using finsim::test::run_finsim;
using nlohmann::json;

namespace {

std::vector<std::string> lines(const std::string& ndjson) {
  std::vector<std::string> out;
  std::istringstream in(ndjson);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// finsim run's lines after step `k`'s METRICS_UPDATE: the events, states and metrics of steps k+1 on.
std::string after_step(const std::string& ndjson, int k) {
  std::string out;
  bool on = k == 0;
  int metrics_seen = 0;
  for (const std::string& line : lines(ndjson)) {
    if (on) out += line + "\n";
    if (line.rfind(R"({"type":"METRICS_UPDATE")", 0) == 0 && ++metrics_seen == k) on = true;
  }
  return out;
}

std::string at_arg(int step, const json& control) { return std::to_string(step) + ":" + control.dump(); }

}  // namespace

TEST_CASE("a branch opened at step K and given a new control goes on exactly as finsim run --at") {
  const int k = 25, more = 35;
  const json inject{{"control", "inject_liquidity"}, {"bank", 40}, {"amount", 30}};
  const json hoard{{"control", "force_action"}, {"bank", 2}, {"action", "HOARD"}};
  const json switch_policy{{"control", "policy"}, {"policy", "all_lend+no_hoard"}};
  // The branch: the recorded run's controls (one still pending, for step K + 1), replayed to step K.
  json body{{"scenario", "liquidity_freeze"}, {"seed", 8}, {"to_step", k},
            {"at", json::array({{{"step", 11}, {"control", inject}}, {{"step", k + 1}, {"control", hoard}}})}};
  auto branch = finsim::Session::create(json::object());
  REQUIRE(branch.ok());
  auto opened = branch->control("reset", body);
  REQUIRE(opened.ok());
  REQUIRE(opened->messages.size() == 2);
  // The new control, then N steps.
  REQUIRE(branch->control("policy", {{"policy", "all_lend+no_hoard"}}).ok());
  std::string stream;
  for (int t = 0; t < more; ++t) {
    auto step = branch->control("step", json::object());
    REQUIRE(step.ok());
    for (const std::string& m : step->messages) stream += m + "\n";
  }
  const auto run = run_finsim({"run", "--scenario", "liquidity_freeze", "--seed", "8", "--steps", std::to_string(k + more),
                               "--at", at_arg(11, inject), "--at", at_arg(k + 1, hoard), "--at", at_arg(k + 1, switch_policy)});
  REQUIRE(run.exit_code == 0);
  CHECK(stream == after_step(run.out, k));
  // And the reset's own messages are step K's state and metrics as finsim run printed them.
  const auto all = lines(run.out);
  std::string state_k, metrics_k;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].rfind(R"({"type":"STATE_UPDATE","schema_version":"1.0","payload":{"timestep":25,)", 0) == 0) {
      state_k = all[i];
      metrics_k = all[i + 1];
    }
  CHECK(opened->messages[0] == state_k);
  CHECK(opened->messages[1] == metrics_k);
}

TEST_CASE("a policy switch mid-run is the stream of finsim run --at with it") {
  const auto run = run_finsim({"run", "--scenario", "core_default", "--seed", "5", "--steps", "40", "--at",
                               R"(15:{"control":"policy","policy":"mappo-selfish+no_fire_sale"})"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.empty());
  auto session = finsim::Session::create({{"scenario", "core_default"}, {"seed", 5}});
  REQUIRE(session.ok());
  std::string expected = session->snapshot()[0] + "\n";
  for (int t = 1; t <= 40; ++t) {
    if (t == 15) REQUIRE(session->control("policy", {{"policy", "mappo-selfish+no_fire_sale"}}).ok());
    auto step = session->control("step", json::object());
    REQUIRE(step.ok());
    for (const std::string& m : step->messages) expected += m + "\n";
  }
  CHECK(run.out == expected);
  CHECK(run.out.find(R"("current_policy":"mappo-selfish+no_fire_sale")") != std::string::npos);
  // Without it: the same stream up to step 14, another from step 15 on.
  const auto without = run_finsim({"run", "--scenario", "core_default", "--seed", "5", "--steps", "40"});
  const std::size_t from_15 = without.out.size() - after_step(without.out, 14).size();
  CHECK(without.out.substr(0, from_15) == run.out.substr(0, from_15));
  CHECK(after_step(without.out, 14) != after_step(run.out, 14));
}

TEST_CASE("run and why refuse a policy switch they cannot build, cleanly") {
  CHECK(is_clean_failure(run_finsim({"run", "--steps", "5", "--at", R"(3:{"control":"policy","policy":"genius"})"})));
  CHECK(is_clean_failure(run_finsim({"run", "--steps", "5", "--at", R"(3:{"control":"policy"})"})));
  CHECK(is_clean_failure(run_finsim({"run", "--steps", "5", "--at", R"(3:{"control":"rewind","step":1})"})));
  CHECK(is_clean_failure(run_finsim({"run", "--steps", "5", "--at", R"(3:{"control":"inject_liquidity","bank":2,"amount":-1})"})));
  CHECK(is_clean_failure(run_finsim({"why", "--bank", "3", "--at", R"(3:{"control":"policy","policy":"genius"})"})));
}

TEST_CASE("why names a policy switch among the causes it replays away") {
  // Bank 10 fails at step 13 of this run (liquidity_freeze, seed 42, every bank selling from step 8).
  const auto r = run_finsim({"why", "--scenario", "liquidity_freeze", "--steps", "60", "--bank", "10", "--json", "--at",
                             R"(8:{"control":"policy","policy":"all_fire_sale"})"});
  REQUIRE(r.exit_code == 0);
  const json x = json::parse(r.out);
  CHECK(x["default_step"] == 13);
  bool found = false;
  for (const json& c : x["causes"])
    if (c["kind"] == "intervention" && c["control"] == json{{"step", 8}, {"control", "policy"}, {"policy", "all_fire_sale"}}) {
      found = true;
      CHECK(c["label"] == "the switch of every bank to the all_fire_sale policy at step 8");
    }
  CHECK(found);
}
