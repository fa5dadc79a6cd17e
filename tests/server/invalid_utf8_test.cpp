// Invalid UTF-8 in a request never ends the server (issue "Hardening", item 1): every answer that
// echoes request text replaces what is not UTF-8, and anything a handler throws becomes that request's
// 500. Each request below once aborted finsim-server.
#include <catch2/catch.hpp>

#include <signal.h>

#include "http_client.hpp"
#include "server_process.hpp"

using namespace finsim::test;

namespace {

bool alive(const ServerProcess& server) { return ::kill(server.pid(), 0) == 0; }

}  // namespace

TEST_CASE("requests carrying invalid UTF-8 get a 4xx with valid JSON, and the server lives on") {
  ServerProcess server;
  const int port = server.port();
  struct Case {
    std::string method, target;
    Headers headers;
  };
  const std::vector<Case> cases{
      {"GET", "/control/status?session=%ff", {}},
      {"GET", "/control/status?session=%c3%28", {}},
      {"GET", "/api/portfolios/%ff", {}},
      {"DELETE", "/sessions/%ff", {}},
      {"POST", "/control/step?session=%fe%ff", {}},
      {"GET", "/ws/simulation?session=%ff",
       {{"Upgrade", "websocket"}, {"Connection", "Upgrade"}, {"Sec-WebSocket-Version", "13"},
        {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}}},
  };
  for (const Case& c : cases) {
    INFO(c.method << " " << c.target);
    const HttpReply r = http(port, c.method, c.target, "", c.headers);
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
    CHECK_NOTHROW(json_of(r));
    REQUIRE(alive(server));
  }
  CHECK(control_status(port)["timestep"] == 0);  // still serving, nothing changed
}
