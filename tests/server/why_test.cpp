// "Why did this bank fail?" over HTTP (server/why_api.hpp, docs/http-api.md): a failed bank of a live
// session is explained by the engine's sentences on both paths; what cannot be explained is a clear
// 4xx; the answers run off the sessions' lanes and nothing asked ends the server.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"

using namespace finsim::test;
using nlohmann::json;

namespace {

std::string code_of(const HttpReply& r) { return json_of(r)["error"]["code"].get<std::string>(); }

/// Creates session `id` with `reset` and steps it `steps` times.
void played(int port, const std::string& id, const std::string& reset, int steps) {
  REQUIRE(http(port, "POST", "/sessions", R"({"id":")" + id + R"(","reset":)" + reset + "}").status == 201);
  for (int t = 0; t < steps; ++t) REQUIRE(http(port, "POST", "/control/step?session=" + id).status == 200);
}

}  // namespace

TEST_CASE("a failed bank of a session is explained with the engine's sentences, on both paths") {
  ServerProcess server;
  const int port = server.port();
  // core_default, seed 3001: Bank 79 fails at step 14 (finsim why --scenario core_default --seed 3001 --bank 79 --steps 30).
  played(port, "class-a", R"({"scenario":"core_default","seed":3001})", 30);
  const HttpReply r = http(port, "GET", "/sessions/class-a/why?bank=79");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").find("application/json") == 0);
  const json answer = json_of(r);
  CHECK(answer["bank"] == 79);
  CHECK(answer["default_step"] == 14);
  CHECK(answer["horizon"] == 30);
  REQUIRE(answer["sentences"].size() >= 2);
  CHECK(answer["sentences"][0] == "Bank 79 failed at step 14, illiquid: it could not pay what fell due.");
  CHECK(answer["sentences"][1] == "Had the scenario's shock not come at step 10, it would still be standing at step 30.");
  // The same question through the control path, and again: the same answer, byte for byte.
  CHECK(http(port, "GET", "/control/why?session=class-a&bank=79").body == r.body);
  CHECK(http(port, "GET", "/sessions/class-a/why?bank=79").body == r.body);
  // Asking changed nothing.
  CHECK(control_status(port, "class-a")["timestep"] == 30);

  // The default session, by /control/why without a session.
  REQUIRE(http(port, "POST", "/control/reset", R"({"scenario":"core_default","seed":3001})").status == 200);
  for (int t = 0; t < 30; ++t) REQUIRE(http(port, "POST", "/control/step").status == 200);
  CHECK(http(port, "GET", "/control/why?bank=79").body == r.body);
  CHECK(http(port, "GET", "/sessions/default/why?bank=79").body == r.body);
}

TEST_CASE("what cannot be explained is refused with a clear 4xx, and the server goes on") {
  ServerProcess server;
  const int port = server.port();
  played(port, "class-a", R"({"scenario":"core_default","seed":3001})", 30);
  HttpReply r = http(port, "GET", "/sessions/class-a/why?bank=3");  // still standing
  CHECK(r.status == 422);
  CHECK(code_of(r) == "bank_not_failed");
  r = http(port, "GET", "/sessions/class-a/why?bank=100");
  CHECK(r.status == 422);
  CHECK(code_of(r) == "unknown_bank");
  for (const std::string bad : {"?bank=-1", "?bank=abc", "?bank=", "?bank=7.5", "?bank=99999999999", ""}) {
    r = http(port, "GET", "/sessions/class-a/why" + bad);
    INFO(bad);
    CHECK(r.status == 400);
    CHECK(code_of(r) == "bad_request");
  }
  r = http(port, "GET", "/sessions/nobody/why?bank=79");
  CHECK(r.status == 404);
  CHECK(code_of(r) == "unknown_session");
  CHECK(http(port, "GET", "/control/why?session=nobody&bank=79").status == 404);
  r = http(port, "POST", "/sessions/class-a/why?bank=79", "{}", {{"Content-Type", "application/json"}});
  CHECK(r.status == 405);
  CHECK(r.header("allow") == "GET, HEAD");
  CHECK(http(port, "GET", "/control/status").status == 200);
}

TEST_CASE("a run above the bound of banks × steps is refused before any replay") {
  ServerProcess server;
  const int port = server.port();
  // 1,001 banks over 200 steps: 200,200 banks × steps, above ExplanationBounds::run_bank_steps (200,000).
  REQUIRE(http(port, "POST", "/sessions", R"({"id":"big","reset":{"scenario":"calm","banks":1001}})").status == 201);
  REQUIRE(http(port, "POST", "/control/force_default?session=big", R"({"bank":0})",
               {{"Content-Type", "application/json"}}).status == 200);
  for (int t = 0; t < 199; ++t) REQUIRE(http(port, "POST", "/control/step?session=big").status == 200);
  // 1,001 × 199: within the bound; its replays may outlast http()'s 3-s read under the sanitizers.
  REQUIRE(http(port, "GET", "/sessions/big/why?bank=0", "", {}, std::chrono::seconds(120)).status == 200);
  REQUIRE(http(port, "POST", "/control/step?session=big").status == 200);
  const HttpReply r = http(port, "GET", "/sessions/big/why?bank=0");
  CHECK(r.status == 422);
  CHECK(code_of(r) == "analysis_too_large");
  CHECK(json_of(r)["error"]["message"].get<std::string>().find("1001 banks over 200 steps") != std::string::npos);
}

TEST_CASE("an explanation whose replays would simulate more than the server's whole-work bound is refused", "[why]") {
  ServerProcess server;
  const int port = server.port();
  // 1,000 banks over 199 steps (199,000 banks × steps a replay, within the run's bound). Bank 0 is forced
  // to default after `shocks` price shocks, each a cause of its failure (interventions are never
  // grouped); the replays that run to the end are one per shock (it alone), the one without the forced
  // default and the one without any: shocks + 2 of them. ExplanationBounds::work_bank_steps (2,000,000) holds 9
  // (with the short replays that stop at the failure), not 11.
  auto ask = [port](const std::string& id, int shocks) {
    const std::string reset = R"({"id":")" + id + R"(","reset":{"scenario":"calm","banks":1000}})";
    REQUIRE(http(port, "POST", "/sessions", reset).status == 201);
    for (int k = 0; k < shocks; ++k) {
      REQUIRE(http(port, "POST", "/control/price_shock?session=" + id, R"({"share":0.001})",
                   {{"Content-Type", "application/json"}}).status == 200);
      REQUIRE(http(port, "POST", "/control/step?session=" + id).status == 200);
    }
    REQUIRE(http(port, "POST", "/control/force_default?session=" + id, R"({"bank":0})",
                 {{"Content-Type", "application/json"}}).status == 200);
    for (int t = shocks; t < 199; ++t) REQUIRE(http(port, "POST", "/control/step?session=" + id).status == 200);
    // Up to 2,000,000 banks × steps of replays: under the sanitizers that outlasts http()'s 3-s read.
    const std::string question = "GET /sessions/" + id + "/why?bank=0 HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                "\r\nConnection: close\r\n\r\n";
    return raw_http(port, question, std::chrono::seconds(120));
  };
  const HttpReply weighed = ask("seven", 7);
  REQUIRE(weighed.status == 200);
  CHECK(json_of(weighed)["causes"].size() == 8);
  const HttpReply refused = ask("nine", 9);
  CHECK(refused.status == 422);
  CHECK(code_of(refused) == "analysis_too_large");
  const std::string message = json_of(refused)["error"]["message"];
  CHECK(message.find("10 causes, even in groups, with up to 22 replays of 1000 banks over 199 steps") != std::string::npos);
  CHECK(http(port, "GET", "/control/status?session=nine").status == 200);
}

TEST_CASE("a crowd asking at once gets answers or a 503 to ask again, and the server goes on") {
  ServerProcess server;
  const int port = server.port();
  played(port, "class-a", R"({"scenario":"core_default","seed":3001})", 30);
  std::vector<std::future<HttpReply>> asked;
  // The ninth waiting question is refused at once, but the queued ones take their turn: under the
  // sanitizers nine explanations outlast http()'s 3-s read, so the crowd waits up to a minute.
  const std::string ask = "GET /sessions/class-a/why?bank=79 HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                          "\r\nConnection: close\r\n\r\n";
  for (int i = 0; i < 16; ++i)
    asked.push_back(std::async(std::launch::async, [port, ask] { return raw_http(port, ask, std::chrono::seconds(60)); }));
  int answered = 0;
  for (auto& f : asked) {
    const HttpReply r = f.get();
    if (r.status == 200) {
      ++answered;
      continue;
    }
    CHECK(r.status == 503);
    CHECK(code_of(r) == "analysis_busy");
    CHECK(r.header("retry-after") == "1");
  }
  CHECK(answered >= 1);
  CHECK(http(port, "GET", "/sessions/class-a/why?bank=79").status == 200);
  CHECK(http(port, "POST", "/control/step?session=class-a").status == 200);
}
