// Intraday bars through the API (docs/portfolio.md, "Intraday bars"): a long CSV with timestamps becomes
// a market whose clock moves one bar at a time; an order placed at a bar fills at the next bar the same
// day, a limit order good until a day expires at the next day's first bar, NAV is kept per bar and
// annualised by bars per year, day filters take in a day's bars, and a restart reads it all back.
#include <catch2/catch.hpp>

#include "api_support.hpp"

using namespace finsim::test;

namespace {

// Three bars a day, closing 09:35, 09:40 and 09:45, on Friday 5 January 2024 and Monday 8th.
const std::string kCsv =
    "timestamp,ticker,asset_type,close,volume\n"
    "2024-01-05 09:35,AAA,stock,100,5000\n"
    "2024-01-05 09:40,AAA,stock,101,5000\n"
    "2024-01-05 09:45,AAA,stock,102,5000\n"
    "2024-01-08 09:35,AAA,stock,103,5000\n"
    "2024-01-08 09:40,AAA,stock,104,5000\n"
    "2024-01-08 09:45,AAA,stock,105,5000\n";

}  // namespace

TEST_CASE("an intraday market fills orders at the next bar, keeps NAV per bar and annualises by bars per year") {
  const std::string db_path = fresh_store(make_temp_dir(), "intraday");
  json p, performance;
  int market = 0;
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    market = import_csv_market(port, "?name=minutes&clock=start", kCsv);
    const std::string market_path = "/api/markets/" + std::to_string(market);
    json m = get(port, market_path);
    CHECK(m["bar"] == "intraday");
    CHECK(m["current_date"] == "2024-01-05T09:35");
    CHECK(get(port, "/api/markets/1")["bar"] == "day");  // the simulated market
    // Daily bars cannot join intraday ones (nor the other way): refused before anything is stored.
    const int daily = import_csv_market(port, "?name=days", "date,ticker,asset_type,close\n2024-01-04,AAA,stock,99\n");
    for (const auto& [into, csv] : {std::pair{market, std::string("date,ticker,asset_type,close\n2024-01-04,AAA,stock,99\n")},
                                    std::pair{daily, kCsv}}) {
      const HttpReply merged = http(port, "POST", "/api/markets/import?into=" + std::to_string(into), csv,
                                    {{"Content-Type", "text/csv"}});
      CHECK(error_code(merged, 409) == "conflict");
    }
    CHECK(get(port, market_path)["bars"] == 6);

    p = create_portfolio(port, {{"name", "Minutes"}, {"initial_capital", 10000}, {"fee_structure", "zero"},
                                {"market_id", market}});
    const std::string orders = portfolio_path(p) + "/orders";
    expect(call(port, "POST", orders, {{"ticker", "AAA"}, {"side", "buy"}, {"quantity", 10}}), 201);
    // Good until Friday (a day without a time): alive through Friday's bars, expired at Monday's first.
    const json limit = expect(call(port, "POST", orders,
                                   {{"ticker", "AAA"}, {"side", "buy"}, {"quantity", 1}, {"type", "limit"},
                                    {"limit_price", 50}, {"good_until", "2024-01-05"}}),
                              201);
    json moved = advance(port, 1, market);
    CHECK(moved["bars"][0]["date"] == "2024-01-05T09:40");
    CHECK(moved["orders"]["filled"] == 1);
    const json fill = get(port, portfolio_path(p) + "/transactions")["transactions"][0];
    CHECK(fill["date"] == "2024-01-05T09:40");  // the next bar, the same morning
    CHECK(fill["price"] == 101.0);
    CHECK(fill["order_date"] == "2024-01-05T09:35");
    advance(port, 1, market);
    const std::string limit_path = orders + "/" + std::to_string(limit["id"].get<int>());
    CHECK(get(port, limit_path)["status"] == "pending");
    moved = advance(port, 1, market);
    CHECK(moved["bars"][0]["date"] == "2024-01-08T09:35");
    CHECK(get(port, limit_path)["status"] == "expired");
    advance(port, 2, market);
    CHECK(get(port, market_path)["current_date"] == "2024-01-08T09:45");

    // NAV per bar, annualised by 252 × 3 bars a day.
    performance = get(port, portfolio_path(p) + "/performance");
    REQUIRE(performance["nav"].size() == 6);
    CHECK(performance["nav"][5]["date"] == "2024-01-08T09:45");
    CHECK(performance["nav"][5]["nav"] == 10000.0 + 10 * (105.0 - 101.0));
    CHECK(performance["summary"]["periods_per_year"] == 756.0);
    // A day given as a bound takes in all of that day's bars.
    CHECK(get(port, market_path + "/prices?tickers=AAA&from=2024-01-08")["dates"].size() == 3);
    CHECK(get(port, market_path + "/prices?tickers=AAA&to=2024-01-05")["dates"].size() == 3);
    CHECK(get(port, market_path + "/prices?tickers=AAA&from=2024-01-05T09:40&to=2024-01-08T09:35")["dates"].size() == 3);
    CHECK(get(port, portfolio_path(p) + "/performance?to=2024-01-05")["nav"].size() == 3);
    // A window of two bars is annualised by the market's typical day all the same, as is the risk report.
    CHECK(get(port, portfolio_path(p) + "/performance?from=2024-01-05T09:40&to=2024-01-05T09:45")["summary"]
             ["periods_per_year"] == 756.0);
    CHECK(get(port, portfolio_path(p) + "/risk-analytics")["periods_per_year"] == 756.0);
    CHECK(get(port, portfolio_path(p) + "/fee-comparison")["periods_per_year"] == 756.0);
    CHECK(get(port, portfolio_path(p) + "/performance?from=2024-01-08")["nav"].back()["date"] == "2024-01-08T09:45");
    CHECK(error_code(call(port, "GET", market_path + "/prices?tickers=AAA&from=2024-01-08T09:35Z"), 422) ==
          "bad_parameter");

    // A signal at a time of the day keeps it, and day filters find it.
    const json posted = expect(call(port, "POST", "/api/signals",
                                    {{"model", "llm"}, {"ticker", "AAA"}, {"action", "buy"}, {"confidence", 0.6},
                                     {"date", "2024-01-08T09:40"}, {"market_id", market}}),
                               201);
    CHECK(posted["signals"][0]["date"] == "2024-01-08T09:40");
    // A day, or a timestamp with a zone (read as its day), names no intraday bar: refused.
    for (const json& when : {json{{"date", "2024-01-08"}}, json{{"timestamp", "2024-01-08T09:40:00Z"}}}) {
      json body = {{"model", "llm"}, {"ticker", "AAA"}, {"action", "buy"}, {"confidence", 0.6}, {"market_id", market}};
      body.update(when);
      CHECK(error_code(call(port, "POST", "/api/signals", body), 422) == "bad_signal");
    }
    // On daily bars a signal's time is dropped (known at the day's close), and a good_until time refused.
    const std::string day = get(port, "/api/markets/1")["current_date"];
    const json on_days = expect(call(port, "POST", "/api/signals",
                                     {{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 0.6},
                                      {"date", day + "T10:05"}}),
                                201);
    CHECK(on_days["signals"][0]["date"] == day);
    // A stored day is its close: after any time of that day, in filters too.
    const std::string daily_signals = "/api/signals?market_id=1&model=llm";
    CHECK(get(port, daily_signals + "&to=" + day + "T10:00")["signals"].empty());
    CHECK(get(port, daily_signals + "&from=" + day + "T10:00")["signals"].size() == 1);
    CHECK(get(port, daily_signals + "&to=" + day)["signals"].size() == 1);
    // The model comparison's period as a backtest's: not past the clock.
    const std::string minutes_cmp = "/api/models/comparison?market_id=" + std::to_string(market);
    CHECK(error_code(call(port, "GET", minutes_cmp + "&start=2024-01-09"), 422) == "bad_period");
    CHECK(error_code(call(port, "GET", minutes_cmp + "&end=2024-01-09"), 422) == "bad_period");
    CHECK(error_code(call(port, "GET", minutes_cmp + "&start=2024-01-08T09:45&end=2024-01-08T09:40"), 422) ==
          "bad_period");
    CHECK(get(port, minutes_cmp + "&start=2024-01-08")["start"] == "2024-01-08T09:35");
    const json days = create_portfolio(port, {{"name", "Days"}, {"initial_capital", 10000}});
    CHECK(error_code(call(port, "POST", portfolio_path(days) + "/orders",
                          {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}, {"type", "limit"},
                           {"limit_price", 1}, {"good_until", day + "T10:00"}}),
                     422) == "bad_order");
    const std::string signals = "/api/signals?market_id=" + std::to_string(market);
    CHECK(get(port, signals + "&from=2024-01-08&to=2024-01-08")["signals"].size() == 1);
    CHECK(get(port, signals + "&to=2024-01-05")["signals"].empty());
    CHECK(get(port, signals + "&to=2024-01-08T09:35")["signals"].empty());
  }
  // A restart reads the times back: the same clock, fills and NAV.
  ServerProcess again(api_server_args(300, {"--db", db_path}));
  const int port = again.port();
  CHECK(get(port, "/api/markets/" + std::to_string(market))["current_date"] == "2024-01-08T09:45");
  CHECK(get(port, portfolio_path(p) + "/performance") == performance);
}
