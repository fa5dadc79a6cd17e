// Portfolios through the API: create, list, detail, update, archive; bad requests change nothing.
#include <catch2/catch.hpp>

#include "api_support.hpp"

using namespace finsim::test;

TEST_CASE("a portfolio is created with its settings, listed, shown and renamed") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const HttpReply created = call(port, "POST", "/api/portfolios",
                                 {{"name", "Alpha"}, {"initial_capital", 100000}, {"fee_structure", "ibkr_fixed"},
                                  {"model", "linear"}});
  const json p = expect(created, 201);
  CHECK(created.header("location") == "/api/portfolios/" + std::to_string(p["id"].get<int>()));
  CHECK(p["name"] == "Alpha");
  CHECK(p["cash"] == 100000.0);
  CHECK(p["nav"] == 100000.0);
  CHECK(p["total_return"] == 0.0);
  CHECK(p["status"] == "active");
  CHECK(p["kind"] == "live");
  CHECK(p["model"] == "linear");
  CHECK(p["fee_structure"]["name"] == "ibkr_fixed");
  CHECK(p["holdings"].empty());
  CHECK(p["allocation"]["by_class"].size() == 5);
  CHECK(p["opened_on"] == get(port, "/api/markets/1")["current_date"]);

  const json list = get(port, "/api/portfolios")["portfolios"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"] == p["id"]);
  const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
  CHECK(get(port, path)["name"] == "Alpha");

  const json renamed = expect(call(port, "PATCH", path, {{"name", "Beta"}, {"fee_structure", "zero"}}), 200);
  CHECK(renamed["name"] == "Beta");
  CHECK(renamed["fee_structure"]["name"] == "zero");
  CHECK(get(port, path)["name"] == "Beta");
  // The first NAV snapshot is the initial capital on the opening date.
  const json perf = get(port, path + "/performance");
  REQUIRE(perf["nav"].size() == 1);
  CHECK(perf["nav"][0]["nav"] == 100000.0);
}

TEST_CASE("bad portfolio requests get the right 4xx and change nothing") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  CHECK(error_code(call(port, "POST", "/api/portfolios", nullptr, {}), 422) == "bad_portfolio");  // no name
  CHECK(error_code(http(port, "POST", "/api/portfolios", "{not json"), 400) == "bad_json");
  CHECK(error_code(http(port, "POST", "/api/portfolios", "[1, 2]"), 400) == "bad_request");
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", -5}}), 422) == "bad_portfolio");
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", 0}}), 422) == "bad_portfolio");  // no money
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", "lots"}}), 422) ==
        "bad_portfolio");
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", 1}, {"colour", "red"}}),
                   422) == "bad_portfolio");
  CHECK(error_code(call(port, "POST", "/api/portfolios",
                        {{"name", "x"}, {"initial_capital", 1}, {"fee_structure", "no-such"}}),
                   422) == "unknown_fee_structure");
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", 1}, {"market_id", 9}}),
                   404) == "unknown_market");
  CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", 1}, {"model", "a b"}}),
                   422) == "bad_portfolio");
  for (const double id : {0.0, 0.5, -1.0, 1.5})  // once taken silently as the default market
    CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "x"}, {"initial_capital", 1}, {"market_id", id}}),
                     422) == "bad_portfolio");
  CHECK(get(port, "/api/portfolios")["portfolios"].empty());
  CHECK(error_code(call(port, "GET", "/api/portfolios/7"), 404) == "unknown_portfolio");
  CHECK(error_code(call(port, "GET", "/api/portfolios/abc"), 404) == "not_found");
  CHECK(error_code(call(port, "PUT", "/api/portfolios"), 405) == "method_not_allowed");
  CHECK(error_code(call(port, "GET", "/api/nothing-here"), 404) == "not_found");
  CHECK(error_code(call(port, "GET", "/api/portfolios?status=gone"), 422) == "bad_parameter");
}

TEST_CASE("archiving keeps the portfolio, cancels its pending orders and refuses new ones") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "Old"}, {"initial_capital", 5000}});
  const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
  const json order = expect(call(port, "POST", path + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}}), 201);
  CHECK(order["status"] == "pending");
  const json archived = expect(call(port, "DELETE", path), 200);
  CHECK(archived["status"] == "archived");
  CHECK(archived["archived_at"].is_string());
  CHECK(get(port, path + "/orders")["orders"][0]["status"] == "cancelled");
  CHECK(error_code(call(port, "POST", path + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}}), 409) ==
        "conflict");
  CHECK(error_code(call(port, "PATCH", path, {{"name", "New"}}), 409) == "conflict");
  CHECK(get(port, "/api/portfolios")["portfolios"].empty());
  CHECK(get(port, "/api/portfolios?status=archived")["portfolios"].size() == 1);
  CHECK(get(port, path)["status"] == "archived");  // still readable
  CHECK(expect(call(port, "DELETE", path), 200)["status"] == "archived");  // archiving again: same answer
  // An archived portfolio takes no more snapshots.
  advance(port, 2);
  CHECK(get(port, path + "/performance")["nav"].size() == 1);
}
