// Slippage and spread through the API (docs/portfolio-api.md, "Slippage"): a portfolio's model moves every
// fill from the close, the fill says by how much, the order's estimate and the fee preview show it first,
// it survives a restart, a backtest pays it, and what a market cannot price is refused at once.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <thread>

#include "api_support.hpp"
#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/money.hpp"
#include "store/database.hpp"

using namespace finsim::test;
namespace pf = finsim::portfolio;

namespace {

const json kTenBps = {{"model", "fixed_bps"}, {"bps", 10}, {"spread_bps", 10}};  // 10 + 10 / 2 = 15 bps a trade

}  // namespace

TEST_CASE("a portfolio's slippage moves each fill from the close, the fill records it, and a restart keeps it") {
  const std::string db_path = fresh_store(make_temp_dir(), "slippage");
  json p;
  double paid = 0.0;
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    p = create_portfolio(port, {{"name", "S"}, {"initial_capital", 50000}, {"fee_structure", "flat"}, {"slippage", kTenBps}});
    CHECK(p["slippage"] == json{{"model", "fixed_bps"}, {"spread_bps", 10.0}, {"bps", 10.0}});
    const std::string today = get(port, "/api/markets/1")["current_date"];
    const double last = close_on(port, "TEC1", today);
    const json placed = expect(call(port, "POST", portfolio_path(p) + "/orders",
                                    {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 40}}), 201);
    CHECK(placed["estimate"]["reference_price"] == last);
    CHECK(placed["estimate"]["price"].get<double>() == Approx(last * 1.0015).epsilon(1e-12));
    CHECK(placed["estimate"]["slippage_rate"].get<double>() == Approx(0.0015).epsilon(1e-12));
    const json moved = advance(port);
    CHECK(moved["orders"]["filled"] == 1);
    const std::string next = moved["market"]["current_date"];
    const double close = close_on(port, "TEC1", next);
    json fill = get(port, portfolio_path(p) + "/transactions")["transactions"][0];
    CHECK(fill["reference_price"] == close);
    CHECK(fill["price"].get<double>() == Approx(close * 1.0015).epsilon(1e-12));
    CHECK(fill["trade_value"] == pf::round_to_cents(40 * fill["price"].get<double>()));
    CHECK(fill["slippage"] == pf::round_to_cents(40 * (fill["price"].get<double>() - close)));
    CHECK(fill["slippage"].get<double>() > 0.0);
    paid += fill["slippage"].get<double>();
    // A sell is moved down.
    expect(call(port, "POST", portfolio_path(p) + "/orders", {{"ticker", "TEC1"}, {"side", "sell"}, {"quantity", 40}}), 201);
    const std::string after = advance(port)["market"]["current_date"];
    fill = get(port, portfolio_path(p) + "/transactions")["transactions"][0];
    CHECK(fill["side"] == "sell");
    CHECK(fill["price"].get<double>() == Approx(close_on(port, "TEC1", after) * 0.9985).epsilon(1e-12));
    paid += fill["slippage"].get<double>();
    // The round trip lost the spread and the slippage on both legs, besides the price move and the fees.
    const json perf = get(port, portfolio_path(p) + "/performance");
    CHECK(perf["round_trips"][0]["pnl"].get<double>() ==
          Approx(40 * (close_on(port, "TEC1", after) - close) - paid - 2.0).margin(0.02));
  }
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  const json reloaded = get(again.port(), portfolio_path(p));
  CHECK(reloaded["slippage"] == p["slippage"]);
  const json fills = get(again.port(), portfolio_path(p) + "/transactions")["transactions"];
  REQUIRE(fills.size() == 2);
  CHECK(fills[0]["slippage"].get<double>() + fills[1]["slippage"].get<double>() == Approx(paid).margin(1e-9));
}

TEST_CASE("fills stored before slippage existed read as filled at the close, with nothing paid") {
  const std::string db_path = fresh_store(make_temp_dir(), "before_slippage");
  json p;
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    p = create_portfolio(server.port(), {{"name", "Old"}, {"initial_capital", 10000}});
    expect(call(server.port(), "POST", portfolio_path(p) + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 3}}), 201);
    advance(server.port());
  }
  {
    // What migration 4 leaves in the rows written before it: no reference price, no cost, no model.
    auto db = finsim::store::Database::open(db_path);
    REQUIRE(db.ok());
    REQUIRE(db->exec("UPDATE fills SET reference_price = NULL, slippage = 0").ok());
  }
  ServerProcess server(api_server_args(300, {"--db", db_path}));
  const json fill = get(server.port(), portfolio_path(p) + "/transactions")["transactions"][0];
  CHECK(fill["reference_price"] == fill["price"]);
  CHECK(fill["slippage"] == 0.0);
  CHECK(get(server.port(), portfolio_path(p))["slippage"] == json{{"model", "none"}, {"spread_bps", 0.0}});
}

TEST_CASE("a slippage model the market cannot price, or a malformed one, is refused and nothing is created") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  // A market imported without volumes cannot price the square-root model: it says so.
  const int flat = import_csv_market(port, "?name=no-volumes",
                                     "date,ticker,asset_type,close\n2024-01-02,AAA,stock,10\n2024-01-03,AAA,stock,11\n");
  CHECK(get(port, "/api/markets/" + std::to_string(flat))["has_volumes"] == false);
  const json before = get(port, "/api/portfolios");
  CHECK(error_code(call(port, "POST", "/api/portfolios",
                        {{"name", "Q"}, {"initial_capital", 1000}, {"market_id", flat},
                         {"slippage", {{"model", "square_root"}, {"impact", 1}}}}),
                   422) == "no_volume");
  for (const json& bad : {json{{"model", "magic"}}, json{{"model", "volatility"}, {"bps", 3}},
                          json{{"model", "fixed_bps"}, {"bps", -1}}, json("fixed_bps"), json{{"model", "volatility"}, {"window", 1}}}) {
    INFO(bad.dump());
    CHECK(error_code(call(port, "POST", "/api/portfolios", {{"name", "Q"}, {"initial_capital", 1000}, {"slippage", bad}}),
                     422) == "bad_slippage");
  }
  CHECK(get(port, "/api/portfolios") == before);
  CHECK(error_code(call(port, "POST", "/api/backtests",
                        {{"model", "momentum"}, {"market_id", flat}, {"slippage", {{"model", "square_root"}, {"impact", 1}}}}),
                   422) == "no_volume");
  // The simulated market trades volumes (docs/portfolio.md, "The simulated market", step 6): it prices it.
  CHECK(get(port, "/api/markets/1")["has_volumes"] == true);
  const json q = create_portfolio(port, {{"name", "Q"}, {"initial_capital", 100000}, {"slippage", {{"model", "square_root"}, {"impact", 1}}}});
  const json placed = expect(call(port, "POST", portfolio_path(q) + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 100}}), 201);
  CHECK(placed["estimate"]["slippage_rate"].get<double>() > 0.0);
  CHECK(placed["estimate"]["price"].get<double>() > placed["estimate"]["reference_price"].get<double>());
}

TEST_CASE("the fee preview shows the slippage: the execution price, the rate and the cost, before the fee") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const std::string today = get(port, "/api/markets/1")["current_date"];
  const double last = close_on(port, "FIN1", today);
  const json preview = expect(call(port, "POST", "/api/fees/preview",
                                   {{"fee_structure", "percent"}, {"side", "sell"}, {"quantity", 100}, {"ticker", "FIN1"},
                                    {"slippage", kTenBps}}),
                              200);
  const double price = last * (1 - 0.0015);
  CHECK(preview["slippage"]["reference_price"] == last);
  CHECK(preview["price"].get<double>() == Approx(price).epsilon(1e-12));
  CHECK(preview["slippage"]["rate"].get<double>() == Approx(0.0015).epsilon(1e-12));
  CHECK(preview["slippage"]["cost"] == pf::round_to_cents(100 * (last - preview["price"].get<double>())));
  CHECK(preview["fee"] == pf::trade_fee(pf::fee_preset("percent").value(), pf::Side::sell, 100, preview["price"].get<double>()));
  // The volatility model reads the asset's past: a larger k costs proportionally more.
  auto rate = [&](double k) {
    return expect(call(port, "POST", "/api/fees/preview",
                       {{"fee_structure", "zero"}, {"side", "buy"}, {"quantity", 10}, {"ticker", "CRX1"},
                        {"slippage", {{"model", "volatility"}, {"k", k}}}}),
                  200)["slippage"]["rate"]
        .get<double>();
  };
  CHECK(rate(0.2) > 0.0);
  CHECK(rate(0.4) == Approx(2 * rate(0.2)).epsilon(1e-12));
  CHECK(error_code(call(port, "POST", "/api/fees/preview",
                        {{"fee_structure", "zero"}, {"side", "buy"}, {"quantity", 1}, {"price", 10}, {"slippage", kTenBps}}),
                   422) == "bad_preview");  // a model needs the ticker it trades
}

TEST_CASE("a backtest with slippage pays it on every fill and ends below the same backtest without") {
  ServerProcess server(api_server_args(400));
  const int port = server.port();
  auto run = [&](const json& extra) {
    json spec = {{"model", "momentum"}, {"tickers", {"TEC1", "FIN1", "CRX1"}}, {"start", "2015-09-01"},
                 {"fee_structure", "zero"}, {"sizing", {{"kind", "fixed_fraction"}, {"fraction", 0.2}}}};
    spec.update(extra);
    const json b = expect(call(port, "POST", "/api/backtests", spec), 202);
    const std::string path = "/api/backtests/" + std::to_string(b["id"].get<int>());
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    json done = get(port, path);
    while (done["status"] != "done" && done["status"] != "failed" && std::chrono::steady_clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      done = get(port, path);
    }
    REQUIRE(done["status"] == "done");
    return done;
  };
  const json free = run(json::object());
  const json costly = run({{"slippage", {{"model", "volatility"}, {"k", 0.1}, {"spread_bps", 5}}}});
  CHECK(costly["spec"]["slippage"] == json{{"model", "volatility"}, {"spread_bps", 5.0}, {"k", 0.1}, {"window", 20}});
  CHECK(free["spec"]["slippage"] == json{{"model", "none"}, {"spread_bps", 0.0}});
  CHECK(costly["summary"]["final_nav"].get<double>() < free["summary"]["final_nav"].get<double>());
  const json fills = get(port, "/api/portfolios/" + std::to_string(costly["portfolio_id"].get<int>()) +
                                   "/transactions?limit=500")["transactions"];
  REQUIRE(!fills.empty());
  for (const json& f : fills) {
    CHECK(f["slippage"].get<double>() > 0.0);
    CHECK(f["price"] != f["reference_price"]);
  }
}
