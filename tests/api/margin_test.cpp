// Short selling on margin through the API (docs/portfolio.md, "Short selling on margin"): on an imported
// market whose one stock rises from 100 to 118, a portfolio short 200 units on 10,000 pays its borrow
// fee at each bar, gets a margin call at 116 and is liquidated at 118 when the call is still unmet, all
// in its ledger, its transactions and its margin figures, and a restart replays every entry. A short
// sale beyond the initial margin is refused at placement; margin rules without short selling are refused.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api_support.hpp"
#include "ws_client.hpp"

using namespace finsim::test;

namespace {

// Friday 5 January 2024 to Friday 12th.
const std::string kCsv =
    "date,ticker,asset_type,close\n"
    "2024-01-05,SHRT,stock,100\n"
    "2024-01-08,SHRT,stock,100\n"
    "2024-01-09,SHRT,stock,100\n"
    "2024-01-10,SHRT,stock,116\n"
    "2024-01-11,SHRT,stock,118\n"
    "2024-01-12,SHRT,stock,118\n"
    "2024-01-05,LONG,stock,50\n";

// Reg T and FINRA's margins, and a borrow rate of 3.6 % a year: 200 units at 100 cost 2.00 a day.
const json kMargin = {{"initial", 0.5}, {"maintenance", 0.3}, {"borrow_rate", 0.036}};

}  // namespace

TEST_CASE("a short on margin pays borrow fees, is called, then liquidated, and a restart replays its ledger") {
  const std::string db_path = fresh_store(make_temp_dir(), "margin");
  json p;
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    const int market = import_csv_market(port, "?name=shorts&clock=start", kCsv);
    // Margin without short selling, and a maintenance above the initial margin, are refused.
    CHECK(error_code(call(port, "POST", "/api/portfolios",
                          {{"name", "X"}, {"initial_capital", 1000}, {"market_id", market}, {"margin", kMargin}}),
                     422) == "bad_margin");
    CHECK(error_code(call(port, "POST", "/api/portfolios",
                          {{"name", "X"}, {"initial_capital", 1000}, {"market_id", market}, {"allow_short", true},
                           {"margin", {{"initial", 0.25}, {"maintenance", 0.3}}}}),
                     422) == "bad_margin");
    // Short selling without margin rules given: Reg T's, FINRA's and a general-collateral fee.
    const json plain = create_portfolio(port, {{"name", "Default"}, {"initial_capital", 1000}, {"market_id", market},
                                               {"allow_short", true}});
    CHECK(plain["margin"]["initial"] == 0.5);
    CHECK(plain["margin"]["maintenance"] == 0.3);
    CHECK(plain["margin"]["borrow_rate"] == 0.0025);
    CHECK(create_portfolio(port, {{"name", "Cash"}, {"initial_capital", 1000}, {"market_id", market}})["margin"].is_null());

    p = create_portfolio(port, {{"name", "Short"}, {"initial_capital", 10000}, {"fee_structure", "zero"},
                                {"market_id", market}, {"allow_short", true}, {"margin", kMargin}});
    const std::string orders = portfolio_path(p) + "/orders";
    // The fee preview, told the portfolio, says where it would stand after the sale (figures at the close).
    auto preview = [&](int units) {
      return expect(call(port, "POST", "/api/fees/preview",
                         {{"fee_structure", "zero"}, {"side", "sell"}, {"ticker", "SHRT"}, {"quantity", units},
                          {"portfolio_id", p["id"]}}),
                    200);
    };
    const json fits = preview(200)["margin_after"];
    CHECK(fits["short_value"] == 20000.0);
    CHECK(fits["equity"] == 10000.0);
    CHECK(fits["initial_requirement"] == 10000.0);
    CHECK(fits["meets_initial"] == true);
    const json too_many = preview(201)["margin_after"];
    CHECK(too_many["meets_initial"] == false);
    CHECK(too_many["refusal"].get<std::string>().find("30150.00") != std::string::npos);
    // A buy beyond the cash is no trade this portfolio can make: no standing after it.
    CHECK(expect(call(port, "POST", "/api/fees/preview",
                      {{"side", "buy"}, {"ticker", "SHRT"}, {"quantity", 1000}, {"portfolio_id", p["id"]}}),
                 200)["margin_after"]
              .is_null());
    CHECK_FALSE(expect(call(port, "POST", "/api/fees/preview",
                            {{"fee_structure", "zero"}, {"side", "sell"}, {"ticker", "SHRT"}, {"quantity", 1},
                             {"portfolio_id", create_portfolio(port, {{"name", "Long"}, {"initial_capital", 100}, {"market_id", market}})["id"]}}),
                       200)
                    .contains("margin_after"));
    CHECK(error_code(call(port, "POST", "/api/fees/preview",
                          {{"fee_structure", "zero"}, {"side", "sell"}, {"quantity", 1}, {"portfolio_id", p["id"]}}),
                     422) == "bad_preview");
    CHECK(error_code(call(port, "POST", "/api/fees/preview",
                          {{"fee_structure", "zero"}, {"side", "sell"}, {"ticker", "SHRT"}, {"quantity", 1}, {"portfolio_id", 999}}),
                     404) == "unknown_portfolio");
    // 201 units would need equity of 10,050: refused now, with the figures.
    const auto refused = call(port, "POST", orders, {{"ticker", "SHRT"}, {"side", "sell"}, {"quantity", 201}});
    CHECK(error_code(refused, 422) == "insufficient_margin");
    CHECK(refused.body.find("10050.00") != std::string::npos);
    expect(call(port, "POST", orders, {{"ticker", "SHRT"}, {"side", "sell"}, {"quantity", 200}}), 201);

    // 01-08: the sale fills at 100; opened at this bar, it owes no fee for the weekend.
    CHECK(advance(port, 1, market)["orders"]["filled"] == 1);
    json d = get(port, portfolio_path(p));
    CHECK(d["cash"] == 30000.0);
    CHECK(d["margin"]["short_value"] == 20000.0);
    CHECK(d["margin"]["equity"] == 10000.0);
    CHECK(d["margin"]["maintenance_requirement"] == Approx(6000.0));
    CHECK(d["margin"]["excess"] == Approx(4000.0));
    // Longs are paid from the cash beyond what the short holds back (its 20,000 of proceeds + 50 %): none.
    const auto long_buy = call(port, "POST", orders, {{"ticker", "LONG"}, {"side", "buy"}, {"quantity", 1}});
    CHECK(error_code(long_buy, 422) == "insufficient_margin");
    CHECK(long_buy.body.find("30000.00") != std::string::npos);
    // 01-09: one day's fee, 200·100·0.036/360 = 2.00.
    advance(port, 1, market);
    CHECK(get(port, portfolio_path(p))["cash"] == 29998.0);
    // 01-10 at 116: fee 2.32; E = 29,995.68 − 23,200 = 6,795.68 < 30 % of 23,200 = 6,960: a call of 164.32.
    // The portfolio's feed tells of both entries, in booking order.
    WsViewer feed(port, "/ws/portfolios?portfolio=" + std::to_string(p["id"].get<int>()));
    advance(port, 1, market);
    std::vector<std::string> told;
    for (int i = 0; i < 20 && told.size() < 2; ++i) {
      const WsRead r = feed.read_any();
      REQUIRE(r.is_message());
      if (r.type() == "LEDGER_ENTRY") told.push_back(json::parse(r.text)["payload"]["entry"]["kind"]);
    }
    CHECK(told == std::vector<std::string>{"borrow_fee", "margin_call"});
    d = get(port, portfolio_path(p));
    CHECK(d["cash"] == 29995.68);
    CHECK(d["margin"]["call_since"] == "2024-01-10");
    CHECK(d["margin"]["excess"].get<double>() == Approx(-164.32));
    // 01-11 at 118: fee 2.36, the call unmet (6,393.32 < 7,080): all 200 bought back at 118.
    advance(port, 1, market);
    d = get(port, portfolio_path(p));
    CHECK(d["cash"] == 6393.32);
    CHECK(d["holdings"].empty());
    CHECK(d["margin"]["call_since"].is_null());
    CHECK(d["margin"]["borrow_fees_paid"] == 6.68);
    const json fills = get(port, portfolio_path(p) + "/transactions")["transactions"];
    REQUIRE(fills.size() == 2);
    CHECK(fills[0]["model"] == "margin_liquidation");  // newest first
    CHECK(fills[0]["side"] == "buy");
    CHECK(fills[0]["quantity"] == 200.0);
    CHECK(fills[0]["price"] == 118.0);
    CHECK(fills[0]["cash_after"] == 6393.32);
    const json ledger = get(port, portfolio_path(p) + "/ledger");
    CHECK(ledger["total"] == 6);
    const json& e = ledger["entries"];  // newest first
    REQUIRE(e.size() == 6);
    CHECK(e[5]["kind"] == "borrow_fee");
    CHECK(e[5]["date"] == "2024-01-09");
    CHECK(e[5]["amount"] == 2.0);
    CHECK(e[5]["days"] == 1);
    CHECK(e[4]["amount"] == 2.32);
    CHECK(e[3]["kind"] == "margin_call");
    CHECK(e[3]["amount"] == 164.32);
    CHECK(e[2]["kind"] == "borrow_fee");
    CHECK(e[2]["amount"] == 2.36);
    CHECK(e[1]["kind"] == "liquidation");
    CHECK(e[1]["date"] == "2024-01-11");
    CHECK(e[1]["quantity"] == 200.0);
    CHECK(e[1]["fill_id"] == fills[0]["id"]);
    CHECK(e[0]["kind"] == "call_met");  // no short left: the call ends with the cover
    CHECK(e[0]["amount"] == 6393.32);
    // The fee comparison replays the same trades with the same borrow fees: its baseline is the NAV.
    const json cmp = get(port, portfolio_path(p) + "/fee-comparison?fee_structures=zero,flat");
    CHECK(cmp["scenarios"][0]["final_nav"] == 6393.32);
    CHECK(cmp["scenarios"][0]["rejected"] == 0);
    CHECK(cmp["scenarios"][1]["rejected"] == 0);
    CHECK(d["borrow_fees_paid"] == 6.68);  // on the valuation too: NAV − initial = realised + unrealised − fees
    CHECK(d["nav"].get<double>() - 10000.0 ==
          Approx(d["realized_pnl"].get<double>() + d["unrealized_pnl"].get<double>() - 6.68).margin(1e-6));
    CHECK(get(port, portfolio_path(p) + "/ledger?kind=borrow_fee")["total"] == 3);
    CHECK(error_code(call(port, "GET", portfolio_path(p) + "/ledger?kind=dividend"), 422) == "bad_parameter");
    CHECK(error_code(call(port, "GET", portfolio_path(p) + "/ledger?kind="), 422) == "bad_parameter");
  }
  // A restart replays the fills and the entries, in booking order, into the same balances.
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  const json d = get(again.port(), portfolio_path(p));
  CHECK(d["cash"] == 6393.32);
  CHECK(d["margin"]["borrow_fees_paid"] == 6.68);
  CHECK(d["margin"]["borrow_rate"] == 0.036);
  const json ledger = get(again.port(), portfolio_path(p) + "/ledger");
  REQUIRE(ledger["entries"].size() == 6);
  CHECK(ledger["entries"][1]["kind"] == "liquidation");
  CHECK(ledger["entries"][3]["kind"] == "margin_call");
}

TEST_CASE("a shorting backtest on margin stores its ledger, and the stored portfolio replays it") {
  const std::string db_path = fresh_store(make_temp_dir(), "margin_backtest");
  json done;
  {
    ServerProcess server(api_server_args(600, {"--db", db_path}));
    const int port = server.port();
    json bt = expect(call(port, "POST", "/api/backtests",
                          {{"model", "momentum"}, {"allow_short", true}, {"initial_capital", 100000},
                           {"tickers", {"TEC1", "FIN1", "CRX1"}},
                           {"margin", {{"initial", 0.5}, {"maintenance", 0.3}, {"borrow_rate", 0.02}}}}),
                     202);
    for (int k = 0; k < 600 && bt["status"] != "done" && bt["status"] != "failed"; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      bt = get(port, "/api/backtests/" + std::to_string(bt["id"].get<int>()));
    }
    REQUIRE(bt["status"] == "done");
    CHECK(bt["spec"]["margin"]["borrow_rate"] == 0.02);
    CHECK(bt["summary"]["borrow_fees_paid"].get<double>() > 0.0);
    done = get(port, "/api/portfolios/" + std::to_string(bt["portfolio_id"].get<int>()));
    CHECK(done["margin"]["borrow_fees_paid"] == bt["summary"]["borrow_fees_paid"]);
    CHECK(get(port, portfolio_path(done) + "/ledger?kind=borrow_fee")["total"].get<int>() > 0);
  }
  // load_ledgers checks the stored balances against the replay of fills and entries: a restart that
  // serves the portfolio again has replayed them to the same cash.
  ServerProcess again(api_server_args(600, {"--db", db_path}));
  const json reloaded = get(again.port(), portfolio_path(done));
  CHECK(reloaded["cash"] == done["cash"]);
  CHECK(reloaded["margin"]["borrow_fees_paid"] == done["margin"]["borrow_fees_paid"]);
}
