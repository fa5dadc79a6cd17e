// --control-token: controls and session changes need the bearer token; viewing stays open.
#include <catch2/catch.hpp>

#include "http_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

using namespace finsim::test;

TEST_CASE("the control token guards controls and session changes, not viewing") {
  ServerProcess server({"--control-token", "s3cret-token"});
  const int port = server.port();
  const auto before = control_status(port);

  HttpReply r = http(port, "POST", "/control/step");
  CHECK(r.status == 401);
  CHECK(json_of(r)["error"]["code"] == "unauthorized");
  CHECK(r.header("www-authenticate").rfind("Bearer", 0) == 0);
  CHECK(http(port, "POST", "/control/step", "", {{"Authorization", "Bearer wrong-token!"}}).status == 401);
  CHECK(http(port, "POST", "/control/step", "", {{"Authorization", "Bearer s3cret-toke"}}).status == 401);
  CHECK(http(port, "POST", "/control/step", "", {{"Authorization", "Basic s3cret-token"}}).status == 401);
  CHECK(http(port, "POST", "/sessions", R"({"id":"x"})").status == 401);
  CHECK(http(port, "DELETE", "/sessions/default").status == 401);
  CHECK(control_status(port) == before);

  // Viewing is open: status, the session list and the WebSocket.
  CHECK(http(port, "GET", "/sessions").status == 200);
  WsViewer viewer(port);
  REQUIRE(viewer.read_until_state(0));

  r = http(port, "POST", "/control/step", "", {{"Authorization", "Bearer s3cret-token"}});
  CHECK(r.status == 200);
  CHECK(json_of(r)["timestep"] == 1);
  CHECK(viewer.read_until_state(1));
  CHECK(http(port, "POST", "/sessions", R"({"id":"x"})", {{"Authorization", "bearer s3cret-token"}}).status == 201);
}
