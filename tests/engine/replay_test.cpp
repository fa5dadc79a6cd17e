// Rewind, branch and the policy switch (Session, docs/model.md §10): a run is a pure function of its
// recipe, so a session can go back to any step of its run, and a page can open the run at step K as a
// second world, by replaying it from step 0. Every failing control changes nothing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "finsim/intervention_body.hpp"
#include "finsim/session.hpp"
#include "finsim/why.hpp"

using namespace finsim;
using nlohmann::json;

namespace {

Session fresh(const json& body) {
  auto s = Session::create(body);
  REQUIRE(s.ok());
  return std::move(s).value();
}

std::vector<std::string> control(Session& s, const std::string& name, const json& body = json::object()) {
  auto r = s.control(name, body);
  INFO(name << " " << body.dump() << ": " << (r.ok() ? "" : r.error().message));
  REQUIRE(r.ok());
  return r->messages;
}

// The messages of `steps` steps, concatenated.
std::string steps(Session& s, int n) {
  std::string out;
  for (int t = 0; t < n; ++t)
    for (const std::string& m : control(s, "step")) out += m + "\n";
  return out;
}

std::string joined(const std::vector<std::string>& messages) {
  std::string out;
  for (const std::string& m : messages) out += m + "\n";
  return out;
}

// Everything a failed control must leave untouched.
std::string fingerprint(const Session& s) { return s.status().dump() + s.snapshot()[0] + s.snapshot()[1]; }

const json kFreeze{{"scenario", "liquidity_freeze"}, {"seed", 8}};

// liquidity_freeze, seed 8, with controls at steps 5, 12 (a policy switch), 20 and one given at step 30
// (so it acts in step 31), left standing at step `stop`.
// Plays `s` from step `from` to `stop` as the recorded run was played, giving its controls as it was
// given them; the messages of those steps, concatenated.
std::string play_recorded(Session& s, int from, int stop) {
  std::string out;
  for (int t = from; t < stop; ++t) {
    if (t == 4) control(s, "inject_liquidity", {{"bank", 40}, {"amount", 30}});
    if (t == 11) control(s, "policy", {{"policy", "all_hoard+no_fire_sale"}});
    if (t == 19) control(s, "force_action", {{"bank", 2}, {"action", "HOARD"}});
    if (t == 30) control(s, "price_shock", {{"share", 0.05}});
    out += steps(s, 1);
  }
  return out;
}

Session recorded_run(int stop) {
  Session s = fresh(kFreeze);
  play_recorded(s, 0, stop);
  return s;
}

}  // namespace

TEST_CASE("rewind then continue gives the original stream byte for byte") {
  Session s = recorded_run(60);
  // The reference: the same run's steps 31..60 as they were first sent.
  Session reference = recorded_run(30);
  control(reference, "price_shock", {{"share", 0.05}});
  const std::string from_31 = steps(reference, 30);
  const std::string snapshot_30 = joined(recorded_run(30).snapshot());

  const auto rewound = control(s, "rewind", {{"step", 30}});
  CHECK(joined(rewound) == snapshot_30);  // step 30's STATE_UPDATE and METRICS_UPDATE, nothing else
  CHECK(s.status()["timestep"] == 30);
  CHECK(s.status()["running"] == false);
  // The control given at step 30 was applied at that step: it stays, queued for step 31.
  REQUIRE(s.applied_controls().size() == 4);
  CHECK(s.applied_controls().back().step == 31);
  CHECK(steps(s, 30) == from_31);

  SECTION("rewinding before a control schedules it again, and rewinding to the current step changes nothing") {
    control(s, "rewind", {{"step", 15}});
    CHECK(s.applied_controls().size() == 2);  // steps 5 and 12
    CHECK(s.status()["at"] == at_json(recorded_run(15).applied_controls()));
    const json later = s.status()["scheduled"];
    REQUIRE(later.size() == 2);  // steps 20 and 31
    CHECK(later[0]["step"] == 20);
    CHECK(later[1]["step"] == 31);
    CHECK(s.snapshot() == recorded_run(15).snapshot());
    const std::string here = fingerprint(s);
    control(s, "rewind", {{"step", 15}});
    CHECK(fingerprint(s) == here);
    // Played on, the scheduled controls act at their steps: the original run again, byte for byte.
    Session original = recorded_run(15);
    CHECK(steps(s, 45) == play_recorded(original, 15, 60));
    CHECK(s.status()["scheduled"].empty());
    CHECK(s.applied_controls().size() == 4);
    control(s, "rewind", {{"step", 0}});
    CHECK(s.snapshot() == fresh(kFreeze).snapshot());
    CHECK(s.status()["at"].empty());
    CHECK(s.status()["scheduled"].size() == 4);
    control(s, "reset", json::object());
    CHECK(fingerprint(s) == fingerprint(fresh(kFreeze)));
  }
  SECTION("a rewound session that is running stops") {
    control(s, "play");
    control(s, "rewind", {{"step", 10}});
    CHECK_FALSE(s.running());
  }
}

TEST_CASE("replay_body rebuilds a session where it stands: another server takes it over and steps on alike") {
  // A run with parameters off their defaults, a policy switch, and a control still scheduled (a rewind
  // leaves the later ones scheduled): everything the run is a function of must travel in the body.
  Session s = fresh({{"scenario", "liquidity_freeze"}, {"seed", 8}, {"banks", 60}, {"lender_of_last_resort", 1}});
  play_recorded(s, 0, 40);
  control(s, "rewind", {{"step", 25}});
  const json body = s.replay_body();
  CHECK(body["to_step"] == 25);
  CHECK(body["at"].size() == s.status()["at"].size() + s.status()["scheduled"].size());
  Session taken = fresh(body);
  CHECK(fingerprint(taken) == fingerprint(s));
  CHECK(steps(taken, 20) == steps(s, 20));  // the scheduled price shock acts in step 31 in both
  CHECK(taken.replay_body() == s.replay_body());
  // Without its controls the rebuilt run differs: the body carries what matters.
  json bare = body;
  bare.erase("at");
  Session without = fresh(bare);
  CHECK(without.snapshot() != fresh(body).snapshot());
}

TEST_CASE("a reset with at and to_step opens the recorded run at step K, and both worlds go on alike") {
  Session s = recorded_run(40);
  const json status = s.status();
  json body = kFreeze;
  body["at"] = status["at"];
  body["to_step"] = status["timestep"];
  Session branch = fresh(json::object());
  const auto opened = control(branch, "reset", body);
  CHECK(joined(opened) == joined(s.snapshot()));  // step 40's state and metrics, not the replayed steps
  CHECK(branch.status()["at"] == status["at"]);
  CHECK(branch.status()["timestep"] == 40);
  CHECK(branch.running() == false);
  // A new control in both worlds: the branch is the same world.
  control(s, "force_default", {{"bank", 7}});
  control(branch, "force_default", {{"bank", 7}});
  CHECK(steps(branch, 25) == steps(s, 25));

  SECTION("Session::create takes the same body") {
    Session created = fresh(body);
    CHECK(joined(created.snapshot()) == joined(recorded_run(40).snapshot()));
  }
}

TEST_CASE("a reset's at schedules the controls beyond to_step + 1: played on, it is the recorded run") {
  const Session recorded = recorded_run(60);
  json body = kFreeze;
  body["at"] = recorded.status()["at"];  // steps 5, 12, 20 and 31
  for (const int to_step : {0, 15}) {
    body["to_step"] = to_step;
    Session s = fresh(json::object());
    control(s, "reset", body);
    CHECK(s.status()["scheduled"].size() == (to_step == 0 ? 4u : 2u));
    Session reference = recorded_run(to_step);
    CHECK(steps(s, 60 - to_step) == play_recorded(reference, to_step, 60));
    CHECK(s.status()["at"] == recorded.status()["at"]);
    CHECK(s.status()["scheduled"].empty());
  }
  SECTION("a scheduled control whose bank has failed by its step is skipped, as finsim run skips it") {
    json late = kFreeze;
    late["at"] = json::array({{{"step", 3}, {"control", {{"control", "force_default"}, {"bank", 7}}}},
                              {{"step", 9}, {"control", {{"control", "inject_liquidity"}, {"bank", 7}, {"amount", 5}}}}});
    Session s = fresh(json::object());
    control(s, "reset", late);
    steps(s, 10);
    CHECK(s.status()["at"].size() == 1);
    CHECK(s.status()["scheduled"].empty());
  }
  SECTION("scheduled controls count toward the run's kMaxRunControls") {
    json many = kFreeze;
    many["at"] = json(std::vector<json>(Session::kMaxRunControls, {{"step", 50}, {"control", {{"control", "price_shock"}, {"share", 0.001}}}}));
    Session s = fresh(json::object());
    control(s, "reset", many);
    auto refused = s.control("price_shock", {{"share", 0.001}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "out_of_range");
  }
}

TEST_CASE("a reset's at may come in any order: controls are applied by step, those of one step as given") {
  const json shuffled = json::array({
      {{"step", 20}, {"control", {{"control", "force_action"}, {"bank", 2}, {"action", "HOARD"}}}},
      {{"step", 5}, {"control", {{"control", "inject_liquidity"}, {"bank", 40}, {"amount", 30}}}},
      {{"step", 12}, {"control", {{"control", "policy"}, {"policy", "all_hoard+no_fire_sale"}}}},
  });
  json body = kFreeze;
  body["at"] = shuffled;
  body["to_step"] = 25;
  Session branch = fresh(body);
  CHECK(fingerprint(branch) == fingerprint(recorded_run(25)));
  CHECK(branch.status()["at"][0]["step"] == 5);
  CHECK(branch.status()["at"][2]["step"] == 20);
}

TEST_CASE("a control the replayed world refuses is skipped, as finsim run skips it") {
  json body = kFreeze;
  body["to_step"] = 30;
  body["at"] = json::array({{{"step", 3}, {"control", {{"control", "force_default"}, {"bank", 9}}}},
                            {{"step", 10}, {"control", {{"control", "inject_liquidity"}, {"bank", 9}, {"amount", 5}}}}});
  Session s = fresh(body);
  REQUIRE(s.status()["at"].size() == 1);  // bank 9 had failed by step 10
  CHECK(s.status()["at"][0]["step"] == 3);
}

TEST_CASE("a policy switch acts from the next step, is part of the run, and keeps the run's identity") {
  Session s = fresh(kFreeze);
  steps(s, 11);
  control(s, "policy", {{"policy", "all_hoard+no_fire_sale"}});
  CHECK(s.status()["policy"] == "heuristic");                          // the run's policy
  CHECK(s.status()["current_policy"] == "all_hoard+no_fire_sale");     // what the banks follow from the next step
  CHECK(s.status()["at"] == json::array({{{"step", 12}, {"control", {{"control", "policy"}, {"policy", "all_hoard+no_fire_sale"}}}}}));
  CHECK(json::parse(s.snapshot()[0])["payload"].count("current_policy") == 0);  // step 11 was the heuristic's
  const auto step12 = control(s, "step");
  const json state = json::parse(step12[step12.size() - 2]);
  CHECK(state["payload"]["policy"] == "heuristic");
  CHECK(state["payload"]["current_policy"] == "all_hoard+no_fire_sale");
  // It changes what happens.
  Session unswitched = fresh(kFreeze);
  steps(unswitched, 11);
  CHECK(joined(step12) != steps(unswitched, 1));

  SECTION("modifiers are canonical in the status, the name as given in the recipe") {
    control(s, "policy", {{"policy", "heuristic+no_lend+no_hoard"}});
    CHECK(s.status()["current_policy"] == "heuristic+no_hoard+no_lend");
    CHECK(s.status()["at"][1]["control"]["policy"] == "heuristic+no_lend+no_hoard");
  }
  SECTION("of two switches before one step the last wins") {
    control(s, "policy", {{"policy", "random"}});
    control(s, "policy", {{"policy", "all_lend"}});
    control(s, "step");
    CHECK(json::parse(s.snapshot()[0])["payload"]["current_policy"] == "all_lend");
  }
  SECTION("switching back to the run's policy drops current_policy from the STATE_UPDATE") {
    control(s, "policy", {{"policy", "heuristic"}});
    control(s, "step");
    CHECK(json::parse(s.snapshot()[0])["payload"].count("current_policy") == 0);
  }
}

TEST_CASE("switching to the policy already followed leaves the stream as it was") {
  // The policy's random stream goes on through a switch, so a new random policy draws what the old one would.
  Session a = fresh({{"scenario", "liquidity_freeze"}, {"policy", "random"}});
  Session b = fresh({{"scenario", "liquidity_freeze"}, {"policy", "random"}});
  steps(a, 10);
  steps(b, 10);
  control(b, "policy", {{"policy", "random"}});
  CHECK(steps(a, 30) == steps(b, 30));
}

TEST_CASE("a policy switch is a candidate cause of a failure, removed by leaving it out") {
  RunRecipe r;
  r.config = std::move(Session::create_config({{"scenario", "liquidity_freeze"}})).value();
  r.seed = 42;
  r.steps = 60;
  Intervention iv;
  iv.kind = Intervention::Kind::policy;
  iv.policy = "all_fire_sale";
  r.controls.push_back({8, iv});
  auto sim = replay_run(r);
  REQUIRE(sim.ok());
  int failed = -1;
  for (int i = 0; i < sim->banks() && failed < 0; ++i)
    if (sim->bank(i).defaulted) failed = i;
  REQUIRE(failed >= 0);
  auto x = explain_failure(r, failed);
  REQUIRE(x.ok());
  bool found = false;
  for (const FailureCause& c : x->causes)
    if (c.kind == CauseKind::intervention && c.intervention.kind == Intervention::Kind::policy) {
      found = true;
      CHECK(c.label == "the switch of every bank to the all_fire_sale policy at step 8");
      CHECK(c.bank == -1);
    }
  CHECK(found);
}

TEST_CASE("rewind, policy and a reset's replay refuse what they cannot do and change nothing") {
  Session s = recorded_run(20);
  const std::string before = fingerprint(s);
  struct Case {
    const char* control;
    json body;
    const char* code;
  };
  auto with_at = [](json at, json to_step = 10) { return json{{"at", std::move(at)}, {"to_step", std::move(to_step)}}; };
  const json fd = {{"control", "force_default"}, {"bank", 3}};
  const std::vector<Case> cases{
      {"rewind", json::object(), "bad_request"},
      {"rewind", {{"step", 21}}, "out_of_range"},
      {"rewind", {{"step", -1}}, "out_of_range"},
      {"rewind", {{"step", 2.5}}, "out_of_range"},
      {"rewind", {{"step", "5"}}, "bad_request"},
      {"rewind", {{"step", 5}, {"keep", true}}, "bad_request"},
      {"policy", json::object(), "bad_request"},
      {"policy", {{"policy", 3}}, "bad_request"},
      {"policy", {{"policy", "genius"}}, "unknown_policy"},
      {"policy", {{"policy", "heuristic+no_hoard+no_hoard"}}, "unknown_policy"},
      {"policy", {{"policy", "all_lend"}, {"bank", 1}}, "bad_request"},
      {"reset", {{"to_step", -1}}, "out_of_range"},
      {"reset", {{"to_step", 1.5}}, "out_of_range"},
      {"reset", {{"to_step", Session::kMaxReplaySteps + 1}}, "out_of_range"},
      {"reset", {{"to_step", "10"}}, "bad_request"},
      {"reset", with_at(json::object()), "bad_request"},
      {"reset", with_at(json::array({fd})), "bad_request"},
      {"reset", with_at(json::array({{{"step", 3}}})), "bad_request"},
      {"reset", with_at(json::array({{{"step", 3}, {"control", fd}, {"why", 1}}})), "bad_request"},
      {"reset", with_at(json::array({{{"step", 0}, {"control", fd}}})), "out_of_range"},
      {"reset", with_at(json::array({{{"step", 1000002}, {"control", fd}}})), "out_of_range"},  // beyond any run
      {"reset", with_at(json::array({{{"step", 3}, {"control", {{"control", "play"}}}}})), "bad_request"},
      {"reset", with_at(json::array({{{"step", 3}, {"control", {{"bank", 3}}}}})), "bad_request"},
      {"reset", with_at(json::array({{{"step", 3}, {"control", {{"control", "force_default"}, {"bank", 100}}}}})), "unknown_bank"},
      {"reset", with_at(json::array({{{"step", 3}, {"control", {{"control", "price_shock"}, {"share", 2}}}}})), "out_of_range"},
      {"reset", with_at(json::array({{{"step", 3}, {"control", {{"control", "policy"}, {"policy", "genius"}}}}})), "unknown_policy"},
      {"reset", {{"banks", 1}, {"at", json::array({{{"step", 3}, {"control", fd}}})}, {"to_step", 10}}, "out_of_range"},
      {"reset", with_at(json(std::vector<json>(Session::kMaxRunControls + 1, {{"step", 1}, {"control", fd}}))), "out_of_range"},
  };
  for (const Case& c : cases) {
    INFO(c.control << " " << c.body.dump().substr(0, 200));
    auto r = s.control(c.control, c.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK_FALSE(r.error().message.empty());
    CHECK(fingerprint(s) == before);
  }
}

TEST_CASE("a run holds at most kMaxRunControls controls, so its at always opens a branch") {
  Session s = fresh({{"banks", 20}});
  for (std::size_t k = 0; k < Session::kMaxRunControls; ++k) control(s, "price_shock", {{"share", 0.001}});
  const std::string before = fingerprint(s);
  auto refused = s.control("policy", {{"policy", "random"}});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "out_of_range");
  CHECK(fingerprint(s) == before);
  json body{{"banks", 20}, {"at", s.status()["at"]}, {"to_step", 0}};
  Session branch = fresh(body);
  CHECK(branch.applied_controls().size() == Session::kMaxRunControls);
}

TEST_CASE("replay_steps says what a control would replay, for adapters that bound it") {
  CHECK(Session::replay_steps("reset", {{"to_step", 300}}) == 300);
  CHECK(Session::replay_steps("reset", {{"scenario", "calm"}}) == 0);
  CHECK(Session::replay_steps("reset", {{"to_step", -4}}) == 0);
  CHECK(Session::replay_steps("reset", json::array()) == 0);
  CHECK(Session::replay_steps("rewind", {{"step", 12}}) == 12);
  CHECK(Session::replay_steps("step", {{"step", 12}}) == 0);
}
