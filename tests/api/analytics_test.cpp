// Performance, risk analytics and fee comparison through the API equal the engine's own computation
// on the same data: the server only gathers.
#include <catch2/catch.hpp>

#include "api_support.hpp"
#include "finsim/portfolio/drawdown.hpp"
#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/monte_carlo.hpp"
#include "finsim/portfolio/performance.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/returns_metrics.hpp"

using namespace finsim::test;
namespace pf = finsim::portfolio;

namespace {

/// A portfolio that trades three assets over 40 bars.
json traded_portfolio(int port) {
  const json p = create_portfolio(port, {{"name", "A"}, {"initial_capital", 100000}, {"fee_structure", "ibkr_fixed"}});
  const std::string orders = "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/orders";
  for (const char* t : {"TEC1", "FIN1", "CMD1"})
    expect(call(port, "POST", orders, {{"ticker", t}, {"side", "buy"}, {"notional", 20000}}), 201);
  advance(port, 15);
  expect(call(port, "POST", orders, {{"ticker", "FIN1"}, {"side", "sell"}, {"quantity", 10}}), 201);
  advance(port, 25);
  return get(port, "/api/portfolios/" + std::to_string(p["id"].get<int>()));
}

std::vector<pf::NavSnapshot> snapshots(const json& nav) {
  std::vector<pf::NavSnapshot> out;
  for (const json& s : nav) {
    pf::NavSnapshot n;
    n.date = pf::parse_date(s["date"].get<std::string>()).value();
    n.bar = out.size();
    n.cash = s["cash"];
    n.holdings_value = s["holdings_value"];
    n.nav = s["nav"];
    out.push_back(n);
  }
  return out;
}

}  // namespace

TEST_CASE("performance and risk analytics are the engine's metrics of the stored NAV history") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = traded_portfolio(port);
  const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
  const json perf = get(port, path + "/performance");
  const auto nav = snapshots(perf["nav"]);
  REQUIRE(nav.size() == 41);  // the opening day and 40 bars
  json engine = pf::performance_to_json(pf::summarize_nav(nav, {}));
  json served = perf["summary"];
  for (json& e : served["worst_drawdowns"]) {
    CHECK(e["peak_date"] == perf["nav"][e["peak"].get<std::size_t>()]["date"]);
    for (const char* k : {"peak_date", "trough_date", "recovery_date"}) e.erase(k);
  }
  CHECK(served == engine);
  const std::vector<double> returns = pf::returns_from_nav(nav);
  REQUIRE(perf["returns"].size() == returns.size());
  CHECK(perf["returns"][0]["value"] == returns[0]);
  CHECK(perf["return_distribution"] == pf::histogram_to_json(pf::histogram(returns, 20)));
  CHECK(perf["valuation"]["nav"] == p["nav"]);
  CHECK_FALSE(perf["summary"].contains("benchmark"));
  // Against a benchmark: the engine's alpha and beta with the ticker's returns on the same days.
  const json bench = get(port, path + "/performance?benchmark=BND1")["summary"]["benchmark"];
  CHECK(bench["name"] == "BND1");  // named by what it was measured against
  std::vector<double> bnd1;
  const auto series = closes(port, "BND1");
  for (const pf::NavSnapshot& s : nav)
    for (const auto& [d, c] : series)
      if (d == pf::format_date(s.date)) bnd1.push_back(c);
  REQUIRE(bnd1.size() == nav.size());
  const auto expected = pf::summarize_nav(nav, {}, pf::simple_returns(bnd1));
  CHECK(bench["beta"] == expected.benchmark->beta);
  CHECK(bench["alpha"] == pf::json_number(expected.benchmark->alpha));
  CHECK(error_code(call(port, "GET", path + "/performance?benchmark=NOPE"), 422) == "unknown_ticker");
  CHECK(perf["trades"]["trades"] == 1);  // the partial FIN1 sale closed one round trip

  const json risk = get(port, path + "/risk-analytics?volatility_window=10&window=30");
  CHECK(risk["var"]["historical"] == engine["var_historical"]);
  CHECK(risk["cvar"]["gaussian"] == engine["cvar_gaussian"]);
  CHECK(risk["max_drawdown"] == engine["max_drawdown"]);
  const std::vector<double> dd = pf::drawdown_series(returns);
  REQUIRE(risk["drawdown"].size() == dd.size());
  for (std::size_t i = 0; i < dd.size(); ++i) CHECK(risk["drawdown"][i]["value"] == dd[i]);
  const std::vector<double> vol = pf::rolling_volatility(returns, 10);
  CHECK(risk["volatility"]["series"][20]["value"] == vol[20]);
  CHECK(risk["volatility"]["series"][0]["value"].is_null());  // not a full window yet
  CHECK(risk["sector_rotation"].size() == nav.size());
  CHECK(risk["allocation"] == p["allocation"]);

  // The correlation of the held assets over the trailing window, from the market's prices.
  const json table = risk["correlation"]["table"];
  const std::vector<std::string> held = table["tickers"];
  REQUIRE(held == std::vector<std::string>{"TEC1", "FIN1", "CMD1"});
  std::string tickers;
  for (const auto& t : held) tickers += (tickers.empty() ? "" : ",") + t;
  const json prices = get(port, "/api/markets/1/prices?tickers=" + tickers);
  std::vector<pf::Date> dates;
  for (const json& d : prices["dates"]) dates.push_back(pf::parse_date(d.get<std::string>()).value());
  std::vector<double> closes;
  for (std::size_t b = 0; b < dates.size(); ++b)
    for (const auto& t : held) closes.push_back(prices["closes"][t][b].is_null() ? std::nan("") : prices["closes"][t][b].get<double>());
  std::vector<pf::Asset> assets;
  std::vector<pf::Holding> holdings;
  for (std::size_t i = 0; i < held.size(); ++i) {
    assets.push_back({held[i], pf::AssetClass::stock, ""});
    pf::Holding h;
    h.asset = i;
    h.ticker = held[i];
    holdings.push_back(h);
  }
  const auto panel = pf::PricePanel::create(assets, dates, closes).value();
  CHECK(table == pf::correlation_to_json(pf::holdings_correlation(panel, holdings, dates.size() - 1, 30)));
}

TEST_CASE("the Monte Carlo of the return path is the engine's bootstrap of the stored NAV's returns, seeded") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = traded_portfolio(port);
  const std::string path = "/api/portfolios/" + std::to_string(p["id"].get<int>());
  const auto nav = snapshots(get(port, path + "/performance")["nav"]);
  const json mc = get(port, path + "/monte-carlo?paths=500&block=3&seed=7");
  pf::MonteCarloOptions o;
  o.paths = 500;
  o.block = 3;
  o.seed = 7;
  const json engine = pf::monte_carlo_to_json(pf::bootstrap_paths(pf::returns_from_nav(nav), o).value(), nav.back().nav);
  for (const char* k : {"paths", "horizon", "block", "sample", "final_return", "final_nav", "max_drawdown", "mean_final_return",
                        "probability_of_loss", "fan"}) {
    INFO(k);
    CHECK(mc[k] == engine[k]);
  }
  CHECK(mc["sample"] == 40);
  CHECK(mc["horizon"] == 40);
  CHECK(mc["final_nav"]["p50"].get<double>() == Approx(nav.back().nav * (1 + mc["final_return"]["p50"].get<double>())));
  CHECK(mc["fan"].back()["period"] == 40);
  CHECK(get(port, path + "/monte-carlo?paths=500&block=3&seed=7") == mc);  // seeded
  CHECK(get(port, path + "/monte-carlo?paths=500&block=3&seed=8")["final_return"] != mc["final_return"]);
  CHECK(error_code(call(port, "GET", path + "/monte-carlo?paths=5"), 422) == "bad_parameter");
  CHECK(error_code(call(port, "GET", path + "/monte-carlo?block=0"), 422) == "bad_parameter");
  const json fresh = create_portfolio(port, {{"name", "New"}, {"initial_capital", 1000}});
  CHECK(error_code(call(port, "GET", "/api/portfolios/" + std::to_string(fresh["id"].get<int>()) + "/monte-carlo"), 422) ==
        "bad_monte_carlo");  // no history yet
}

TEST_CASE("the fee comparison replays the portfolio's trades: without rejections NAV differs by the fees") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json p = traded_portfolio(port);
  const json cmp = get(port, "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/fee-comparison?fee_structures=zero,flat,percent");
  CHECK(cmp["baseline"] == "ibkr_fixed");
  CHECK(cmp["trades"] == 4);
  const json& s = cmp["scenarios"];
  REQUIRE(s.size() == 4);
  CHECK(s[0]["schedule"] == "ibkr_fixed");
  CHECK(s[0]["final_nav"] == p["nav"]);  // the baseline is the portfolio itself
  CHECK(s[0]["total_fees"] == p["fees_paid"]);
  CHECK(s[1]["total_fees"] == 0.0);
  for (std::size_t i = 1; i < 4; ++i) {
    CHECK(s[i]["rejected"] == 0);
    CHECK(s[i]["nav_difference"].get<double>() ==
          Approx(s[0]["total_fees"].get<double>() - s[i]["total_fees"].get<double>()).margin(1e-6));
    CHECK(s[i]["nav"].size() == 41);
  }
  CHECK(error_code(call(port, "GET", "/api/portfolios/" + std::to_string(p["id"].get<int>()) + "/fee-comparison?fee_structures=nope"),
                   422) == "unknown_fee_structure");
}

TEST_CASE("the overview shows every active portfolio, the combined allocation and the pending orders") {
  ServerProcess server(api_server_args());
  const int port = server.port();
  const json a = traded_portfolio(port);
  // Enough cash for the 52 pending buys below: each reserves its cost until it fills.
  const json b = create_portfolio(port, {{"name", "Cash only"}, {"initial_capital", 10000}});
  expect(call(port, "POST", "/api/portfolios/" + std::to_string(b["id"].get<int>()) + "/orders",
              {{"ticker", "BND1"}, {"side", "buy"}, {"quantity", 1}}),
         201);
  const json o = get(port, "/api/overview");
  CHECK(o["portfolios"].size() == 2);
  CHECK(o["pending_orders"].size() == 1);
  CHECK(o["pending_order_count"] == 1);
  CHECK(o["pending_orders"][0]["ticker"] == "BND1");
  // The list stops at the 50 latest; the count does not.
  for (int i = 0; i < 51; ++i)
    expect(call(port, "POST", "/api/portfolios/" + std::to_string(b["id"].get<int>()) + "/orders",
                {{"ticker", "BND1"}, {"side", "buy"}, {"quantity", 1}}),
           201);
  const json many = get(port, "/api/overview");
  CHECK(many["pending_orders"].size() == 50);
  CHECK(many["pending_order_count"] == 52);
  CHECK(o["allocation"]["nav"].get<double>() == Approx(a["nav"].get<double>() + 10000.0).epsilon(1e-12));
  CHECK(o["markets"].size() == 1);
}
