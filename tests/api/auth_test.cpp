// --control-token: changing portfolios, orders, signals, fees, backtests and markets needs the token;
// reading (and the fee preview, which changes nothing) stays open.
#include <catch2/catch.hpp>

#include "api_support.hpp"

using namespace finsim::test;

TEST_CASE("with a control token, the API's changes need it and its reads do not") {
  ServerProcess server(api_server_args(300, {"--control-token", "tok-123"}));
  const int port = server.port();
  const Headers auth = {{"Authorization", "Bearer tok-123"}};
  const json body = {{"name", "T"}, {"initial_capital", 100}};
  const HttpReply refused = call(port, "POST", "/api/portfolios", body);
  CHECK(error_code(refused, 401) == "unauthorized");
  CHECK(refused.header("www-authenticate").rfind("Bearer", 0) == 0);
  CHECK(error_code(call(port, "POST", "/api/portfolios", body, {{"Authorization", "Bearer wrong"}}), 401) == "unauthorized");
  CHECK(error_code(call(port, "POST", "/api/markets/1/advance", json::object()), 401) == "unauthorized");
  CHECK(error_code(call(port, "POST", "/api/signals", json::object()), 401) == "unauthorized");
  CHECK(error_code(call(port, "POST", "/api/backtests", json::object()), 401) == "unauthorized");
  CHECK(error_code(call(port, "POST", "/api/fee-structures", json::object()), 401) == "unauthorized");
  CHECK(get(port, "/api/portfolios")["portfolios"].empty());
  const json p = expect(call(port, "POST", "/api/portfolios", body, auth), 201);
  const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
  CHECK(error_code(call(port, "DELETE", path), 401) == "unauthorized");
  CHECK(error_code(call(port, "PATCH", path, {{"name", "U"}}), 401) == "unauthorized");
  CHECK(get(port, path)["status"] == "active");
  CHECK(get(port, "/api/markets")["markets"].size() == 1);
  expect(call(port, "POST", "/api/fees/preview", {{"fee_structure", "flat"}, {"side", "buy"}, {"quantity", 1}, {"price", 10}}), 200);
  // A preflight answers without the token, naming the methods.
  const HttpReply pre = call(port, "OPTIONS", path);
  CHECK(pre.status == 204);
  CHECK(pre.header("access-control-allow-methods") == "GET, HEAD, PATCH, DELETE");
  CHECK(pre.header("access-control-allow-headers").find("Authorization") != std::string::npos);
}
