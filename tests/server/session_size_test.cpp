// How large a session a client may build (issue "Hardening", item 8; docs/server.md, "Session size"):
// without the control token at most --max-banks banks (2,000 by default), refused before anything is
// built; the holder of the token may build any network the engine accepts.
#include <catch2/catch.hpp>

#include "finsim/session.hpp"
#include "http_client.hpp"
#include "server_process.hpp"
#include "session_size.hpp"

using namespace finsim::test;
using nlohmann::json;

namespace {

const Headers kToken{{"Authorization", "Bearer s3cret-token"}};

std::string create_body(int banks) {
  return R"({"id":"big","reset":{"banks":)" + std::to_string(banks) + "}}";
}

}  // namespace

TEST_CASE("a session above the bank bound is refused without the token and built with it") {
  ServerProcess server({"--control-token", "s3cret-token"});
  const int port = server.port();
  HttpReply r = http(port, "POST", "/sessions", create_body(2500));
  CHECK(r.status == 401);
  r = http(port, "POST", "/sessions", create_body(2500), {{"Authorization", "Bearer wrong"}});
  CHECK(r.status == 401);
  CHECK(json_of(http(port, "GET", "/sessions"))["sessions"].size() == 1);
  r = http(port, "POST", "/sessions", create_body(2500), kToken);
  REQUIRE(r.status == 201);
  CHECK(json_of(r)["banks"] == 2500);
  r = http(port, "POST", "/control/reset", R"({"banks":2600})", kToken);
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["banks"] == 2600);
}

TEST_CASE("without a token configured, nobody builds a session above --max-banks") {
  ServerProcess server;
  const int port = server.port();
  const json list = json_of(http(port, "GET", "/sessions"));
  CHECK(list["max_banks"] == finsim::server::kDefaultMaxBanks);
  CHECK(finsim::server::kDefaultMaxBanks == 2000);

  HttpReply r = http(port, "POST", "/sessions", create_body(2001));
  CHECK(r.status == 403);
  CHECK(json_of(r)["error"]["code"] == "too_many_banks");
  const std::string message = json_of(r)["error"]["message"];
  CHECK(message.find("2001") != std::string::npos);
  CHECK(message.find("--max-banks") != std::string::npos);
  CHECK(json_of(http(port, "GET", "/sessions"))["sessions"].size() == 1);  // nothing was created
  CHECK(http(port, "POST", "/sessions", create_body(2000)).status == 201);

  // A reset is held to the same bound, whatever leads to the size: the banks asked for, or a scenario
  // with them; a failing reset changes nothing.
  const json before = control_status(port);
  r = http(port, "POST", "/control/reset", R"({"banks":20000})");
  CHECK(r.status == 403);
  CHECK(json_of(r)["error"]["code"] == "too_many_banks");
  CHECK(http(port, "POST", "/control/reset", R"({"scenario":"calm","banks":5000})").status == 403);
  CHECK(control_status(port) == before);
  // The engine's own refusals keep their answers.
  CHECK(json_of(http(port, "POST", "/control/reset", R"({"banks":30000})"))["error"]["code"] == "out_of_range");
  CHECK(json_of(http(port, "POST", "/control/reset", R"({"banks":"many"})"))["error"]["code"] == "bad_value");
  // Within the bound, a reset works, and a later one that keeps the size needs no banks field.
  r = http(port, "POST", "/control/reset?session=big", R"({"seed":7})");
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["banks"] == 2000);
}

TEST_CASE("the max-banks option lets a teacher raise the bound for everyone") {
  ServerProcess server({"--max-banks", "3000"});
  const int port = server.port();
  CHECK(json_of(http(port, "GET", "/sessions"))["max_banks"] == 3000);
  CHECK(http(port, "POST", "/sessions", create_body(3000)).status == 201);
  CHECK(http(port, "POST", "/control/reset", R"({"banks":3001})").status == 403);
}

TEST_CASE("the bank bound: the token lifts it, and a configuration is measured before it is built") {
  using finsim::server::bank_bound;
  using finsim::server::check_bank_bound;
  finsim::server::HttpRequest with;
  with.headers = {{"Authorization", "Bearer t"}};
  const finsim::server::HttpRequest without;
  CHECK(bank_bound(with, "t", 2000) == finsim::kMaxBanks);
  CHECK(bank_bound(without, "t", 2000) == 2000);
  CHECK(bank_bound(with, "other", 2000) == 2000);
  CHECK(bank_bound(with, "", 2000) == 2000);  // no token configured: nobody holds it

  finsim::SimConfig config;
  config.banks = 2000;
  CHECK(check_bank_bound(config, 2000).ok());
  config.banks = 2001;
  CHECK(check_bank_bound(config, 2000).error().code == "too_many_banks");

  // The engine tells what a reset would build without building it.
  auto session = finsim::Session::create(json{{"banks", 50}});
  REQUIRE(session.ok());
  CHECK(session->reset_config(json{{"seed", 3}})->banks == 50);  // the current size stays
  CHECK(session->reset_config(json{{"banks", 20000}})->banks == 20000);
  CHECK(session->reset_config(json{{"banks", 30000}}).error().code == "out_of_range");
  CHECK(session->simulation().banks() == 50);  // nothing changed
  CHECK(finsim::Session::create_config(json::object())->banks == 100);
  CHECK(finsim::Session::create_config(json{{"scenario", "calm"}, {"banks", 700}})->banks == 700);
}
