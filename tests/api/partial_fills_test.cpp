// Volume-aware fills through the API (docs/portfolio-api.md, "Partial fills"): on an imported market
// with volumes, a portfolio capped at 10 % of each bar's volume fills a large order in parts, each part
// at its bar's close, nothing at a bar of unknown volume; the order shows what it has filled and its
// parts, holds back only what remains, and a restart replays it all. A market without volumes says so.
#include <catch2/catch.hpp>

#include "api_support.hpp"

using namespace finsim::test;

namespace {

// One stock over seven business days; the volume of 2024-01-04 is unknown.
const std::string kCsv =
    "date,ticker,asset_type,close,volume\n"
    "2024-01-02,VOL1,stock,100,1000\n"
    "2024-01-03,VOL1,stock,101,200\n"
    "2024-01-04,VOL1,stock,102,\n"
    "2024-01-05,VOL1,stock,103,500\n"
    "2024-01-08,VOL1,stock,104,100\n"
    "2024-01-09,VOL1,stock,105,10000\n"
    "2024-01-10,VOL1,stock,106,10000\n";

int import_market(int port) { return import_csv_market(port, "?name=volumes&clock=start", kCsv); }

/// Two bars of one stock, without a volume column.
const std::string kNoVolumes = "date,ticker,asset_type,close\n2024-01-02,AAA,stock,10\n2024-01-03,AAA,stock,11\n";

}  // namespace

TEST_CASE("an order larger than its share of each bar's volume fills in parts, and a restart keeps them") {
  const std::string db_path = fresh_store(make_temp_dir(), "partial_fills");
  json p, order;
  int market = 0;
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    market = import_market(port);
    CHECK(error_code(call(port, "POST", "/api/portfolios",
                          {{"name", "X"}, {"initial_capital", 1000}, {"max_participation", 1.5}, {"market_id", market}}),
                     422) == "bad_participation");
    p = create_portfolio(port, {{"name", "Capped"}, {"initial_capital", 100000}, {"fee_structure", "zero"},
                                {"market_id", market}, {"max_participation", 0.1}});
    CHECK(p["max_participation"] == 0.1);
    order = expect(call(port, "POST", portfolio_path(p) + "/orders", {{"ticker", "VOL1"}, {"side", "buy"}, {"quantity", 120}}), 201);
    const std::string path = portfolio_path(p) + "/orders/" + std::to_string(order["id"].get<int>());
    CHECK(get(port, portfolio_path(p))["reserved_cash"].get<double>() == Approx(120 * 100 * 1.1).margin(0.01));
    // 2024-01-03: 10 % of 200 = 20 units at 101; the rest waits, holding back only what it still needs.
    json moved = advance(port, 1, market);
    CHECK(moved["orders"]["partial"] == 1);
    CHECK(moved["orders"]["pending"] == 1);
    json now = get(port, path);
    CHECK(now["status"] == "pending");
    CHECK(now["filled"] == 20.0);
    REQUIRE(now["parts"].size() == 1);
    CHECK(now["parts"][0]["quantity"] == 20.0);
    CHECK(now["parts"][0]["price"] == 101.0);
    CHECK(now["parts"][0]["part_of"] == order["id"]);
    CHECK(now["fill"].is_null());
    const json detail = get(port, portfolio_path(p));
    // 100 units left, at the close before its placement (100) + 10 % (reservation.hpp): 13,200 before.
    CHECK(detail["reserved_cash"].get<double>() == Approx(100 * 100 * 1.1).margin(0.01));
    // 2024-01-04: no volume known, nothing; 01-05: 50 at 103; 01-08: 10 at 104.
    CHECK(advance(port, 1, market)["orders"]["partial"] == 0);
    CHECK(advance(port, 1, market)["orders"]["partial"] == 1);
    CHECK(advance(port, 1, market)["orders"]["partial"] == 1);
    CHECK(get(port, path)["filled"] == 80.0);
    // 01-09: 1,000 allowed, the last 40 fill: the order is filled, in four parts.
    moved = advance(port, 1, market);
    CHECK(moved["orders"]["filled"] == 1);
    now = get(port, path);
    CHECK(now["status"] == "filled");
    CHECK(now["filled"] == 120.0);
    REQUIRE(now["parts"].size() == 4);
    double units = 0, cost = 0;
    for (const json& part : now["parts"]) {
      units += part["quantity"].get<double>();
      cost += part["trade_value"].get<double>();
    }
    CHECK(units == 120.0);
    CHECK(cost == 20 * 101 + 50 * 103 + 10 * 104 + 40 * 105);
    CHECK(get(port, portfolio_path(p))["holdings"][0]["quantity"] == 120.0);
  }
  // A restart replays the parts into the same book, and the order still shows them.
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  const json reloaded = get(again.port(), portfolio_path(p));
  CHECK(reloaded["holdings"][0]["quantity"] == 120.0);
  CHECK(reloaded["max_participation"] == 0.1);
  const json stored = get(again.port(), portfolio_path(p) + "/orders/" + std::to_string(order["id"].get<int>()));
  CHECK(stored["parts"].size() == 4);
  CHECK(get(again.port(), portfolio_path(p) + "/transactions")["transactions"].size() == 4);
}

TEST_CASE("a market without volumes refuses a participation cap, for a portfolio and for a backtest") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const int flat = import_csv_market(port, "?name=no-volumes", kNoVolumes);
  CHECK(error_code(call(port, "POST", "/api/portfolios",
                        {{"name", "X"}, {"initial_capital", 1000}, {"max_participation", 0.1}, {"market_id", flat}}),
                   422) == "no_volume");
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "momentum"}, {"max_participation", 0.1}, {"market_id", flat}}),
                   422) == "no_volume");
  CHECK(get(port, "/api/portfolios")["portfolios"].empty());
  // The simulated market has volumes: a capped portfolio trades on it, a small order in one fill.
  const json p = create_portfolio(port, {{"name", "Capped"}, {"initial_capital", 10000}, {"max_participation", 0.05}});
  expect(call(port, "POST", portfolio_path(p) + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 3}}), 201);
  CHECK(advance(port)["orders"]["filled"] == 1);
}

TEST_CASE("a bracket's entry filled in parts arms its exits for the units it got, even when cancelled") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const int market = import_market(port);
  const json p = create_portfolio(port, {{"name", "Bracket"}, {"initial_capital", 100000}, {"fee_structure", "zero"},
                                         {"market_id", market}, {"max_participation", 0.1}});
  const json entry = expect(call(port, "POST", portfolio_path(p) + "/orders",
                                 {{"ticker", "VOL1"}, {"side", "buy"}, {"quantity", 120}, {"bracket", {{"stop_loss", 50}}}}),
                            201);
  const std::string exit_path = portfolio_path(p) + "/orders/" + std::to_string(entry["bracket"][0]["id"].get<int>());
  advance(port, 1, market);  // 20 of 120
  CHECK(get(port, exit_path)["active"] == false);  // the entry is not done: its exit waits
  expect(call(port, "DELETE", portfolio_path(p) + "/orders/" + std::to_string(entry["id"].get<int>())), 200);
  const json exit = get(port, exit_path);
  CHECK(exit["status"] == "pending");
  CHECK(exit["active"] == true);
  CHECK(exit["quantity"] == 20.0);  // the units the entry got
  CHECK(exit["placed"] == "2024-01-03");
}
