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

TEST_CASE("wrong tokens from one address are throttled with 429 and Retry-After, other addresses are not") {
  ServerProcess server({"--control-token", "s3cret-token"});
  const int port = server.port();
  const Headers wrong{{"Authorization", "Bearer guess"}};
  const Headers right{{"Authorization", "Bearer s3cret-token"}};
  // A missing token is no guess: it never counts.
  for (int i = 0; i < 12; ++i) REQUIRE(http(port, "POST", "/control/step").status == 401);
  for (int i = 0; i < 10; ++i) REQUIRE(http(port, "POST", "/control/step", "", wrong).status == 401);
  for (const Headers& h : {wrong, right}) {  // the right token too: no more answers to learn from
    const HttpReply r = http(port, "POST", "/control/step", "", h);
    CHECK(r.status == 429);
    CHECK(json_of(r)["error"]["code"] == "too_many_wrong_tokens");
    const int retry = std::stoi(r.header("retry-after"));
    CHECK(retry >= 1);
    CHECK(retry <= 60);
  }
  CHECK(http(port, "POST", "/api/portfolios", R"({"name":"P","initial_capital":1})", right).status == 429);
  CHECK(control_status(port)["timestep"] == 0);  // reading stays open for that address
  // Another client address is unaffected: the teacher's right token works, a wrong one is its own count.
  CHECK(http_from("127.0.0.2", port, "POST", "/control/step", "", right).status == 200);
  CHECK(http_from("127.0.0.2", port, "POST", "/control/step", "", wrong).status == 401);
  CHECK(http_from("127.0.0.2", port, "POST", "/control/step", "", right).status == 200);
  CHECK(control_status(port)["timestep"] == 2);
}
