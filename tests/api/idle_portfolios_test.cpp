// A bar costs nothing for the portfolios it does not concern (docs/portfolio-api.md, "Many
// portfolios"): one holding only cash, with nothing pending, gets no stored row and no feed message,
// yet its NAV series still has every bar — its last row carried forward.
#include <catch2/catch.hpp>

#include "api_support.hpp"
#include "store/database.hpp"

using namespace finsim::test;

namespace {

std::string path_of(const json& portfolio) { return "/api/portfolios/" + std::to_string(portfolio["id"].get<int>()); }

/// The dates and NAVs of a portfolio's served series.
std::vector<std::pair<std::string, double>> nav_series(int port, const std::string& path) {
  std::vector<std::pair<std::string, double>> out;
  const json performance = get(port, path);
  for (const json& s : performance["nav"]) out.emplace_back(s["date"].get<std::string>(), s["nav"].get<double>());
  return out;
}

std::int64_t stored_rows(finsim::store::Database& db, const json& portfolio) {
  auto st = db.prepare("SELECT count(*) FROM nav_snapshots WHERE portfolio_id = ?");
  REQUIRE(st.ok());
  st->bind(1, portfolio["id"].get<std::int64_t>());
  REQUIRE(st->step().ok());
  const std::int64_t n = st->integer(0);
  REQUIRE(st->run().ok());
  return n;
}

}  // namespace

TEST_CASE("an idle portfolio's bars store nothing, yet its NAV series has every bar") {
  const std::string db_path = fresh_store(make_temp_dir(), "idle");
  json idle, trader, archived;
  std::vector<std::string> dates;  // the market's dates since the portfolios opened
  {
    ServerProcess server(api_server_args(300, {"--db", db_path}));
    const int port = server.port();
    idle = create_portfolio(port, {{"name", "idle"}, {"initial_capital", 50000}});
    trader = create_portfolio(port, {{"name", "trader"}, {"initial_capital", 50000}});
    archived = create_portfolio(port, {{"name", "archived"}, {"initial_capital", 50000}});
    expect(call(port, "POST", path_of(trader) + "/orders", {{"ticker", "TEC1"}, {"side", "buy"}, {"quantity", 3}}), 201);
    advance(port, 3);
    expect(call(port, "DELETE", path_of(archived)), 200);
    advance(port, 2);
    for (const auto& [date, close] : closes(port, "TEC1")) dates.push_back(date);
    dates.erase(dates.begin(), dates.end() - 6);  // the opening bar and the 5 since

    // The idle portfolio: one snapshot per bar, each its cash.
    const auto served = nav_series(port, path_of(idle) + "/performance");
    REQUIRE(served.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) {
      CHECK(served[i].first == dates[i]);
      CHECK(served[i].second == 50000.0);
    }
    CHECK(get(port, path_of(idle) + "/risk-analytics")["sector_rotation"].size() == 6);
    // Restricted to a period that starts inside the carried bars.
    const auto part = nav_series(port, path_of(idle) + "/performance?from=" + dates[2] + "&to=" + dates[4]);
    REQUIRE(part.size() == 3);
    CHECK(part.front().first == dates[2]);
    CHECK(part.back().first == dates[4]);

    // The trader: every bar, valued at the bar's closes.
    const auto traded = nav_series(port, path_of(trader) + "/performance");
    REQUIRE(traded.size() == 6);
    CHECK(traded.back().first == dates.back());
    CHECK(traded.back().second != 50000.0);

    // The archived portfolio: its series ends at the bar it was archived on.
    const auto ended = nav_series(port, path_of(archived) + "/performance");
    REQUIRE(ended.size() == 4);
    CHECK(ended.back().first == dates[3]);
  }
  // Stored: the idle portfolio only its opening row; the archived one its opening and its archiving;
  // the trader one per bar.
  auto db = finsim::store::Database::open(db_path);
  REQUIRE(db.ok());
  CHECK(stored_rows(*db, idle) == 1);
  CHECK(stored_rows(*db, archived) == 2);
  CHECK(stored_rows(*db, trader) == 6);
}

TEST_CASE("a portfolio that sells out goes idle, and its series carries its last row") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "round trip"}, {"initial_capital", 10000}});
  expect(call(port, "POST", path_of(p) + "/orders", {{"ticker", "FIN1"}, {"side", "buy"}, {"quantity", 2}}), 201);
  advance(port, 1);
  expect(call(port, "POST", path_of(p) + "/orders", {{"ticker", "FIN1"}, {"side", "sell"}, {"quantity", 2}}), 201);
  advance(port, 1);  // sold: only cash from here
  const double cash = get(port, path_of(p))["cash"];
  advance(port, 4);
  const auto served = nav_series(port, path_of(p) + "/performance");
  REQUIRE(served.size() == 7);
  for (std::size_t i = 2; i < 7; ++i) CHECK(served[i].second == cash);
  CHECK(get(port, path_of(p))["nav"] == cash);
}
