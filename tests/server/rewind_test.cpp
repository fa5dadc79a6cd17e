// Rewind, branch and the policy switch over REST and the WebSocket (docs/http-api.md): the server only
// forwards the engine's controls, so a viewer sees a rewound session go on byte for byte as it went the
// first time; replays are bounded for clients without the token by the server's one replay rule.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

using namespace finsim::test;
using nlohmann::json;

namespace {

const Headers kJson{{"Content-Type", "application/json"}};

// Controls here replay runs up to the server's bound (2,000 steps of 100 banks): under the sanitizers
// that may outlast http()'s 3-s read, so an answer is waited for up to a minute.
HttpReply post(int port, const std::string& path, const std::string& body = "") {
  return http(port, "POST", path, body, kJson, std::chrono::seconds(60));
}

std::string code_of(const HttpReply& r) { return json_of(r)["error"]["code"].get<std::string>(); }

// The contract messages a viewer receives up to and including the METRICS_UPDATE of `timestep`.
std::vector<std::string> read_through(WsViewer& viewer, int timestep) {
  std::vector<std::string> out;
  for (;;) {
    const WsRead m = viewer.read();
    REQUIRE(m.is_message());
    out.push_back(m.text);
    if (m.type() == "METRICS_UPDATE" && m.timestep() == timestep) return out;
  }
}

// `n` steps over REST; the messages the viewer got for them.
std::vector<std::string> step(int port, WsViewer& viewer, int from, int n) {
  std::vector<std::string> out;
  for (int t = from + 1; t <= from + n; ++t) {
    REQUIRE(post(port, "/control/step").status == 200);
    for (std::string& m : read_through(viewer, t)) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

TEST_CASE("POST /control/policy and /control/rewind: a rewound session goes on as it went, for every viewer") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(post(port, "/control/reset", R"({"scenario":"liquidity_freeze","seed":8})").status == 200);
  WsViewer viewer(port);
  read_through(viewer, 0);
  step(port, viewer, 0, 10);
  HttpReply r = post(port, "/control/policy", R"({"policy":"all_hoard+no_fire_sale"})");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["policy"] == "heuristic");
  CHECK(json_of(r)["current_policy"] == "all_hoard+no_fire_sale");
  CHECK(json_of(r)["at"] == json::parse(R"([{"step":11,"control":{"control":"policy","policy":"all_hoard+no_fire_sale"}}])"));
  const std::vector<std::string> first = step(port, viewer, 10, 20);  // steps 11..30
  CHECK(first[first.size() - 2].find(R"("current_policy":"all_hoard+no_fire_sale")") != std::string::npos);

  r = post(port, "/control/rewind", R"({"step":20})");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["timestep"] == 20);
  CHECK(json_of(r)["running"] == false);
  CHECK(json_of(r)["at"].size() == 1);
  // The rewind's own messages: step 20's STATE_UPDATE and METRICS_UPDATE, as the viewer first got them.
  const std::vector<std::string> rewound = read_through(viewer, 20);
  REQUIRE(rewound.size() == 2);
  std::vector<std::string> first_20;
  for (const std::string& m : first)
    if (m.find(R"("timestep":20,)") != std::string::npos || m.find(R"("timestep":20})") != std::string::npos) first_20.push_back(m);
  CHECK(rewound == first_20);
  // Going on with no new control: steps 21..30 again, byte for byte.
  const std::vector<std::string> again = step(port, viewer, 20, 10);
  CHECK(again == std::vector<std::string>(first.end() - static_cast<long>(again.size()), first.end()));

  // Refused controls change nothing.
  const json before = control_status(port);
  r = post(port, "/control/rewind", R"({"step":31})");
  CHECK(r.status == 422);
  CHECK(code_of(r) == "out_of_range");
  r = post(port, "/control/policy", R"({"policy":"genius"})");
  CHECK(r.status == 422);
  CHECK(code_of(r) == "unknown_policy");
  r = post(port, "/control/rewind", R"({})");
  CHECK(r.status == 400);
  CHECK(code_of(r) == "bad_request");
  CHECK(control_status(port) == before);
}

TEST_CASE("a reset body with at and to_step opens the run at that step, in a session of its own") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(post(port, "/control/reset", R"({"scenario":"core_default","seed":3})").status == 200);
  for (int t = 0; t < 12; ++t) {
    if (t == 5) REQUIRE(post(port, "/control/force_action", R"({"bank":4,"action":"HOARD"})").status == 200);
    REQUIRE(post(port, "/control/step").status == 200);
  }
  const json original = control_status(port);
  json reset{{"scenario", "core_default"}, {"seed", 3}, {"at", original["at"]}, {"to_step", original["timestep"]}};
  const HttpReply created = post(port, "/sessions", json{{"id", "branch"}, {"reset", reset}}.dump());
  REQUIRE(created.status == 201);
  CHECK(json_of(created)["timestep"] == 12);
  CHECK(json_of(created)["at"] == original["at"]);
  // Both worlds go on alike.
  WsViewer a(port), b(port, "/ws/simulation?session=branch");
  read_through(a, 12);
  read_through(b, 12);
  for (const std::string session : {"", "?session=branch"}) REQUIRE(post(port, "/control/step" + session).status == 200);
  CHECK(read_through(a, 13) == read_through(b, 13));
}

TEST_CASE("without the token, replays are held to the server's bound of banks × steps") {
  ServerProcess server({"--control-token", "t0ken"});
  const int port = server.port();
  const Headers with_token{{"Content-Type", "application/json"}, {"Authorization", "Bearer t0ken"}};
  // 100 banks to step 2,001: 200,100 banks × steps, above the bound of 200,000.
  // A replay of 2,001 steps: under the sanitizers, on a busy machine, that may outlast http()'s 3-s read.
  HttpReply r = http(port, "POST", "/control/reset", R"({"to_step":2001})", with_token, std::chrono::seconds(60));
  REQUIRE(r.status == 200);  // the token holder may
  CHECK(json_of(r)["timestep"] == 2001);
  r = http(port, "POST", "/control/rewind", R"({"step":2001})", kJson);
  CHECK(r.status == 401);  // a write needs the token here at all
  // The same requests on a server without a token, where nobody holds one.
  ServerProcess open;
  const int p = open.port();
  const json before = control_status(p);
  r = post(p, "/control/reset", R"({"to_step":2001})");
  CHECK(r.status == 403);
  CHECK(code_of(r) == "replay_too_large");
  CHECK(json_of(r)["error"]["message"].get<std::string>().find("100 banks over 2001 steps") != std::string::npos);
  r = post(p, "/sessions", R"({"reset":{"banks":1000,"to_step":201}})");
  CHECK(r.status == 403);
  CHECK(code_of(r) == "replay_too_large");
  CHECK(control_status(p) == before);
  REQUIRE(post(p, "/control/reset", R"({"to_step":2000})").status == 200);  // at the bound
  REQUIRE(post(p, "/control/step").status == 200);
  r = post(p, "/control/rewind", R"({"step":2001})");
  CHECK(r.status == 403);
  CHECK(code_of(r) == "replay_too_large");
  CHECK(post(p, "/control/rewind", R"({"step":1999})").status == 200);
}
