// Writes come from the server's own pages (docs/http-api.md): a page of another site (CSRF) or one that
// reaches the server through a rebound DNS name cannot change anything, even without a control token;
// bodies must be declared JSON; CORS names no one but an admitted origin on writes. Reads stay open.
#include <catch2/catch.hpp>

#include "http_client.hpp"
#include "server_process.hpp"

using namespace finsim::test;
using nlohmann::json;

namespace {

std::string own(int port) { return "127.0.0.1:" + std::to_string(port); }

std::string error_code(const HttpReply& r, int status) {
  INFO(r.body);
  REQUIRE(r.status == status);
  return json_of(r)["error"]["code"].get<std::string>();
}

std::size_t portfolio_count(int port) { return json_of(http(port, "GET", "/api/portfolios"))["portfolios"].size(); }

const std::string kPortfolio = R"({"name":"P","initial_capital":100})";

}  // namespace

TEST_CASE("a write must name this server in Host: a page reaching it through a rebound name is refused") {
  ServerProcess server;
  const int port = server.port();
  const std::string p = std::to_string(port);
  const std::vector<std::string> foreign{"evil.example:" + p,  "127.0.0.1.evil.example:" + p, "localhost.evil.example:" + p,
                                         "localhost:1" + p,    "127.0.0.1",  "evil.example",  "127.0.0.1:" + p + "@evil",
                                         ""};
  for (const std::string& host : foreign) {
    INFO("Host: " << host);
    CHECK(error_code(http(port, "POST", "/control/step", "", {{"Host", host}}), 403) == "wrong_host");
    CHECK(error_code(http(port, "POST", "/api/portfolios", kPortfolio, {{"Host", host}}), 403) == "wrong_host");
    CHECK(error_code(http(port, "DELETE", "/sessions/x", "", {{"Host", host}}), 403) == "wrong_host");
  }
  CHECK(control_status(port)["timestep"] == 0);
  CHECK(portfolio_count(port) == 0);
  // Reads stay open whatever the Host, and so does watching (a WebSocket changes nothing).
  CHECK(http(port, "GET", "/control/status", "", {{"Host", "evil.example:" + p}}).status == 200);
  const HttpReply ws = raw_http(port, "GET /ws/simulation HTTP/1.1\r\nHost: evil.example:" + p +
                                          "\r\nOrigin: http://evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
  CHECK(ws.status == 101);
  // The server's own names: localhost and any IP address, with its port.
  const std::vector<std::string> ours{own(port), "localhost:" + p, "LocalHost:" + p, "[::1]:" + p, "192.168.1.5:" + p};
  for (const std::string& host : ours) {
    INFO("Host: " << host);
    CHECK(http(port, "POST", "/control/step", "", {{"Host", host}}).status == 200);
  }
  CHECK(control_status(port)["timestep"] == 5);
}

TEST_CASE("a write from another site's page is refused, token or not: the Origin must be the server's own") {
  ServerProcess server;
  const int port = server.port();
  // What a page of any site could send before: a "simple request" (text/plain) with its own Origin.
  const Headers simple{{"Content-Type", "text/plain"}, {"Origin", "http://evil.example"}};
  Headers rebound = simple;
  rebound.emplace_back("Host", "evil.example:" + std::to_string(port));
  CHECK(error_code(http(port, "POST", "/api/portfolios", kPortfolio, rebound), 403) == "wrong_host");
  CHECK(error_code(http(port, "POST", "/api/portfolios", kPortfolio, simple), 403) == "cross_origin");
  const std::vector<std::string> foreign{"http://evil.example", "null",    "http://localhost:" + std::to_string(port),
                                         "https://" + own(port),  "http://127.0.0.1:1", "http://" + own(port) + ".evil.example"};
  for (const std::string& origin : foreign) {
    INFO("Origin: " << origin);
    CHECK(error_code(http(port, "POST", "/api/portfolios", kPortfolio, {{"Origin", origin}}), 403) == "cross_origin");
    CHECK(error_code(http(port, "POST", "/control/step", "", {{"Origin", origin}}), 403) == "cross_origin");
    CHECK(error_code(http(port, "POST", "/sessions", R"({"id":"x"})", {{"Origin", origin}}), 403) == "cross_origin");
  }
  CHECK(portfolio_count(port) == 0);
  CHECK(control_status(port)["timestep"] == 0);
  // The server's own page (Origin = http://<Host>), and clients that send no Origin (curl, scripts).
  CHECK(http(port, "POST", "/api/portfolios", kPortfolio, {{"Origin", "http://" + own(port)}}).status == 201);
  CHECK(http(port, "POST", "/api/portfolios", kPortfolio,
             {{"Host", "localhost:" + std::to_string(port)}, {"Origin", "http://localhost:" + std::to_string(port)}})
            .status == 201);
  CHECK(http(port, "POST", "/control/step").status == 200);
  CHECK(portfolio_count(port) == 2);
}

TEST_CASE("an origin named by --allow-origin (a proxy's public address) may write, and no other") {
  ServerProcess server({"--allow-origin", "https://finsim.example.edu", "--allow-origin", "http://lab.example:9000/"});
  const int port = server.port();
  const std::string proxy = "https://finsim.example.edu";
  // A proxy that keeps the public Host, and one that rewrites it to the server's address.
  const HttpReply kept = http(port, "POST", "/api/portfolios", kPortfolio, {{"Host", "finsim.example.edu"}, {"Origin", proxy}});
  CHECK(kept.status == 201);
  CHECK(kept.header("access-control-allow-origin") == proxy);
  CHECK(http(port, "POST", "/api/portfolios", kPortfolio, {{"Origin", proxy}}).status == 201);
  CHECK(http(port, "POST", "/control/step", "", {{"Host", "lab.example:9000"}, {"Origin", "http://lab.example:9000"}}).status == 200);
  CHECK(error_code(http(port, "POST", "/control/step", "", {{"Host", "finsim.example.edu:8443"}}), 403) == "wrong_host");
  CHECK(error_code(http(port, "POST", "/control/step", "", {{"Host", "lab.example"}}), 403) == "wrong_host");
  CHECK(error_code(http(port, "POST", "/control/step", "", {{"Origin", "http://finsim.example.edu"}}), 403) == "cross_origin");
  CHECK(error_code(http(port, "POST", "/control/step", "", {{"Origin", "https://other.example"}}), 403) == "cross_origin");
  CHECK(portfolio_count(port) == 2);
  CHECK(control_status(port)["timestep"] == 1);
}

TEST_CASE("a write's body must be declared JSON: text/plain and forms, which any page may send, are 415") {
  ServerProcess server;
  const int port = server.port();
  const json before = control_status(port);
  for (const std::string type : {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                                 "multipart/form-data; boundary=x", "application/jsonp", "text/csv"}) {
    INFO("Content-Type: " << type);
    CHECK(error_code(http(port, "POST", "/control/reset", R"({"scenario":"core_default"})", {{"Content-Type", type}}),
                     415) == "unsupported_media_type");
    CHECK(error_code(http(port, "POST", "/sessions", R"({"id":"x"})", {{"Content-Type", type}}), 415) ==
          "unsupported_media_type");
    CHECK(error_code(http(port, "POST", "/api/portfolios", kPortfolio, {{"Content-Type", type}}), 415) ==
          "unsupported_media_type");
  }
  // A body with no Content-Type at all (raw: the test client would declare JSON).
  const std::string body = R"({"scenario":"core_default"})";
  CHECK(error_code(raw_http(port, "POST /control/reset HTTP/1.1\r\nHost: " + own(port) + "\r\nContent-Length: " +
                                      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body),
                   415) == "unsupported_media_type");
  CHECK(control_status(port) == before);
  CHECK(portfolio_count(port) == 0);
  CHECK(json_of(http(port, "GET", "/sessions"))["sessions"].size() == 1);
  CHECK(error_code(http(port, "POST", "/control/step", "", {{"Content-Type", "text/plain"}}), 415) == "unsupported_media_type");
  CHECK(control_status(port) == before);
  // JSON in any spelling; a write without a body may declare nothing.
  CHECK(http(port, "POST", "/control/reset", body, {{"Content-Type", "Application/JSON; charset=utf-8"}}).status == 200);
  CHECK(control_status(port)["scenario"] == "core_default");
  CHECK(http(port, "POST", "/control/step").status == 200);
}

TEST_CASE("writes and their preflights name only an admitted origin in CORS, reads keep the wildcard") {
  ServerProcess server;
  const int port = server.port();
  const std::string mine = "http://" + own(port);
  CHECK(http(port, "GET", "/control/status").header("access-control-allow-origin") == "*");
  CHECK(http(port, "GET", "/api/portfolios", "", {{"Origin", "http://evil.example"}}).header("access-control-allow-origin") == "*");

  const HttpReply same = http(port, "POST", "/control/step", "", {{"Origin", mine}});
  CHECK(same.status == 200);
  CHECK(same.header("access-control-allow-origin") == mine);
  CHECK(same.header("vary") == "Origin");
  for (const HttpReply& r : {http(port, "POST", "/control/step"), http(port, "POST", "/control/nope"),
                             http(port, "POST", "/api/portfolios", "{}"),
                             http(port, "POST", "/control/step", "", {{"Origin", "http://evil.example"}})}) {
    INFO(r.status << " " << r.body);
    CHECK(r.header("access-control-allow-origin").empty());
  }

  auto preflight = [&](const std::string& path, const std::string& method, const std::string& origin) {
    return http(port, "OPTIONS", path, "", {{"Origin", origin}, {"Access-Control-Request-Method", method}});
  };
  const HttpReply foreign = preflight("/control/play", "POST", "http://evil.example");
  CHECK(foreign.status == 204);
  CHECK(foreign.header("access-control-allow-origin").empty());  // the browser sends nothing
  CHECK(preflight("/api/portfolios/1", "DELETE", "http://evil.example").header("access-control-allow-origin").empty());
  CHECK(preflight("/sessions", "POST", "http://evil.example").header("access-control-allow-origin").empty());
  CHECK(preflight("/control/play", "POST", mine).header("access-control-allow-origin") == mine);
  // A preflight for a read (a GET with Authorization) stays open to every page.
  CHECK(preflight("/api/portfolios", "GET", "http://evil.example").header("access-control-allow-origin") == "*");
}
