// The REST controls: every control works, and every bad one gets the right 4xx JSON error and
// changes nothing (the status before equals the status after).
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "finsim/catalogue.hpp"
#include "http_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

using namespace finsim::test;
using nlohmann::json;

namespace {

HttpReply post(int port, const std::string& path, const std::string& body = "") {
  return http(port, "POST", path, body, {{"Content-Type", "application/json"}});
}

void check_error(const HttpReply& r, int status, const std::string& code) {
  INFO("body: " << r.body);
  CHECK(r.status == status);
  CHECK(r.header("content-type") == "application/json");
  const json j = json::parse(r.body);
  CHECK(j["error"]["code"] == code);
  CHECK(j["error"]["message"].is_string());
  CHECK_FALSE(j["error"]["message"].get<std::string>().empty());
}

}  // namespace

TEST_CASE("step, play, pause, speed and status work and answer the status with viewers and session") {
  ServerProcess server;
  const int port = server.port();
  json st = control_status(port);
  CHECK(st["timestep"] == 0);
  CHECK(st["running"] == false);
  CHECK(st["session"] == "default");
  CHECK(st["viewers"] == 0);
  CHECK(st["scenario"] == "calm");
  CHECK(st["seed"] == 42);

  WsViewer viewer(port);
  REQUIRE(viewer.read_until_state(0));
  HttpReply r = post(port, "/control/step");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["timestep"] == 1);
  CHECK(json_of(r)["viewers"] == 1);
  CHECK(viewer.read_until_state(1));

  r = post(port, "/control/speed", R"({"steps_per_second": 20})");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["speed"] == 20.0);
  r = post(port, "/control/play");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["running"] == true);
  CHECK(viewer.read_until_state(6, std::chrono::milliseconds(3000)));
  r = post(port, "/control/pause");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["running"] == false);
  const int paused_at = json_of(r)["timestep"];
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(control_status(port)["timestep"] == paused_at);
}

TEST_CASE("reset rebuilds with the given scenario and seed, and viewers get the new state") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(post(port, "/control/step").status == 200);
  WsViewer viewer(port);
  REQUIRE(viewer.read_until_state(1));
  REQUIRE(viewer.read().type() == "METRICS_UPDATE");
  HttpReply r = post(port, "/control/reset", R"({"scenario":"liquidity_freeze","seed":7,"banks":60})");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["timestep"] == 0);
  CHECK(json_of(r)["scenario"] == "liquidity_freeze");
  CHECK(json_of(r)["seed"] == 7);
  CHECK(json_of(r)["banks"] == 60);
  const WsRead state = viewer.read();
  REQUIRE(state.type() == "STATE_UPDATE");
  CHECK(state.timestep() == 0);
  CHECK(json::parse(state.text)["payload"]["nodes"].size() == 60);
  CHECK(viewer.read().type() == "METRICS_UPDATE");
  // An empty body is {}: the current configuration again.
  CHECK(post(port, "/control/reset").status == 200);
}

TEST_CASE("interventions are accepted and take effect at the next step") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(post(port, "/control/force_default", R"({"bank": 3})").status == 200);
  REQUIRE(post(port, "/control/inject_liquidity", R"({"bank": 5, "amount": 10})").status == 200);
  REQUIRE(post(port, "/control/price_shock", R"({"share": 0.2})").status == 200);
  const HttpReply r = post(port, "/control/step");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["defaulted_banks"].get<int>() >= 1);
  // The bank is now in default: forcing it again is refused.
  check_error(post(port, "/control/force_default", R"({"bank": 3})"), 422, "bank_defaulted");
  check_error(post(port, "/control/force_action", R"({"bank": 3, "action": "LEND"})"), 422, "bank_defaulted");
}

TEST_CASE("force_action, policy modifiers and the lender of last resort work over REST") {
  ServerProcess server;
  const int port = server.port();
  const HttpReply reset = post(port, "/control/reset",
                               R"({"scenario": "liquidity_freeze", "policy": "heuristic+no_hoard", "lender_of_last_resort": 1})");
  REQUIRE(reset.status == 200);
  CHECK(json_of(reset)["policy"] == "heuristic+no_hoard");
  CHECK(json_of(reset)["lender_of_last_resort"] == 1);
  REQUIRE(post(port, "/control/force_action", R"({"bank": 0, "action": "HOARD"})").status == 200);
  const HttpReply step = post(port, "/control/step");
  REQUIRE(step.status == 200);
  CHECK(json_of(step)["timestep"] == 1);  // what the forced action does is the engine's test (force_action_test)
}

TEST_CASE("bad controls get the right 4xx and change nothing") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(post(port, "/control/step").status == 200);
  const json before = control_status(port);

  struct Case {
    std::string method, path, body;
    int status;
    std::string code;
  };
  const std::vector<Case> cases{
      {"POST", "/control/speed", "{\"steps_per_second\": ", 400, "bad_json"},
      {"POST", "/control/speed", "[1, 2]", 400, "bad_request"},
      {"POST", "/control/speed", "{}", 400, "bad_request"},
      {"POST", "/control/speed", R"({"steps_per_second": "fast"})", 400, "bad_request"},
      {"POST", "/control/speed", R"({"steps_per_second": 0})", 422, "out_of_range"},
      {"POST", "/control/speed", R"({"steps_per_second": 51})", 422, "out_of_range"},
      {"POST", "/control/play", R"({"now": true})", 400, "bad_request"},
      {"POST", "/control/reset", R"({"scenario": "no_such_scenario"})", 422, "unknown_scenario"},
      {"POST", "/control/reset", R"({"policy": "no_such_policy"})", 422, "unknown_policy"},
      {"POST", "/control/reset", R"({"no_such_parameter": 1})", 422, "unknown_parameter"},
      {"POST", "/control/reset", R"({"banks": 0})", 422, "out_of_range"},
      {"POST", "/control/reset", R"({"seed": -1})", 422, "out_of_range"},
      {"POST", "/control/reset", R"({"banks": "many"})", 422, "bad_value"},
      {"POST", "/control/force_default", R"({"bank": 100000})", 422, "unknown_bank"},
      {"POST", "/control/force_default", "{}", 400, "bad_request"},
      {"POST", "/control/inject_liquidity", R"({"bank": 1, "amount": -5})", 422, "out_of_range"},
      {"POST", "/control/price_shock", R"({"share": 1.5})", 422, "out_of_range"},
      {"POST", "/control/force_action", R"({"bank": 1, "action": "PANIC"})", 400, "bad_request"},
      {"POST", "/control/force_action", R"({"bank": 1})", 400, "bad_request"},
      {"POST", "/control/force_action", R"({"bank": 100000, "action": "HOARD"})", 422, "unknown_bank"},
      {"POST", "/control/reset", R"({"policy": "heuristic+no_panic"})", 422, "unknown_policy"},
      {"POST", "/control/reset", R"({"lender_of_last_resort": 2})", 422, "out_of_range"},
      {"POST", "/control/no_such_control", "{}", 404, "unknown_control"},
      {"POST", "/control/step?session=no-such-session", "{}", 404, "unknown_session"},
      {"GET", "/control/play", "", 405, "method_not_allowed"},
      {"DELETE", "/control/step", "", 405, "method_not_allowed"},
      {"POST", "/control/status", "", 405, "method_not_allowed"},
  };
  for (const Case& c : cases) {
    INFO(c.method << " " << c.path << " " << c.body);
    const HttpReply r = http(port, c.method, c.path, c.body);
    check_error(r, c.status, c.code);
    if (c.status == 405) CHECK_FALSE(r.header("allow").empty());
    CHECK(control_status(port) == before);
  }
  CHECK(http(port, "GET", "/control/play").header("allow") == "POST");
  CHECK(http(port, "POST", "/control/status").header("allow") == "GET, HEAD");
}

TEST_CASE("step while running is a conflict (409) that changes nothing") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(post(port, "/control/speed", R"({"steps_per_second": 0.1})").status == 200);  // first tick in 10 s
  REQUIRE(post(port, "/control/play").status == 200);
  const json before = control_status(port);
  check_error(post(port, "/control/step"), 409, "conflict");
  CHECK(control_status(port) == before);
}

TEST_CASE("oversized bodies get 413 and oversized headers 431, and change nothing") {
  ServerProcess server;
  const int port = server.port();
  const json before = control_status(port);
  const std::string big_body = "{\"scenario\":\"" + std::string(100 * 1024, 'x') + "\"}";
  check_error(post(port, "/control/reset", big_body), 413, "payload_too_large");
  check_error(http(port, "POST", "/control/step", "", {{"X-Padding", std::string(16 * 1024, 'y')}}), 431,
              "header_too_large");
  // A chunked body over the limit is refused too.
  std::string chunked = "POST /control/reset HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) chunked += "1000\r\n" + std::string(4096, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  check_error(raw_http(port, chunked), 413, "payload_too_large");
  CHECK(control_status(port) == before);
}

TEST_CASE("GET /api/scenarios is the engine's catalogue") {
  ServerProcess server;
  const HttpReply r = http(server.port(), "GET", "/api/scenarios");
  REQUIRE(r.status == 200);
  CHECK(json_of(r) == finsim::catalogue_json());
  CHECK(http(server.port(), "POST", "/api/scenarios").status == 405);
  CHECK(http(server.port(), "GET", "/api/nothing").status == 404);
}

TEST_CASE("a client that expects 100-continue gets it and then its answer") {
  ServerProcess server;
  const std::string body = R"({"steps_per_second": 5})";
  const int fd = connect_loopback(server.port());
  const std::string head = "POST /control/speed HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server.port()) +
                           "\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  REQUIRE(send(fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()));
  char buf[4096];
  const ssize_t n = recv(fd, buf, sizeof buf, 0);
  REQUIRE(n > 0);
  CHECK(std::string(buf, static_cast<std::size_t>(n)).rfind("HTTP/1.1 100 Continue\r\n\r\n", 0) == 0);
  REQUIRE(send(fd, body.data(), body.size(), 0) == static_cast<ssize_t>(body.size()));
  std::string answer;
  for (ssize_t k; (k = recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<std::size_t>(k));
  close(fd);
  CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(control_status(server.port())["speed"] == 5.0);
}

TEST_CASE("API answers allow cross-origin use and preflights") {
  ServerProcess server;
  const int port = server.port();
  CHECK(http(port, "GET", "/control/status").header("access-control-allow-origin") == "*");
  const HttpReply r = http(port, "OPTIONS", "/control/play");
  CHECK(r.status == 204);
  CHECK(r.header("access-control-allow-methods") == "POST");
  CHECK(r.header("access-control-allow-headers").find("Authorization") != std::string::npos);
}
