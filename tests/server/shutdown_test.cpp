// SIGTERM and SIGINT: viewers get a close frame (1001 going away) and the server exits 0, also
// when a viewer has stopped reading.
#include <catch2/catch.hpp>

#include <csignal>

#include "http_client.hpp"
#include "server_process.hpp"
#include "stalled_viewer.hpp"
#include "ws_client.hpp"

using namespace finsim::test;

TEST_CASE("SIGTERM gives viewers a close frame (going away) and exits 0") {
  ServerProcess server;
  const int port = server.port();
  WsViewer viewer(port);
  REQUIRE(viewer.read_until_state(0));
  REQUIRE(http(port, "POST", "/control/speed", R"({"steps_per_second": 20})").status == 200);
  REQUIRE(http(port, "POST", "/control/play").status == 200);
  REQUIRE(viewer.read_until_state(3));
  const auto start = std::chrono::steady_clock::now();
  ::kill(server.pid(), SIGTERM);
  WsRead last = viewer.read();
  while (last.is_message()) last = viewer.read();
  CHECK(last.kind == WsRead::Kind::closed);
  CHECK(last.close_code == 1001);
  CHECK(server.stop(0) == 0);  // already signalled: wait for the exit
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
}

TEST_CASE("SIGINT with a stalled viewer still exits 0 within the grace period") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(http(port, "POST", "/control/reset", R"({"banks": 1000})").status == 200);
  REQUIRE(http(port, "POST", "/control/speed", R"({"steps_per_second": 20})").status == 200);
  StalledViewer stalled(port);
  REQUIRE(http(port, "POST", "/control/play").status == 200);
  WsViewer viewer(port);
  REQUIRE(viewer.read_until_state(5));
  const auto start = std::chrono::steady_clock::now();
  CHECK(server.stop(SIGINT, std::chrono::milliseconds(6000)) == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(4500));
}
