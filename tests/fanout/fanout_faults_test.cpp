// Faults of a shared session (server/fanout/fanout.hpp, docs/deploy.md, "When the owner dies",
// "Safety"): Redis restarting under a playing session, Redis stalling, and an owner that stalls past its
// lease and then resumes. What the docs promise is what is checked: the owner's own viewers see no gap, a relay's
// viewers are told to reconnect (1012) and get the stream again, a stalled owner's session is taken over
// and the owner, resumed, never speaks for it again.
#include <catch2/catch.hpp>

#include <csignal>
#include <future>
#include <thread>

#include "fanout_support.hpp"

using namespace finsim::test;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

/// A viewer on `port`, retrying for up to 15 s while the instance answers 503 (its Redis away, or the
/// session between owners), as the web app does.
std::unique_ptr<WsViewer> reconnect(int port) {
  for (int i = 0; i < 150; ++i) {
    try {
      return std::make_unique<WsViewer>(port);
    } catch (const std::runtime_error& e) {
      INFO(e.what());
      REQUIRE(std::string(e.what()).find("503") != std::string::npos);
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
  FAIL("no viewer could join on port " << port);
  return nullptr;
}

void wait_for_step(int port, int step) {
  for (int i = 0; i < 200 && control_status(port)["timestep"] < step; ++i) std::this_thread::sleep_for(milliseconds(50));
  REQUIRE(control_status(port)["timestep"] >= step);
}

}  // namespace

TEST_CASE("Redis restarting under a playing session: the owner's viewers see no gap, a relay's reconnect and go on") {
  OwnRedis redis;
  Instances cluster(redis.url(), 2);
  ok(post(cluster.port(0), "/control/speed", R"({"steps_per_second":10})"));
  WsViewer on_owner(cluster.port(0));
  WsViewer on_relay(cluster.port(1));
  REQUIRE(on_owner.read_until_state(0));
  REQUIRE(on_relay.read_until_state(0));
  auto owner_seen = std::async(std::launch::async, [&] { return watch(on_owner, 150); });
  auto relay_seen = std::async(std::launch::async, [&] { return watch(on_relay, 150); });
  ok(post(cluster.port(0), "/control/play"));
  wait_for_step(cluster.port(0), 10);

  redis.kill();  // its data goes with it: leases, hashes, subscriptions
  std::this_thread::sleep_for(milliseconds(1500));
  const int during = control_status(cluster.port(0))["timestep"];
  redis.start();

  // The relay's viewer is told to reconnect; reconnected, it gets the current state and the run goes on.
  const Seen relayed = relay_seen.get();
  CHECK(relayed.end.kind == WsRead::Kind::closed);
  CHECK(relayed.end.close_code == 1012);
  const auto again = reconnect(cluster.port(1));
  WsRead first = again->read(milliseconds(10000));
  while (first.is_message() && first.type() != "STATE_UPDATE") first = again->read(milliseconds(10000));
  REQUIRE(first.is_message());
  CHECK(first.timestep() > during);  // the run as the owner has it, not a run started afresh
  const Seen after = watch(*again, first.timestep() + 20);
  REQUIRE(!after.steps.empty());
  CHECK(after.steps.back() >= first.timestep() + 20);
  CHECK(consecutive(after.steps));

  // The owner never stopped: its own viewer saw every step, through the outage, without a gap.
  const Seen owned = owner_seen.get();
  REQUIRE(!owned.steps.empty());
  CHECK(owned.steps.back() >= 150);
  CHECK(consecutive(owned.steps));
  CHECK(during > 10);  // it stepped while Redis was down
  const json status = control_status(cluster.port(1));
  CHECK(status["owner"] == "a");
  CHECK(status["running"] == true);
}

TEST_CASE("an owner stalled past its lease is taken over, and resumed it never speaks for the session again") {
  Instances cluster(5);
  ok(post(cluster.port(0), "/control/reset", R"({"scenario":"liquidity_freeze","seed":7})"));
  ok(post(cluster.port(0), "/control/speed", R"({"steps_per_second":10})"));
  WsViewer on_owner(cluster.port(0));
  WsViewer on_c(cluster.port(2));
  REQUIRE(on_owner.read_until_state(0));
  REQUIRE(on_c.read_until_state(0));
  auto c_seen = std::async(std::launch::async, [&] { return watch(on_c, 80); });
  ok(post(cluster.port(0), "/control/play"));
  wait_for_step(cluster.port(0), 10);

  REQUIRE(::kill(cluster.servers[0]->pid(), SIGSTOP) == 0);  // a stall: alive, silent, holding its sockets
  json status;
  for (int i = 0; i < 100; ++i) {
    status = control_status(cluster.port(1));
    if (status["owner"] != "a") break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  REQUIRE(status["owner"] != "a");
  std::this_thread::sleep_for(milliseconds(1000));  // the new owner steps on
  REQUIRE(::kill(cluster.servers[0]->pid(), SIGCONT) == 0);

  // Resumed, the old owner notices its lease is gone: its copy stops and its viewer is told to reconnect
  // (whatever it had queued before the stall may come first).
  const Seen stalled = watch(on_owner, 1000000, milliseconds(10000));
  CHECK(stalled.end.kind == WsRead::Kind::closed);
  CHECK(stalled.end.close_code == 1012);
  // The viewer on the third instance saw one run: no step repeated or skipped, not by the resumed owner's
  // late publications, nor by the takeover.
  const Seen relayed = c_seen.get();
  REQUIRE(!relayed.steps.empty());
  CHECK(relayed.steps.back() >= 80);
  CHECK(consecutive(relayed.steps));
  // The old owner now serves the session as a relay of the new owner's.
  const json from_a = control_status(cluster.port(0));
  CHECK(from_a["owner"] == status["owner"]);
  CHECK(from_a["instance"] == "a");
  WsViewer rejoined(cluster.port(0));
  CHECK(rejoined.read_until_state(relayed.steps.back() + 1));
}

TEST_CASE("a stalled Redis holds no network thread: what does not need it is answered at once, the rest after") {
  OwnRedis redis;
  Instances cluster(redis.url(), 2);  // test servers run two network threads (server_process.cpp)
  REQUIRE(post(cluster.port(0), "/sessions", R"({"id":"lecture"})").status == 201);
  const int b = cluster.port(1);
  REQUIRE(http(b, "GET", "/control/status?session=lecture").status == 200);  // b knows it is a's
  redis.pause();  // connected and silent: every Redis round trip waits for its timeout
  // More requests that need Redis than b has network threads: statuses and joins of a's session, the
  // list of sessions. Each would hold a network thread for seconds if it ran on one.
  std::vector<std::future<int>> waiting;
  for (int i = 0; i < 3; ++i) {
    waiting.push_back(std::async(std::launch::async, [b] {
      return http(b, "GET", "/control/status?session=lecture", "", {}, milliseconds(20000)).status;
    }));
    waiting.push_back(std::async(std::launch::async, [b] { return http(b, "GET", "/sessions", "", {}, milliseconds(20000)).status; }));
    waiting.push_back(std::async(std::launch::async, [b] {
      try {
        WsViewer viewer(b, "/ws/simulation?session=lecture");
        return viewer.read(milliseconds(20000)).is_message() ? 200 : 0;
      } catch (const std::runtime_error& e) {
        return std::string(e.what()).find("503") != std::string::npos ? 503 : -1;
      }
    }));
  }
  std::this_thread::sleep_for(milliseconds(300));  // all of them under way
  // For the next 1.5 s (Redis still stalled; a command gives up after 2 s) b answers the rest at once.
  for (int i = 0; i < 5; ++i) {
    std::this_thread::sleep_for(milliseconds(250));
    const auto start = std::chrono::steady_clock::now();
    const HttpReply scenarios = http(b, "GET", "/api/scenarios", "", {}, milliseconds(10000));
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(scenarios.status == 200);
    CHECK(took < milliseconds(1000));
    CHECK(http(b, "GET", "/api/markets").status == 200);
  }
  redis.resume();
  // Each waiting request is answered — the stalled round trips as errors (503) or, once Redis is back,
  // as they should be —, none is left hanging.
  for (auto& w : waiting) {
    const int status = w.get();
    CHECK((status == 200 || status == 503));
  }
  CHECK(http(b, "GET", "/control/status?session=lecture").status == 200);
}

TEST_CASE("a control is answered once its publication is in Redis: a stalled Redis delays the answer, and joiners elsewhere start from it") {
  OwnRedis redis;
  Instances cluster(redis.url(), 2);
  ok(post(cluster.port(0), "/control/reset", R"({"scenario":"core_default","seed":9})"));
  ok(post(cluster.port(0), "/control/step"));
  redis.pause();
  // A step on the owner, while its publication cannot reach Redis: not acknowledged yet.
  auto stepped = std::async(std::launch::async, [port = cluster.port(0)] {
    return http(port, "POST", "/control/step", "",
                {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + kToken}}, milliseconds(20000));
  });
  CHECK(stepped.wait_for(milliseconds(600)) == std::future_status::timeout);
  // What does not change the session is still answered at once (no thread is held).
  CHECK(http(cluster.port(0), "GET", "/control/status").status == 200);
  redis.resume();
  const json answer = ok(stepped.get());
  CHECK(answer["timestep"] == 2);
  // Acknowledged means shared: a joiner on the other instance starts from step 2, never step 1.
  WsViewer joiner(cluster.port(1));
  const WsRead first = joiner.read(milliseconds(5000));
  REQUIRE(first.type() == "STATE_UPDATE");
  CHECK(first.timestep() == 2);
}
