// Backtests: launched in the background, watched, stored as portfolios with their full history;
// replaying the same signals gives the same result; model comparison over stored signals.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api_support.hpp"

using namespace finsim::test;

namespace {

const json kWalkForward = {{"train_window", 120}, {"min_train", 60}, {"refit_every", 20}};

/// Polls the backtest until it is done or failed (at most 30 s).
json wait_for(int port, const json& backtest) {
  const std::string path = "/api/backtests/" + std::to_string(backtest["id"].get<int>());
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    json b = get(port, path);
    if (b["status"] == "done" || b["status"] == "failed" || std::chrono::steady_clock::now() > end) return b;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

json launch(int port, const json& body) {
  const HttpReply r = call(port, "POST", "/api/backtests", body);
  const json b = expect(r, 202);
  CHECK(r.header("location") == "/api/backtests/" + std::to_string(b["id"].get<int>()));
  CHECK(b["status"] == "queued");
  return wait_for(port, b);
}

}  // namespace

TEST_CASE("a backtest runs in the background and leaves a portfolio with its whole history, and replays to the bit") {
  ServerProcess server(api_server_args(400));
  const int port = server.port();
  const json spec = {{"model", "linear"}, {"tickers", {"TEC1", "FIN1", "CRX1"}}, {"start", "2015-09-01"},
                     {"fee_structure", "ibkr_fixed"}, {"sizing", {{"kind", "fixed_fraction"}, {"fraction", 0.2}}},
                     {"exit_after_bars", 10}, {"walk_forward", kWalkForward}, {"name", "Linear, three tickers"}};
  const json done = launch(port, spec);
  INFO(done.dump());
  REQUIRE(done["status"] == "done");
  CHECK(done["progress"] == 1.0);
  CHECK(done["spec"]["end"] == get(port, "/api/markets/1")["current_date"]);
  const json& summary = done["summary"];
  CHECK(summary["fills"].get<int>() > 0);
  CHECK(summary["signals"].get<int>() > 0);

  const std::string portfolio = "/api/portfolios/" + std::to_string(done["portfolio_id"].get<int>());
  const json p = get(port, portfolio);
  CHECK(p["kind"] == "backtest");
  CHECK(p["name"] == "Linear, three tickers");
  CHECK(p["opened_on"] == "2015-09-01");
  CHECK(p["nav"] == summary["final_nav"]);
  CHECK(p["fills"] == summary["fills"]);
  const json perf = get(port, portfolio + "/performance");
  CHECK(perf["summary"]["sharpe"] == summary["performance"]["sharpe"]);
  CHECK(perf["nav"].back()["nav"] == summary["final_nav"]);
  CHECK(get(port, "/api/signals?backtest_id=" + std::to_string(done["id"].get<int>()) + "&limit=1000")["signals"].size() ==
        summary["signals"]);
  // Read-only: it takes no orders.
  CHECK(error_code(call(port, "POST", portfolio + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 1}}), 409) ==
        "conflict");
  CHECK(get(port, portfolio + "/fee-comparison?fee_structures=zero")["scenarios"][0]["final_nav"] == summary["final_nav"]);

  // The same spec again, and a replay of its stored signals: the same history, to the bit.
  const json again = launch(port, spec);
  json replay_spec = spec;
  replay_spec["signals"] = {{"backtest_id", done["id"]}};
  const json replayed = launch(port, replay_spec);
  REQUIRE(replayed["status"] == "done");
  for (const json& other : {again, replayed}) {
    const json nav = get(port, "/api/portfolios/" + std::to_string(other["portfolio_id"].get<int>()) + "/performance")["nav"];
    CHECK(nav == perf["nav"]);
    CHECK(other["summary"]["final_nav"] == summary["final_nav"]);
  }
  CHECK(get(port, "/api/backtests")["backtests"].size() == 3);
}

TEST_CASE("a backtest's dates, when given, are dates: empty or invalid ones and a start after the end are refused") {
  ServerProcess server(api_server_args(400));
  const int port = server.port();
  const std::string today = get(port, "/api/markets/1")["current_date"];
  for (const char* field : {"start", "end"}) {
    for (const json& date : {json(""), json("2016-02-30"), json("not a date"), json(nullptr), json(20160104)}) {
      INFO(field << " " << date.dump());
      const HttpReply r = call(port, "POST", "/api/backtests", {{"model", "linear"}, {field, date}});
      CHECK(error_code(r, 422) == "bad_backtest");
      CHECK(json::parse(r.body)["error"]["message"].get<std::string>().find(field) != std::string::npos);
    }
  }
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "linear"}, {"start", today}, {"end", "2015-06-01"}}), 422) ==
        "bad_period");
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "linear"}, {"start", ""}, {"end", ""}}), 422) ==
        "bad_backtest");
  for (const json& id : {json(0), json(0.5), json(-1), json(1.5), json("1")}) {  // once read as the default market
    INFO("market_id " << id.dump());
    const HttpReply r = call(port, "POST", "/api/backtests", {{"model", "linear"}, {"market_id", id}});
    CHECK(error_code(r, 422) == "bad_backtest");
    CHECK(json::parse(r.body)["error"]["message"].get<std::string>().find("market_id") != std::string::npos);
  }
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "linear"}, {"market_id", 9}}), 404) ==
        "unknown_market");
  CHECK(get(port, "/api/backtests")["backtests"].empty());
}

TEST_CASE("backtest requests are checked at once, and the llm slot trades only posted signals") {
  ServerProcess server(api_server_args(400));
  const int port = server.port();
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "oracle"}}), 422) == "unknown_model");
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "llm"}}), 422) == "external_model");
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "linear"}, {"tickers", {"NOPE"}}}), 422) == "unknown_ticker");
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "linear"}, {"end", "2030-01-01"}}), 422) == "bad_backtest");
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "linear"}, {"sizing", {{"kind", "all-in"}}}}), 422) == "bad_sizing");
  CHECK(error_code(call(port, "POST", "/api/backtests", {{"model", "llm"}, {"signals", "stored"}}), 422) == "bad_backtest");
  CHECK(get(port, "/api/backtests")["backtests"].empty());

  json signals = json::array();
  const json prices = get(port, "/api/markets/1/prices?tickers=TEC1");
  for (std::size_t i = 260; i < prices["dates"].size(); i += 7)
    signals.push_back({{"model", "llm"}, {"ticker", "TEC1"}, {"action", i % 14 == 1 ? "sell" : "buy"},
                       {"confidence", 0.6}, {"date", prices["dates"][i]}});
  expect(call(port, "POST", "/api/signals", {{"signals", signals}}), 201);
  const json llm = launch(port, {{"model", "llm"}, {"signals", "stored"}, {"exit_after_bars", 3}});
  INFO(llm.dump());
  REQUIRE(llm["status"] == "done");
  CHECK(llm["summary"]["fills"].get<int>() > 0);
  const json ln = launch(port, {{"model", "linear"}, {"tickers", {"TEC1", "FIN1"}}, {"walk_forward", kWalkForward}});
  REQUIRE(ln["status"] == "done");

  // The comparison: the posted llm signals and linear's latest backtest, side by side, per sector.
  const json cmp = get(port, "/api/models/comparison?start=2016-01-04&fraction=0.2");
  std::vector<std::string> models;
  for (const json& m : cmp["models"]) {
    models.push_back(m["model"]);
    CHECK(m.contains("sectors"));
    CHECK(m["trades"].contains("win_rate"));
    CHECK(m["trades"].contains("payoff_ratio"));
    CHECK(m["performance"].contains("sharpe"));
  }
  CHECK(models == std::vector<std::string>{"linear", "llm"});
  CHECK(cmp["start"] == "2016-01-04");
  // Both measured against one benchmark, the equal-weight buy-and-hold of every ticker signalled (TEC1,
  // FIN1): the same benchmark return, and each model's excess return over it.
  const json& b0 = cmp["models"][0]["performance"]["benchmark"];
  CHECK(b0["name"] == "equal-weight buy-and-hold of 2 assets");
  for (const json& m : cmp["models"]) {
    const json& b = m["performance"]["benchmark"];
    CHECK(b["benchmark_total_return"] == b0["benchmark_total_return"]);
    CHECK(b["excess_return"].get<double>() ==
          Approx(m["performance"]["total_return"].get<double>() - b0["benchmark_total_return"].get<double>()).margin(1e-12));
    CHECK(b.contains("alpha"));
    CHECK(b.contains("beta"));
  }
  // A backtest is measured against its own universe held.
  const json& lb = ln["summary"]["performance"]["benchmark"];
  CHECK(lb["name"] == "equal-weight buy-and-hold of 2 assets");
  CHECK(lb["excess_return"].get<double>() ==
        Approx(ln["summary"]["performance"]["total_return"].get<double>() - lb["benchmark_total_return"].get<double>()).margin(1e-12));
  CHECK(get(port, "/api/models/comparison?models=llm")["models"].size() == 1);
}
