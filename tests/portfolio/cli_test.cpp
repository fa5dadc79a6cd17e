// The portfolio commands of the finsim binary: metrics, backtest and the portfolio benchmark.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "approx.hpp"
#include "child_process.hpp"
#include "finsim/portfolio/model_registry.hpp"
#include "test_paths.hpp"

namespace {

using finsim::test::real_prices_csv;
using finsim::test::run_process;

std::string finsim_binary() { return finsim::test::binary_dir() + "/cli/finsim"; }

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

/// A long CSV of five-minute bars (09:35 to 16:00, 78 a day) of two stocks over the 30 business days from
/// Monday 2024-01-01: random walks of a fixed generator, written to a file of the build tree.
std::string intraday_csv_file() {
  const std::string path = finsim::test::binary_dir() + "/tests/portfolio/intraday_bars.csv";
  std::ofstream out(path);
  out << "timestamp,ticker,asset_type,close,volume\n";
  std::uint64_t state = 12345;
  double price[2] = {100.0, 50.0};
  int day = 1, month = 1, weekday = 1;  // Monday
  for (int days = 0; days < 30;) {
    if (weekday <= 5) {
      for (int bar = 1; bar <= 78; ++bar) {
        const int minutes = 9 * 60 + 30 + 5 * bar;
        for (int a = 0; a < 2; ++a) {
          state = state * 6364136223846793005ULL + 1442695040888963407ULL;
          const double u = static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
          price[a] *= 1.0 + 0.002 * (u - 0.495);
          char line[96];
          std::snprintf(line, sizeof line, "2024-%02d-%02d %02d:%02d,%s,stock,%.4f,10000\n", month, day, minutes / 60,
                        minutes % 60, a == 0 ? "AAA" : "BBB", price[a]);
          out << line;
        }
      }
      ++days;
    }
    weekday = weekday % 7 + 1;
    if (++day > 31) {
      day = 1;
      ++month;
    }
  }
  return path;
}

}  // namespace

TEST_CASE("finsim metrics reads the real prices file and prints the analytics as JSON") {
  const auto r = run_process({finsim_binary(), "metrics", real_prices_csv(), "--benchmark", "MSFT"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["input"]["kind"] == "prices");
  CHECK(j["input"]["detected"] == true);
  CHECK(j["input"]["periods"] == 2516);
  const auto& aapl = j["series"]["AAPL"];
  CHECK_VALUE(aapl["annual_return"].get<double>(), 0.44092411887354577, 1e-9);
  CHECK_VALUE(aapl["sharpe"].get<double>(), 1.1746232565319052, 1e-9);
  CHECK_VALUE(aapl["max_drawdown"].get<double>(), -0.6086673672621729, 1e-9);
  CHECK(aapl.contains("benchmark"));
  CHECK_FALSE(j["series"]["MSFT"].contains("benchmark"));
  CHECK(j["correlation"]["matrix"][0][0] == 1.0);
}

TEST_CASE("finsim metrics reads returns from stdin, with or without dates") {
  const auto r = run_process({finsim_binary(), "metrics"}, "date,strategy\n2024-01-02,0.01\n2024-01-03,-0.02\n2024-01-04,0.03\n");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["input"]["kind"] == "returns");
  CHECK(j["input"]["start"] == "2024-01-02");
  CHECK_VALUE(j["series"]["strategy"]["total_return"].get<double>(), 1.01 * 0.98 * 1.03 - 1.0, 1e-12);
  const auto u = run_process({finsim_binary(), "metrics", "--kind", "returns", "--period", "monthly"}, "r\n0.01\n0.02\n");
  REQUIRE(u.exit_code == 0);
  CHECK(nlohmann::json::parse(u.out)["options"]["periods_per_year"] == 12.0);
}

TEST_CASE("finsim metrics on bad input: one line on stderr, exit code 2, nothing on stdout") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"metrics"}, "date,r\n2024-01-02,0.01\n2024-01-03,abc\n"},
      {{"metrics"}, ""},
      {{"metrics"}, "date,r\n2024-01-02,0.01\n"},
      {{"metrics", "/nonexistent/file.csv"}, ""},
      {{"metrics", "--kind", "bogus"}, "r\n0.1\n0.2\n"},
      {{"metrics", "--benchmark", "X"}, "r\n0.1\n0.2\n"},
      {{"metrics", "--kind", "prices"}, "p\n1\n-2\n"},
      // Prices with a zero or a negative among them are not returns either (issue "Hardening", 13).
      {{"metrics"}, "date,price\n2020-01-01,100\n2020-01-02,0\n2020-01-03,-5\n2020-01-04,101\n"},
      {{"metrics", "--kind", "returns"}, "r\n0.1\n-1.5\n0.2\n"},
      // Invalid UTF-8 in the header: a clear line, not an internal error.
      {{"metrics"}, "date,pr\xffice\n2020-01-01,100\n2020-01-02,101\n2020-01-03,102\n"},
  };
  for (const auto& [args, input] : cases) {
    std::vector<std::string> argv = {finsim_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_process(argv, input);
    INFO(args.back() << " / " << input << " → " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(lines(r.err) == 1);
  }
  const auto r = run_process({finsim_binary(), "metrics"}, "date,r\n2024-01-02,0.01\n2024-01-03,abc\n");
  CHECK(r.err.find(":3:") != std::string::npos);
}

TEST_CASE("finsim backtest runs a model on the embedded market and compares fees") {
  const auto r = run_process({finsim_binary(), "backtest", "--bars", "500", "--model", "momentum", "--compare-fees",
                              "zero,percent", "--exit-after", "5"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["model"] == "momentum");
  CHECK(j["fills"].get<int>() > 0);
  CHECK(j["performance"]["periods"] == 247);
  REQUIRE(j["fee_comparison"].size() == 3);
  CHECK(j["fee_comparison"][1]["schedule"] == "zero");
  CHECK(j["fee_comparison"][1]["total_fees"] == 0.0);
  const auto bad = run_process({finsim_binary(), "backtest", "--model", "llm", "--bars", "100"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("API") != std::string::npos);
}

TEST_CASE("finsim backtest runs the assets' walk-forwards on several threads with the sequential run's result") {
  auto run = [](const char* threads) {
    const auto r = run_process({finsim_binary(), "backtest", "--bars", "600", "--model", "linear", "--tickers",
                                "TEC1,FIN1,HLT1,CRX1", "--stop-loss", "8", "--series", "--threads", threads});
    REQUIRE(r.exit_code == 0);
    return r.out;
  };
  const std::string one = run("1");
  CHECK(run("3") == one);  // signals, fills, NAV: byte for byte
  CHECK(nlohmann::json::parse(one)["fills"].get<int>() > 0);
  CHECK(run_process({finsim_binary(), "backtest", "--bars", "100", "--threads", "0"}).exit_code == 2);
}

TEST_CASE("finsim backtest on the real prices") {
  const auto r = run_process({finsim_binary(), "backtest", "--data", real_prices_csv(), "--model", "linear", "--start",
                              "2006-01-03", "--benchmark", "MSFT", "--series"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["nav"].front()["date"] == "2006-01-03");
  CHECK(j["nav"].back()["date"] == "2014-03-10");
  CHECK(j["performance"].contains("benchmark"));
  CHECK(j["transactions"].size() == j["fills"].get<std::size_t>());
}

TEST_CASE("finsim backtest and metrics on intraday bars: fills at the next bar, NAV per bar, annualised by bars per year") {
  const std::string csv = intraday_csv_file();
  const auto r = run_process({finsim_binary(), "backtest", "--data", csv, "--model", "momentum", "--series"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["performance"]["periods_per_year"] == 252.0 * 78.0);
  CHECK(j["nav"].back()["date"] == "2024-02-09T16:00");
  REQUIRE(j["transactions"].size() > 2);
  std::size_t same_day = 0;
  for (const auto& t : j["transactions"]) {
    const std::string placed = t["order_date"], filled = t["date"];
    REQUIRE(placed.size() == 16);  // YYYY-MM-DDTHH:MM
    CHECK(placed < filled);        // never at or before the bar it was placed at
    same_day += placed.substr(0, 10) == filled.substr(0, 10) ? 1 : 0;
  }
  CHECK(same_day > 0);  // filled the same day, at the next five-minute bar

  // The same closes as a daily file (every bar a day): annualised by 252, a volatility √78 times smaller.
  const auto daily_metrics = run_process({finsim_binary(), "metrics", "--kind", "prices", "-"},
                                         "date,AAA\n2024-01-01,100\n2024-01-02,101\n2024-01-03,100.5\n2024-01-04,102\n");
  const auto intraday_metrics = run_process(
      {finsim_binary(), "metrics", "--kind", "prices", "-"},
      "date,AAA\n2024-01-01 09:35,100\n2024-01-01 09:40,101\n2024-01-02 09:35,100.5\n2024-01-02 09:40,102\n");
  REQUIRE(daily_metrics.exit_code == 0);
  REQUIRE(intraday_metrics.exit_code == 0);
  const auto d = nlohmann::json::parse(daily_metrics.out), i = nlohmann::json::parse(intraday_metrics.out);
  CHECK(d["options"]["period"] == "daily");
  CHECK(i["options"]["period"] == "intraday");
  CHECK(i["options"]["periods_per_year"] == 504.0);  // two bars a day
  const double dv = d["series"]["AAA"]["annual_volatility"], iv = i["series"]["AAA"]["annual_volatility"];
  CHECK(iv == Approx(dv * std::sqrt(2.0)));
  // Another period for intraday bars would annualise five-minute returns by weeks: refused.
  const auto weekly = run_process({finsim_binary(), "metrics", "--kind", "prices", "--period", "weekly", "-"},
                                  "date,AAA\n2024-01-01 09:35,100\n2024-01-01 09:40,101\n2024-01-02 09:35,100.5\n");
  CHECK(weekly.exit_code == 2);
  CHECK(weekly.out.empty());
  CHECK(weekly.err.find("leave --period out") != std::string::npos);
}

TEST_CASE("finsim bench --portfolio --quick reports bar-events per second") {
  const auto r = run_process({finsim_binary(), "bench", "--portfolio", "--quick"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out)["portfolio_backtest"];
  CHECK(j["bar_events"] == 200000);
  CHECK(j["fills"].get<int>() > 0);
  CHECK(j["bar_events_per_second"].get<double>() > 0.0);
}

TEST_CASE("finsim bench --models --quick times a backtest of every built-in model on one and two threads") {
  const auto r = run_process({finsim_binary(), "bench", "--models", "--quick", "--threads", "2"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out)["model_backtests"];
  CHECK(j["bars"] == 400);
  std::vector<std::string> names;
  for (const auto& m : j["models"]) {
    names.push_back(m["model"]);
    INFO(m.dump());
    CHECK(m["same_result_on_threads"] == true);
    CHECK(m["signals"].get<int>() > 0);
    CHECK(m["seconds_one_thread"].get<double>() > 0.0);
  }
  CHECK(std::count(names.begin(), names.end(), "linear") == 1);
  CHECK(std::count(names.begin(), names.end(), "cnn") == 1);
  CHECK(std::count(names.begin(), names.end(), "momentum") == 1);
  CHECK(std::count(names.begin(), names.end(), "xgboost") == (finsim::portfolio::make_model("xgboost").ok() ? 1 : 0));
  const auto bad = run_process({finsim_binary(), "bench", "--models", "--portfolio"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("finsim backtest --short trades on margin: borrow fees paid, and the fee comparison's baseline is the NAV") {
  const auto r = run_process({finsim_binary(), "backtest", "--model", "momentum", "--short", "--bars", "600", "--compare-fees",
                              "flat", "--series"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["borrow_fees_paid"].get<double>() > 0.0);
  CHECK(j["fee_comparison"][0]["final_nav"] == j["final_nav"]);
  CHECK(j["fee_comparison"][0]["rejected"] == 0);
  std::size_t fees = 0;
  for (const auto& e : j["ledger"]) fees += e["kind"] == "borrow_fee" ? 1 : 0;
  CHECK(fees > 0);
  // Margin options apply to --short only, and are validated.
  CHECK(run_process({finsim_binary(), "backtest", "--borrow-rate", "0.01"}).exit_code == 2);
  CHECK(run_process({finsim_binary(), "backtest", "--short", "--initial-margin", "0.2", "--maintenance-margin", "0.3"}).exit_code == 2);
}
