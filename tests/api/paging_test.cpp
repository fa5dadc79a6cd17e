// Every list of the API is paged (docs/portfolio-api.md, "Paging"): ?limit= with a default and a
// maximum, a cursor or an offset, and the answer's "next" says how to get the following page.
#include <catch2/catch.hpp>

#include "api_support.hpp"

using namespace finsim::test;

namespace {

/// Follows "next" from `first` until it is null; every item of `field` in page order. `pages`
/// counts the pages.
json walk(int port, const std::string& first, const std::string& field, int& pages) {
  json items = json::array();
  pages = 0;
  for (json next = first; !next.is_null(); ++pages) {
    REQUIRE(pages < 100);
    const json page = get(port, next.get<std::string>());
    REQUIRE(page.contains("next"));
    for (const json& item : page[field]) items.push_back(item);
    next = page["next"];
  }
  return items;
}

std::vector<int> ids(const json& items) {
  std::vector<int> out;
  for (const json& i : items) out.push_back(i["id"].get<int>());
  return out;
}

}  // namespace

TEST_CASE("portfolios come a page at a time by cursor, with the way to the next page") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  std::vector<int> made;
  for (int i = 0; i < 5; ++i) {
    const std::string name = std::string("p").append(std::to_string(i));
    made.push_back(create_portfolio(port, {{"name", name}, {"initial_capital", 1000}})["id"].get<int>());
  }

  const json first = get(port, "/api/portfolios?status=all&limit=2");
  CHECK(first["limit"] == 2);
  REQUIRE(first["portfolios"].size() == 2);
  CHECK(first["next_cursor"] == std::to_string(made[1]));
  CHECK(first["next"] == "/api/portfolios?status=all&limit=2&cursor=" + std::to_string(made[1]));

  int pages = 0;
  CHECK(ids(walk(port, "/api/portfolios?status=all&limit=2", "portfolios", pages)) == made);
  CHECK(pages == 3);
  const json last = get(port, "/api/portfolios?limit=2&cursor=" + std::to_string(made[3]));
  CHECK(last["portfolios"].size() == 1);
  CHECK(last["next"].is_null());
  CHECK(last["next_cursor"].is_null());
  // An offset works too; the default page holds them all.
  CHECK(ids(get(port, "/api/portfolios?limit=2&offset=2")["portfolios"]) == std::vector<int>{made[2], made[3]});
  CHECK(ids(get(port, "/api/portfolios")["portfolios"]) == made);
  CHECK(get(port, "/api/portfolios")["limit"] == 100);

  // The overview pages its portfolio lines; its totals cover every portfolio.
  const json overview = get(port, "/api/overview?limit=2");
  CHECK(overview["portfolios"].size() == 2);
  CHECK(overview["portfolio_count"]["live"] == 5);
  CHECK(overview["portfolio_count"]["backtest"] == 0);
  CHECK(overview["allocation"]["nav"] == 5000.0);
  CHECK(ids(walk(port, "/api/overview?limit=2", "portfolios", pages)) == made);

  // Refused: a page of 0 or over the maximum, a cursor that is not one, a cursor with an offset.
  for (const char* bad : {"?limit=0", "?limit=1001", "?cursor=abc", "?cursor=-1", "?cursor=3&offset=1"}) {
    INFO(bad);
    CHECK(error_code(call(port, "GET", std::string("/api/portfolios") + bad), 422) == "bad_parameter");
  }
}

TEST_CASE("every other list is paged, and following next gives the whole list once") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = create_portfolio(port, {{"name", "trader"}, {"initial_capital", 100000}});
  const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
  for (const char* t : {"TEC1", "FIN1", "HLT1"})
    expect(call(port, "POST", path + "/orders", {{"ticker", t}, {"side", "buy"}, {"quantity", 1}}), 201);
  advance(port, 1);
  expect(call(port, "POST", "/api/signals",
              {{"signals", {{{"model", "llm"}, {"ticker", "TEC1"}, {"action", "buy"}, {"confidence", 0.5}},
                            {{"model", "llm"}, {"ticker", "FIN1"}, {"action", "buy"}, {"confidence", 0.5}},
                            {{"model", "gpt"}, {"ticker", "HLT1"}, {"action", "sell"}, {"confidence", 0.5}}}}}),
         201);

  struct List {
    std::string path, field;
    std::size_t limit;
  };
  const std::vector<List> lists{
      {path + "/orders", "orders", 2},      {path + "/transactions", "transactions", 2},
      {"/api/fee-structures", "fee_structures", 4}, {"/api/markets", "markets", 1},
      {"/api/markets/1/assets", "assets", 20}, {"/api/models", "models", 3},
      {"/api/signals", "signals", 2},       {"/api/backtests", "backtests", 2},
  };
  for (const List& l : lists) {
    INFO(l.path);
    const std::string sep = l.path.find('?') == std::string::npos ? "?" : "&";
    const json whole = get(port, l.path + sep + "limit=1000");
    CHECK(whole["next"].is_null());
    int pages = 0;
    const json walked = walk(port, l.path + sep + "limit=" + std::to_string(l.limit), l.field, pages);
    CHECK(walked == whole[l.field]);
    CHECK(pages == std::max<int>(1, static_cast<int>((whole[l.field].size() + l.limit - 1) / l.limit)));
  }
  CHECK(get(port, "/api/markets/1/assets?limit=20")["total"] == 58);
  // A list by offset refuses a cursor.
  CHECK(error_code(call(port, "GET", path + "/orders?cursor=5"), 422) == "bad_parameter");
}
