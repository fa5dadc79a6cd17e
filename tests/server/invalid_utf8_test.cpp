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

std::string handshake(const std::string& target, const std::string& key) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + key + "\r\n\r\n";
}

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
  };
  for (const Case& c : cases) {
    INFO(c.method << " " << c.target);
    const HttpReply r = http(port, c.method, c.target, "", c.headers);
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
    CHECK_NOTHROW(json_of(r));
    REQUIRE(alive(server));
  }
  // A real WebSocket handshake (raw bytes: the test client would add "Connection: close").
  const HttpReply ws = raw_http(port, handshake("/ws/simulation?session=%ff", "dGhlIHNhbXBsZSBub25jZQ=="));
  CHECK(ws.status >= 400);
  CHECK(ws.status < 500);
  REQUIRE(alive(server));
  CHECK(control_status(port)["timestep"] == 0);  // still serving, nothing changed
}

TEST_CASE("a WebSocket handshake without a proper key is refused, and every answer says nosniff") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(raw_http(port, handshake("/ws/simulation", "dGhlIHNhbXBsZSBub25jZQ==")).status == 101);
  for (const std::string key : {std::string(""), std::string("short"), std::string(40, 'A')}) {
    INFO("Sec-WebSocket-Key '" << key << "'");
    const HttpReply r = raw_http(port, handshake("/ws/simulation", key));
    CHECK(r.status == 400);
    REQUIRE(alive(server));
  }
  for (const std::string target : {"/control/status", "/api/scenarios", "/no-such-file", "/control/nope"})
    CHECK(http(port, target == "/control/nope" ? "POST" : "GET", target).header("x-content-type-options") == "nosniff");
}

TEST_CASE("a chunked request with a trailer field over 64 KiB does not end the server") {
  ServerProcess server;
  const int port = server.port();
  const std::string request =
      "POST /control/step HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "2\r\n{}\r\n0\r\nX-Big: " + std::string(70000, 'a') + "\r\n\r\n";
  const HttpReply r = raw_http(port, request);
  CHECK((r.status == 0 || (r.status >= 400 && r.status < 500)));  // refused, or the connection closed
  REQUIRE(alive(server));
  CHECK(control_status(port)["timestep"].get<int>() <= 1);
}
