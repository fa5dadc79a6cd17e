// Idempotency-Key: a retried request gets the first answer; the key cannot be reused for another.
#include <catch2/catch.hpp>

#include <thread>

#include "api_support.hpp"

using namespace finsim::test;

TEST_CASE("the same key and body give the same stored answer once, another body with the key is refused") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "I"}, {"initial_capital", 10000}});
  const std::string orders = "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders";
  const json body = {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 3}};
  const Headers key = {{"Idempotency-Key", "order-7f3a"}};
  const HttpReply first = call(port, "POST", orders, body, key);
  const json a = expect(first, 201);
  const HttpReply second = call(port, "POST", orders, body, key);
  CHECK(expect(second, 201) == a);
  CHECK(second.header("idempotent-replayed") == "true");
  CHECK(first.header("idempotent-replayed").empty());
  CHECK(second.header("location") == first.header("location"));
  // Same meaning, other bytes (key order, spacing): the same request.
  CHECK(expect(http(port, "POST", orders, R"({ "quantity": 3, "side": "buy", "ticker": "TEC1" })", key), 201) == a);
  CHECK(get(port, orders)["orders"].size() == 1);

  CHECK(error_code(call(port, "POST", orders, {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 4}}, key), 422) ==
        "idempotency_key_reused");
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", 1}}, key), 422) ==
        "idempotency_key_reused");
  // A refused request's answer is kept too: retrying it does not suddenly succeed or change anything.
  const Headers bad_key = {{"Idempotency-Key", "order-bad"}};
  const json nope = {{"ticker", "NOPE"}, {"side", "buy"}, {"quantity", 1}};
  CHECK(error_code(call(port, "POST", orders, nope, bad_key), 422) == "unknown_ticker");
  CHECK(call(port, "POST", orders, nope, bad_key).header("idempotent-replayed") == "true");
  CHECK(error_code(call(port, "POST", orders, body, {{"Idempotency-Key", std::string(300, 'k')}}), 400) == "bad_request");
  CHECK(get(port, orders)["orders"].size() == 1);
}

TEST_CASE("concurrent retries of one key place one order") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "C"}, {"initial_capital", 10000}});
  const std::string orders = "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders";
  const json body = {{"ticker", "FIN1"}, {"side", "buy"}, {"quantity", 1}};
  std::vector<std::thread> clients;
  std::vector<std::string> answers(8);
  for (std::size_t i = 0; i < answers.size(); ++i)
    clients.emplace_back([&, i] { answers[i] = http(port, "POST", orders, body.dump(), {{"Idempotency-Key", "same"}}).body; });
  for (auto& c : clients) c.join();
  for (const std::string& a : answers) CHECK(a == answers[0]);
  CHECK(get(port, orders)["orders"].size() == 1);
}

TEST_CASE("a body nested 100,000 deep with an Idempotency-Key is refused and the server lives on") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const char* target : {"/api/markets/import", "/api/portfolios"}) {
    INFO(target);
    const HttpReply r = http(port, "POST", target, deep, {{"Content-Type", "application/json"}, {"Idempotency-Key", "deep-1"}});
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
  }
  CHECK(get(port, "/api/portfolios").contains("portfolios"));  // still serving
}
