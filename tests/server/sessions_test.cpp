// Named sessions: created, listed and closed over REST; each has its own simulation and viewers.
#include <catch2/catch.hpp>

#include "http_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

using namespace finsim::test;
using nlohmann::json;

TEST_CASE("sessions are isolated: controls and viewers of one never reach another") {
  ServerProcess server;
  const int port = server.port();
  HttpReply r = http(port, "POST", "/sessions", R"({"id":"class-a","reset":{"scenario":"liquidity_freeze"}})");
  REQUIRE(r.status == 201);
  CHECK(json_of(r)["session"] == "class-a");
  CHECK(json_of(r)["scenario"] == "liquidity_freeze");
  CHECK(r.header("location") == "/sessions/class-a");
  r = http(port, "POST", "/sessions", "{}");
  REQUIRE(r.status == 201);
  const std::string other = json_of(r)["session"];
  CHECK(other.rfind("s-", 0) == 0);

  WsViewer viewer_a(port, "/ws/simulation?session=class-a");
  WsViewer viewer_other(port, "/ws/simulation?session=" + other);
  WsViewer viewer_default(port);
  for (WsViewer* v : {&viewer_a, &viewer_other, &viewer_default}) {
    REQUIRE(v->read().type() == "STATE_UPDATE");
    REQUIRE(v->read().type() == "METRICS_UPDATE");
  }
  for (int i = 0; i < 3; ++i) REQUIRE(http(port, "POST", "/control/step?session=class-a").status == 200);
  CHECK(viewer_a.read_until_state(3));
  CHECK(control_status(port, "class-a")["timestep"] == 3);
  CHECK(control_status(port, other)["timestep"] == 0);
  CHECK(control_status(port)["timestep"] == 0);
  CHECK(control_status(port, "class-a")["viewers"] == 1);
  // Nothing reached the other sessions' viewers.
  CHECK(viewer_other.read(std::chrono::milliseconds(300)).kind == WsRead::Kind::timeout);
  CHECK(viewer_default.read(std::chrono::milliseconds(300)).kind == WsRead::Kind::timeout);

  const json list = json_of(http(port, "GET", "/sessions"));
  REQUIRE(list["sessions"].size() == 3);
  CHECK(list["sessions"][0]["session"] == "class-a");
  CHECK(list["max_sessions"] == 16);
  CHECK(json_of(http(port, "GET", "/sessions/class-a"))["timestep"] == 3);
}

TEST_CASE("closing a session sends its viewers a close frame and forgets it") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(http(port, "POST", "/sessions", R"({"id":"temp"})").status == 201);
  WsViewer viewer(port, "/ws/simulation?session=temp");
  REQUIRE(viewer.read_until_state(0));
  const HttpReply r = http(port, "DELETE", "/sessions/temp");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["closed"] == "temp");
  CHECK(json_of(r)["viewers_disconnected"] == 1);
  WsRead last = viewer.read();
  while (last.is_message()) last = viewer.read();
  CHECK(last.kind == WsRead::Kind::closed);
  CHECK(last.close_code == 1000);
  CHECK(http(port, "GET", "/control/status?session=temp").status == 404);
  CHECK(http(port, "DELETE", "/sessions/temp").status == 404);
  CHECK(json_of(http(port, "GET", "/sessions"))["sessions"].size() == 1);
}

TEST_CASE("session errors: duplicate, bad id, bad body, the default session, the limit") {
  ServerProcess server({"--max-sessions", "3"});
  const int port = server.port();
  auto code = [](const HttpReply& r) { return json_of(r)["error"]["code"].get<std::string>(); };
  REQUIRE(http(port, "POST", "/sessions", R"({"id":"a"})").status == 201);
  HttpReply r = http(port, "POST", "/sessions", R"({"id":"a"})");
  CHECK(r.status == 409);
  CHECK(code(r) == "session_exists");
  r = http(port, "POST", "/sessions", R"({"id":"not ok!"})");
  CHECK(r.status == 400);
  r = http(port, "POST", "/sessions", R"({"id":"b","colour":"red"})");
  CHECK(r.status == 400);
  r = http(port, "POST", "/sessions", R"({"id":"b","reset":{"scenario":"nope"}})");
  CHECK(r.status == 422);
  CHECK(code(r) == "unknown_scenario");
  r = http(port, "DELETE", "/sessions/default");
  CHECK(r.status == 409);
  CHECK(code(r) == "conflict");
  REQUIRE(http(port, "POST", "/sessions", R"({"id":"b"})").status == 201);
  r = http(port, "POST", "/sessions", R"({"id":"c"})");
  CHECK(r.status == 429);
  CHECK(code(r) == "too_many_sessions");
  CHECK(http(port, "PUT", "/sessions").status == 405);
  CHECK(http(port, "GET", "/sessions/nope").status == 404);
}
