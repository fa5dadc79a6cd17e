// Viewers: identical streams, exactly the engine's bytes; late joiners get the state at once; the
// socket is server-to-client only.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <thread>

#include "finsim/session.hpp"
#include "http_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

using namespace finsim::test;
using nlohmann::json;

namespace {

/// Reads STATE_UPDATE texts until one has timestep >= last (or a failure); `seen` follows the
/// latest timestep read.
std::vector<std::string> collect_states(WsViewer& viewer, int last, std::atomic<int>& seen) {
  std::vector<std::string> states;
  for (;;) {
    const WsRead r = viewer.read(std::chrono::milliseconds(5000));
    if (!r.is_message()) return states;
    if (r.type() != "STATE_UPDATE") continue;
    states.push_back(r.text);
    seen = r.timestep();
    if (r.timestep() >= last) return states;
  }
}

/// Two viewers collect STATE_UPDATEs up to timestep `last`, each in its own thread, while
/// `drive(seen)` steers the session; seen(t) waits (up to 5 s) until both have read timestep t.
template <class Drive>
std::pair<std::vector<std::string>, std::vector<std::string>> two_viewers(int port, int last, Drive drive) {
  WsViewer a(port), b(port);
  std::vector<std::string> states_a, states_b;
  std::atomic<int> seen_a{-1}, seen_b{-1};
  std::thread ta([&] { states_a = collect_states(a, last, seen_a); });
  std::thread tb([&] { states_b = collect_states(b, last, seen_b); });
  drive([&](int t) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while ((seen_a < t || seen_b < t) && std::chrono::steady_clock::now() < end)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  ta.join();
  tb.join();
  return {states_a, states_b};
}

}  // namespace

TEST_CASE("two viewers receive identical STATE_UPDATE streams, byte for byte the engine's") {
  ServerProcess server;
  const int port = server.port();
  constexpr int kLast = 30;
  // Stepped through the REST control, each step once both viewers hold the previous one: a viewer
  // that is a whole step behind would (by design) skip a state, and a busy machine can make a test
  // process that slow.
  const auto [states_a, states_b] = two_viewers(port, kLast, [port](auto seen) {
    for (int t = 1; t <= kLast; ++t) {
      seen(t - 1);
      CHECK(http(port, "POST", "/control/step").status == 200);
    }
  });

  REQUIRE(states_a.size() == kLast + 1);  // timesteps 0 .. 30
  CHECK(states_a == states_b);

  // The server forwards the engine's messages unchanged: the same session run locally gives the
  // same bytes.
  auto local = finsim::Session::create();
  REQUIRE(local.ok());
  CHECK(states_a[0] == local->snapshot()[0]);
  for (int t = 1; t <= kLast; ++t) {
    const auto messages = local->advance();
    INFO("timestep " << t);
    CHECK(states_a[static_cast<std::size_t>(t)] == messages[messages.size() - 2]);
  }
}

TEST_CASE("two viewers of a running session see the same states, in order") {
  ServerProcess server;
  const int port = server.port();
  constexpr int kLast = 20;
  const auto [states_a, states_b] = two_viewers(port, kLast, [port](auto) {
    CHECK(http(port, "POST", "/control/speed", R"({"steps_per_second": 10})").status == 200);
    CHECK(http(port, "POST", "/control/play").status == 200);
  });
  REQUIRE(http(port, "POST", "/control/pause").status == 200);
  // A viewer skips a state only when it falls a whole step behind (a loaded machine can do that
  // to a test process), so compare timestep by timestep: same bytes wherever both have one.
  auto by_timestep = [](const std::vector<std::string>& states) {
    std::map<int, std::string> m;
    for (const auto& s : states) m[WsRead{WsRead::Kind::message, s, 0, ""}.timestep()] = s;
    return m;
  };
  const auto ma = by_timestep(states_a), mb = by_timestep(states_b);
  CHECK(ma.size() >= kLast / 2);
  CHECK(mb.size() >= kLast / 2);
  int common = 0;
  for (const auto& [t, text] : ma)
    if (auto it = mb.find(t); it != mb.end()) {
      CHECK(it->second == text);
      ++common;
    }
  CHECK(common >= kLast / 2);
}

TEST_CASE("a viewer that joins late gets the current STATE_UPDATE and METRICS_UPDATE at once") {
  ServerProcess server;
  const int port = server.port();
  for (int i = 0; i < 5; ++i) REQUIRE(http(port, "POST", "/control/step").status == 200);
  // Paused: nothing else is published, so what arrives is the snapshot sent on joining.
  const auto joined = std::chrono::steady_clock::now();
  WsViewer late(port);
  const WsRead state = late.read(std::chrono::milliseconds(1000));
  const WsRead metrics = late.read(std::chrono::milliseconds(1000));
  CHECK(std::chrono::steady_clock::now() - joined < std::chrono::milliseconds(1000));
  REQUIRE(state.type() == "STATE_UPDATE");
  CHECK(state.timestep() == 5);
  REQUIRE(metrics.type() == "METRICS_UPDATE");
  CHECK(metrics.timestep() == 5);
  CHECK(control_status(port)["viewers"] == 1);

  // While running, a late joiner's first state is at least as new as the status before it joined.
  REQUIRE(http(port, "POST", "/control/speed", R"({"steps_per_second": 20})").status == 200);
  REQUIRE(http(port, "POST", "/control/play").status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int now = control_status(port)["timestep"];
  WsViewer later(port);
  const WsRead first = later.read(std::chrono::milliseconds(1000));
  REQUIRE(first.type() == "STATE_UPDATE");
  CHECK(first.timestep() >= now);
}

TEST_CASE("viewers that go away are no longer counted") {
  ServerProcess server;
  {
    WsViewer a(server.port()), b(server.port());
    REQUIRE(wait_for_viewers(server.port(), 2));
  }  // both sockets closed without a close handshake
  CHECK(wait_for_viewers(server.port(), 0));
}

TEST_CASE("a viewer that sends data is closed with 1008 (policy violation)") {
  ServerProcess server;
  WsViewer viewer(server.port());
  REQUIRE(viewer.read_until_state(0));
  viewer.read();  // the metrics
  viewer.send_text(R"({"control":"play"})");
  const WsRead r = viewer.read(std::chrono::milliseconds(3000));
  CHECK(r.kind == WsRead::Kind::closed);
  CHECK(r.close_code == 1008);
  CHECK(control_status(server.port())["running"] == false);
}

TEST_CASE("a WebSocket for an unknown session is refused with 404, a plain GET with 426") {
  ServerProcess server;
  const std::string upgrade =
      "GET /ws/simulation?session=nope HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  const HttpReply r = raw_http(server.port(), upgrade);
  CHECK(r.status == 404);
  CHECK(json_of(r)["error"]["code"] == "unknown_session");
  const HttpReply plain = http(server.port(), "GET", "/ws/simulation");
  CHECK(plain.status == 426);
  CHECK(json_of(plain)["error"]["code"] == "upgrade_required");
}
