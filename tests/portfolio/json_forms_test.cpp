// JSON forms for the server: orders, executions, performance (undefined numbers as null), holdings; and
// the series reader behind `finsim metrics`.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/series_csv.hpp"
#include "test_market.hpp"

using namespace finsim::portfolio;
using nlohmann::json;

TEST_CASE("orders parse from JSON with complete validation and print back") {
  const json j = {{"ticker", "AAA"}, {"side", "buy"}, {"type", "limit"}, {"quantity", 5}, {"limit_price", 95},
                  {"placed", "2024-01-01"}, {"good_until", "2024-01-05"}, {"model", "llm"}, {"confidence", 0.6}};
  auto o = order_from_json(j);
  REQUIRE(o.ok());
  CHECK(o->type == OrderType::limit);
  CHECK(o->size_kind == SizeKind::quantity);
  CHECK(o->good_until == date_from_civil(2024, 1, 5));
  CHECK(order_to_json(o.value()) == j);
  auto err = [](json x) { return order_from_json(x).error().message; };
  json bad = j;
  bad["notional"] = 100;
  CHECK(err(bad).find("exactly one") != std::string::npos);
  bad = j;
  bad["side"] = "short";
  CHECK(err(bad).find("side") != std::string::npos);
  bad = j;
  bad["placed"] = "yesterday";
  CHECK(err(bad).find("placed") != std::string::npos);
  bad = j;
  bad["quantity"] = "5";
  CHECK(err(bad).find("finite number") != std::string::npos);
  bad = j;
  bad["price"] = 1;
  CHECK(err(bad).find("unknown key") != std::string::npos);
  CHECK(order_from_json(json::array()).error().code == "bad_order");
  // A good_until that is given is a day: "" is not "no expiry".
  for (const json& g : {json(""), json("2024-02-30"), json(nullptr)}) {
    bad = j;
    bad["good_until"] = g;
    CHECK(err(bad).find("good_until") != std::string::npos);
  }
  bad = j;
  bad.erase("good_until");
  CHECK(!order_from_json(bad).value().good_until);
}

TEST_CASE("an order from JSON executes like one built in C++") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  auto o = order_from_json({{"ticker", "AAA"}, {"side", "buy"}, {"notional", 1000}, {"placed", "2024-01-01"}});
  REQUIRE(o.ok());
  auto e = execute_order(s, o.value(), panel, fee_preset("flat").value(), {});
  REQUIRE(e.ok());
  const json x = execution_to_json(e.value());
  CHECK(x["status"] == "filled");
  CHECK(x["fill"]["price"] == 110.0);
  CHECK(x["fill"]["net_cash"] == -1001.0);
  CHECK(x["fill"]["date"] == "2024-01-02");
}

TEST_CASE("sizing rules parse from JSON with their defaults and print back") {
  auto kelly = sizing_rule_from_json({{"kind", "kelly"}, {"kelly_multiplier", 0.25}});
  REQUIRE(kelly.ok());
  CHECK(kelly->kind == SizingKind::kelly);
  CHECK(kelly->kelly_multiplier == 0.25);
  CHECK(kelly->max_fraction == 0.25);
  auto big = sizing_rule_from_json({{"kind", "fixed_fraction"}, {"fraction", 0.5}});
  REQUIRE(big.ok());
  CHECK(big->max_fraction == 0.5);  // the cap follows an explicit larger fraction
  auto back = sizing_rule_from_json(sizing_rule_to_json(*kelly));
  REQUIRE(back.ok());
  CHECK(sizing_rule_to_json(*back) == sizing_rule_to_json(*kelly));
  CHECK(sizing_rule_from_json(nlohmann::json::object())->kind == SizingKind::fixed_fraction);
  CHECK(sizing_rule_from_json({{"kind", "martingale"}}).error().code == "bad_sizing");
  CHECK(sizing_rule_from_json({{"fraction", 1.5}}).error().code == "bad_sizing");
  CHECK(sizing_rule_from_json({{"fraction", "half"}}).error().code == "bad_sizing");
  CHECK(sizing_rule_from_json({{"kelly_min_trades", 2.5}}).error().code == "bad_sizing");
  CHECK(sizing_rule_from_json({{"unknown", 1}}).error().code == "bad_sizing");
}

TEST_CASE("undefined metrics are written as null, never as invalid JSON") {
  const std::vector<double> one = {0.01};
  const PerformanceSummary p = summarize_returns(one, {}, {});
  const json j = performance_to_json(p);
  CHECK(j["sharpe"].is_null());
  CHECK(j["annual_volatility"].is_null());
  CHECK(j["total_return"].get<double>() == Approx(0.01));
  CHECK(json::parse(j.dump()) == j);
  const std::vector<double> up = {0.01, 0.02, 0.01};
  CHECK(performance_to_json(summarize_returns(up, {}, {}))["sortino"].is_null());  // +inf
}

TEST_CASE("holdings and allocation serialise with classes, sectors and weights") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  PortfolioState s = open_portfolio(panel, 10000);
  auto f = price_fill(s, 0, Side::buy, SizeKind::quantity, 10, 0, 100, panel.date(0), fee_preset("zero").value(), {}, {});
  apply_fill(s, f.value());
  const std::vector<double> prices = {120, 50};
  const auto h = holdings_report(s, panel, prices);
  const json hj = holdings_to_json(h);
  REQUIRE(hj.size() == 1);
  CHECK(hj[0]["asset_class"] == "stock");
  CHECK(hj[0]["sector"] == "Technology");
  CHECK(hj[0]["unrealized_pnl"] == 200.0);
  const json aj = allocation_to_json(allocation(h, s.cash));
  CHECK(aj["by_class"][0]["weight"] == Approx(1200.0 / 10200.0));
  CHECK(aj["by_sector"][0]["name"] == "Technology");
}

TEST_CASE("the series reader: dated or not, prices or returns, bad rows by line") {
  auto r = read_series_csv("Date,A,B\n2024-01-03,0.01,-0.02\n2024-01-02,0.03,\n");
  REQUIRE(r.table);
  CHECK(r.table->dates.front() == date_from_civil(2024, 1, 2));
  CHECK(r.table->columns[0][0] == 0.03);
  CHECK(std::isnan(r.table->columns[1][0]));
  CHECK_FALSE(looks_like_prices(*r.table));
  auto u = read_series_csv("x\n1.5\n2.5\n");
  REQUIRE(u.table);
  CHECK(u.table->dates.empty());
  CHECK(looks_like_prices(*u.table));
  auto bad = read_series_csv("date,r\n2024-01-02,1\n2024-01-02,2\nnope,3\n2024-01-05,x,\n");
  CHECK_FALSE(bad.table);
  CHECK(bad.issue_count == 3);
  CHECK(bad.issues[0].line == 3);
  CHECK(bad.issues[1].line == 4);
  CHECK(bad.issues[2].line == 5);
  auto long_form = read_series_csv("date,ticker,asset_type,close\n2024-01-02,A,stock,10\n2024-01-03,A,stock,11\n");
  REQUIRE(long_form.table);
  CHECK(long_form.table->names[0] == "A");
  CHECK(long_form.table->columns[0][1] == 11.0);
}
