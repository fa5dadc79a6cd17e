// Markets: the embedded simulated market (seeded), its clock, and the banking link that pushes it
// into stress.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api_support.hpp"

using namespace finsim::test;

TEST_CASE("the default market is the seeded simulation: deterministic, visible up to its clock, extendable") {
  ServerProcess a(api_server_args(120, {"--market-seed", "7"}));
  ServerProcess b(api_server_args(120, {"--market-seed", "7"}));
  ServerProcess c(api_server_args(120, {"--market-seed", "8"}));
  const json m = get(a.port(), "/api/markets")["markets"][0];
  CHECK(m["kind"] == "simulated");
  CHECK(m["seed"] == 7);
  CHECK(m["bars"] == 120);
  CHECK(m["assets"] == 58);
  CHECK(m["first_date"] == "2015-01-05");
  CHECK(m["default"] == true);
  CHECK(m["extendable"] == true);
  const json pa = get(a.port(), "/api/markets/1/prices?tickers=TEC1,CRX1");
  CHECK(pa["dates"].size() == 120);
  CHECK(pa == get(b.port(), "/api/markets/1/prices?tickers=TEC1,CRX1"));
  CHECK(pa != get(c.port(), "/api/markets/1/prices?tickers=TEC1,CRX1"));
  const json assets = get(a.port(), "/api/markets/1/assets")["assets"];
  CHECK(assets[0]["sector"] == "Technology");
  CHECK(assets[0]["change"] == assets[0]["price"].get<double>() / assets[0]["previous_price"].get<double>() - 1.0);
  // Advancing generates bars, the same ones for the same seed.
  CHECK(advance(a.port(), 3)["market"]["bars"] == 123);
  advance(b.port(), 3);
  CHECK(get(a.port(), "/api/markets/1/prices?tickers=TEC1&from=2015-06-01") ==
        get(b.port(), "/api/markets/1/prices?tickers=TEC1&from=2015-06-01"));
  CHECK(error_code(call(a.port(), "POST", "/api/markets/1/advance", {{"bars", 0}}), 422) == "out_of_range");
  CHECK(error_code(call(a.port(), "POST", "/api/markets/1/advance", {{"stress", 2}}), 422) == "out_of_range");
  CHECK(error_code(call(a.port(), "GET", "/api/markets/9"), 404) == "not_found");
  CHECK(error_code(call(a.port(), "GET", "/api/markets/1/prices?tickers=NOPE"), 422) == "unknown_ticker");
}

TEST_CASE("a market advanced under a banking session's crisis takes its stress and its price fall") {
  ServerProcess server(api_server_args(120));
  const int port = server.port();
  // A calm day first: no banking stress.
  const json calm = expect(call(port, "POST", "/api/markets/1/advance", {{"banking_session", "default"}}), 200);
  CHECK(calm["conditions"]["banking"]["session"] == "default");
  // The banking simulation: a fire-sale price shock and defaults, then a step.
  expect(call(port, "POST", "/control/price_shock", {{"share", 0.6}}), 200);
  for (int bank : {0, 1, 2, 3, 4}) expect(call(port, "POST", "/control/force_default", {{"bank", bank}}), 200);
  expect(call(port, "POST", "/control/step"), 200);
  const json crisis = expect(call(port, "POST", "/api/markets/1/advance", {{"banking_session", "default"}}), 200);
  const json& c = crisis["conditions"];
  CHECK(c["banking"]["price_change"].get<double>() < 0.0);
  CHECK(c["banking"]["default_rate"].get<double>() > 0.0);
  CHECK(c["stress"].get<double>() > calm["conditions"]["stress"].get<double>());
  CHECK(c["jump"].get<double>() < 0.0);
  CHECK(crisis["bars"][0]["stress"] == c["stress"]);
  CHECK(error_code(call(port, "POST", "/api/markets/1/advance", {{"banking_session", "nope"}}), 404) == "unknown_session");
  CHECK(error_code(call(port, "POST", "/api/markets/1/advance", {{"banking_session", "default"}, {"stress", 0.5}}), 400) ==
        "bad_request");
  // Full stress for a while: the regime leaves calm.
  const json stressed = expect(call(port, "POST", "/api/markets/1/advance", {{"bars", 40}, {"stress", 1}}), 200);
  bool left_calm = false;
  for (const json& bar : stressed["bars"]) left_calm = left_calm || bar["regime"] != "calm";
  CHECK(left_calm);
}

TEST_CASE("an imported market at its last bar cannot advance") {
  ServerProcess server(api_server_args(60));
  const int port = server.port();
  const json m = expect(http(port, "POST", "/api/markets/import?name=tiny", "Date,X\n2024-01-02,10\n2024-01-03,11\n",
                             {{"Content-Type", "text/csv"}}),
                        201)["market"];
  CHECK(m["current_date"] == "2024-01-03");
  CHECK(m["extendable"] == false);
  CHECK(error_code(call(port, "POST", "/api/markets/" + std::to_string(m["id"].get<int>()) + "/advance", json::object()), 409) ==
        "conflict");
}

TEST_CASE("a market tied to a banking session advances with each of its steps, and can be untied") {
  ServerProcess server(api_server_args(60));
  const int port = server.port();
  CHECK(error_code(call(port, "PUT", "/api/markets/1/link", {{"session", "nope"}}), 404) == "unknown_session");
  CHECK(error_code(call(port, "PUT", "/api/markets/1/link", {{"sessions", "default"}}), 400) == "bad_request");
  CHECK(expect(call(port, "PUT", "/api/markets/1/link", {{"session", "default"}}), 200)["linked_session"] == "default");
  expect(call(port, "POST", "/control/price_shock", {{"share", 0.5}}), 200);
  for (int i = 0; i < 3; ++i) expect(call(port, "POST", "/control/step"), 200);
  // The steps queue their bars on the portfolio service: wait until they are in.
  json m;
  for (int tries = 0; tries < 200; ++tries) {
    m = get(port, "/api/markets/1");
    if (m["bars"] == 63) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(m["bars"] == 63);
  expect(call(port, "PUT", "/api/markets/1/link", {{"session", nullptr}}), 200);
  expect(call(port, "POST", "/control/step"), 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(get(port, "/api/markets/1")["bars"] == 63);
  CHECK(get(port, "/api/markets/1")["linked_session"].is_null());
}

TEST_CASE("with a market interval the default market moves on its own") {
  ServerProcess server(api_server_args(60, {"--market-interval", "0.05"}));
  const int port = server.port();
  json m;
  for (int tries = 0; tries < 200; ++tries) {
    m = get(port, "/api/markets/1");
    if (m["bars"].get<int>() >= 63) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(m["bars"].get<int>() >= 63);
  CHECK(m["current_date"] == m["last_date"]);
}
