// Live sessions across instances (server/fanout/fanout.hpp, docs/deploy.md): three real servers share
// a real Redis. Viewers on different instances receive identical streams; a late joiner on another
// instance gets the current state at once and then the same stream; controls sent through any
// instance reach the owner, and the control token holds everywhere; named sessions are seen, driven
// and closed from every instance; killing the owner (SIGKILL) lets another instance take the session
// over from its latest state, and the run goes on exactly as it would have. Redis restarting and a
// stalled owner: fanout_faults_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>

#include <csignal>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fanout_support.hpp"

using namespace finsim::test;
using nlohmann::json;
using std::chrono::milliseconds;


TEST_CASE("viewers on three instances receive identical streams, and controls through any instance drive it") {
  Instances cluster(1);
  REQUIRE(control_status(cluster.port(0))["owner"] == "a");
  std::vector<std::unique_ptr<WsViewer>> viewers;
  for (std::size_t i = 0; i < 3; ++i) viewers.push_back(std::make_unique<WsViewer>(cluster.port(i)));
  for (std::size_t i = 0; i < 3; ++i) REQUIRE(wait_for_viewers(cluster.port(i), 1));

  // A run with something happening: liquidity_freeze, set up and played through instance b, an
  // intervention through instance c.
  ok(post(cluster.port(1), "/control/reset", R"({"scenario":"liquidity_freeze","seed":7})"));
  ok(post(cluster.port(2), "/control/force_default", R"({"bank":3})"));
  ok(post(cluster.port(1), "/control/speed", R"({"steps_per_second":20})"));
  const json playing = ok(post(cluster.port(2), "/control/play"));
  CHECK(playing["running"] == true);
  CHECK(playing["owner"] == "a");
  // Each viewer read on a thread of its own: a viewer left unread would fall behind, and its queue
  // would rightly drop events (docs/server.md, "Publication and fan-out").
  std::vector<std::future<std::vector<std::string>>> reading;
  for (auto& v : viewers) reading.push_back(std::async(std::launch::async, [&v] { return read_stream(*v, 30); }));
  std::vector<std::vector<std::string>> streams;
  for (auto& r : reading) streams.push_back(r.get());
  for (const auto& stream : streams) REQUIRE(after_state(stream, 30).empty());  // each ends at step 30
  ok(post(cluster.port(1), "/control/pause"));
  // The reset's STATE_UPDATE of step 0 starts every stream alike.
  const auto reference = after_state(streams[0], 0);
  REQUIRE(reference.size() > 60);  // 30 steps' events, states and metrics
  for (std::size_t i = 1; i < 3; ++i) {
    INFO("instance " << i);
    CHECK(difference(after_state(streams[i], 0), reference) == "");
  }
  // Every instance reports the same run; each counts its own viewers.
  const json a = control_status(cluster.port(0));
  for (std::size_t i = 1; i < 3; ++i) {
    const json other = control_status(cluster.port(i));
    CHECK(other["timestep"] == a["timestep"]);
    CHECK(other["at"] == a["at"]);
    CHECK(other["owner"] == "a");
    CHECK(other["viewers"] == 1);
  }

  SECTION("the control token holds on every instance, and a refused control changes nothing") {
    for (std::size_t i = 0; i < 3; ++i) {
      const HttpReply r = post(cluster.port(i), "/control/step", "", false);
      CHECK(r.status == 401);
    }
    const HttpReply bad = post(cluster.port(2), "/control/force_default", R"({"bank":100000})");
    CHECK(bad.status == 422);
    CHECK(json_of(bad)["error"]["code"] == "unknown_bank");
    CHECK(control_status(cluster.port(0))["timestep"] == a["timestep"]);
    const json stepped = ok(post(cluster.port(2), "/control/step"));
    CHECK(stepped["timestep"] == a["timestep"].get<int>() + 1);
    CHECK(viewers[0]->read_until_state(a["timestep"].get<int>() + 1));
  }
}

TEST_CASE("a late joiner on another instance gets the current state at once, then the same stream") {
  Instances cluster(2, 2);
  ok(post(cluster.port(0), "/control/reset", R"({"scenario":"core_default","seed":5})"));
  ok(post(cluster.port(0), "/control/speed", R"({"steps_per_second":10})"));
  WsViewer early(cluster.port(0));
  ok(post(cluster.port(0), "/control/play"));
  REQUIRE(early.read_until_state(12));
  WsViewer late(cluster.port(1));
  const WsRead first = late.read(milliseconds(1000));
  REQUIRE(first.type() == "STATE_UPDATE");
  const int joined = first.timestep();
  // The owner's Redis writer stores the retained state just after the owner's own viewers got it, so the
  // joiner can start a step or two behind what the early viewer has read (once in CI: 11 against 12),
  // then catches up without a gap.
  CHECK(joined >= 10);
  // From the next step on, the same messages (the early viewer had read up to step 12 already), and
  // never an older state after the one it joined with.
  const int from = std::max(joined, 12);
  const auto late_stream = read_through(late, from + 8);
  const auto early_stream = read_through(early, from + 8);
  int last = joined;
  for (const std::string& m : late_stream) {
    WsRead r;
    r.kind = WsRead::Kind::message;
    r.text = m;
    if (r.type() != "STATE_UPDATE") continue;
    CHECK(r.timestep() == last + 1);
    last = r.timestep();
  }
  CHECK(difference(after_state(early_stream, from + 1), after_state(late_stream, from + 1)) == "");
}

TEST_CASE("a crowd joining a paused session on another instance at once: every viewer gets the current state") {
  Instances cluster(5, 2);
  ok(post(cluster.port(0), "/control/reset", R"({"scenario":"core_default","seed":9})"));
  for (int i = 0; i < 3; ++i) ok(post(cluster.port(0), "/control/step"));
  // The first joiners of instance b arrive while its relay is being set up from Redis.
  constexpr int kCrowd = 200;
  std::vector<std::future<int>> joined;
  for (int i = 0; i < kCrowd; ++i)
    joined.push_back(std::async(std::launch::async, [port = cluster.port(1)] {
      WsViewer viewer(port);
      // Paused: a viewer left without the snapshot would wait for ever; 10 s is for a busy machine.
      const WsRead first = viewer.read(milliseconds(10000));
      return first.type() == "STATE_UPDATE" ? first.timestep() : -1;
    }));
  std::vector<int> firsts;
  for (auto& j : joined) firsts.push_back(j.get());
  CHECK(firsts == std::vector<int>(kCrowd, 3));
}

TEST_CASE("named sessions are seen, driven, explained and closed from every instance") {
  Instances cluster(3);
  HttpReply created = http(cluster.port(1), "POST", "/sessions", R"({"id":"lab","reset":{"scenario":"core_default","seed":3}})",
                           {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + kToken}});
  REQUIRE(created.status == 201);
  // The id is taken everywhere.
  HttpReply again = http(cluster.port(2), "POST", "/sessions", R"({"id":"lab"})",
                         {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + kToken}});
  CHECK(again.status == 409);
  const json listed = json_of(http(cluster.port(0), "GET", "/sessions"));
  std::vector<std::string> ids;
  for (const json& s : listed["sessions"]) ids.push_back(s["session"]);
  CHECK(ids == std::vector<std::string>{"default", "lab"});

  WsViewer viewer(cluster.port(2), "/ws/simulation?session=lab");
  REQUIRE(viewer.read_until_state(0));
  for (int i = 0; i < 12; ++i) ok(post(cluster.port(0), "/control/step?session=lab"));
  REQUIRE(viewer.read_until_state(12));
  const json status = json_of(http(cluster.port(2), "GET", "/sessions/lab"));
  CHECK(status["timestep"] == 12);
  CHECK(status["owner"] == "b");
  CHECK(status["instance"] == "c");

  // "Why did it fail?" answered on an instance that does not run the session: the same answer.
  const int failed = [&] {
    for (int bank = 0; bank < 100; ++bank) {
      const HttpReply r = http(cluster.port(1), "GET", "/sessions/lab/why?bank=" + std::to_string(bank));
      if (r.status == 200) return bank;
    }
    return -1;
  }();
  REQUIRE(failed >= 0);  // core_default's core bank has failed by step 12
  const std::string target = "/sessions/lab/why?bank=" + std::to_string(failed);
  CHECK(http(cluster.port(0), "GET", target).body == http(cluster.port(1), "GET", target).body);

  HttpReply closed = http(cluster.port(0), "DELETE", "/sessions/lab", "", {{"Authorization", "Bearer " + kToken}});
  REQUIRE(closed.status == 200);
  WsRead end = viewer.read_any(milliseconds(3000));
  while (end.is_message()) end = viewer.read_any(milliseconds(3000));  // what was queued before the close
  CHECK(end.kind == WsRead::Kind::closed);
  CHECK(end.close_code == 1000);
  CHECK(http(cluster.port(2), "GET", "/sessions/lab").status == 404);
}

TEST_CASE("killing the owner: another instance takes the session over from its latest state, and the run goes on alike") {
  Instances cluster(4);
  const std::string reset = R"({"scenario":"liquidity_freeze","seed":11})";
  ok(post(cluster.port(1), "/control/reset", reset));
  ok(post(cluster.port(1), "/control/inject_liquidity", R"({"bank":5,"amount":20})"));
  ok(post(cluster.port(1), "/control/speed", R"({"steps_per_second":10})"));
  WsViewer on_b(cluster.port(1));
  WsViewer on_c(cluster.port(2));
  // Each survivor's viewer is read on a thread of its own from the start (one left unread would fall
  // behind, and its queue would rightly coalesce states): the steps it saw, and how its stream ended.
  auto seen_b = std::async(std::launch::async, [&] { return watch(on_b, 60); });
  auto seen_c = std::async(std::launch::async, [&] { return watch(on_c, 60); });
  ok(post(cluster.port(1), "/control/play"));
  while (control_status(cluster.port(1))["timestep"] < 10) std::this_thread::sleep_for(milliseconds(50));

  const auto killed_at = std::chrono::steady_clock::now();
  REQUIRE(cluster.servers[0]->stop(SIGKILL) == 128 + SIGKILL);
  json status;
  for (int i = 0; i < 100; ++i) {
    status = control_status(cluster.port(1));
    if (status["owner"] != "a") break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  REQUIRE((status["owner"] == "b" || status["owner"] == "c"));
  const bool b_owns = status["owner"] == "b";
  const Seen relayed = (b_owns ? seen_c : seen_b).get();
  const Seen moved = (b_owns ? seen_b : seen_c).get();
  const double resumed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - killed_at).count();
  // The viewer on the other survivor kept its connection: the run stopped, then went on to step 60
  // without a gap or a repeat.
  REQUIRE(!relayed.steps.empty());
  CHECK(relayed.steps.back() >= 60);
  CHECK(consecutive(relayed.steps));
  CHECK(resumed_s < 3.0 + 1.0 + 60 / 10.0 + 3.0);  // the lease, a renewal period, 60 steps at 10/s, slack
  // The new owner's own viewers of the session were told to reconnect (1012), and may.
  CHECK(moved.end.kind == WsRead::Kind::closed);
  CHECK(moved.end.close_code == 1012);
  WsViewer reconnected(cluster.port(b_owns ? 1 : 2));
  CHECK(reconnected.read_until_state(relayed.steps.back() + 1));
  status = control_status(cluster.port(2));
  CHECK(status["running"] == true);
  CHECK(status["speed"] == 10.0);

  // Paused through the survivor that does not own it, the taken-over run equals the uninterrupted one.
  const std::size_t other = b_owns ? 2 : 1;
  const json paused = ok(post(cluster.port(other), "/control/pause"));
  const int at = paused["timestep"];
  WsViewer check(cluster.port(other));
  const WsRead now = check.read(milliseconds(2000));
  REQUIRE(now.type() == "STATE_UPDATE");
  REQUIRE(now.timestep() == at);
  ServerProcess alone;  // a server of its own, the same run without any instance dying
  WsViewer reference(alone.port());
  REQUIRE(reference.read_until_state(0));
  json body = json::parse(reset);
  body["at"] = json::array({{{"step", 1}, {"control", {{"control", "inject_liquidity"}, {"bank", 5}, {"amount", 20}}}}});
  body["to_step"] = at;
  REQUIRE(http(alone.port(), "POST", "/control/reset", body.dump(), {{"Content-Type", "application/json"}}).status == 200);
  WsRead expected = reference.read(milliseconds(5000));
  while (expected.is_message() && !(expected.type() == "STATE_UPDATE" && expected.timestep() == at))
    expected = reference.read(milliseconds(5000));
  REQUIRE(expected.is_message());
  CHECK(expected.text == now.text);
}
