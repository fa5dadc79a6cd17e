// The benchmark of backtests and model comparisons (buy_and_hold.hpp): known answers for the
// equal-weight buy-and-hold, the assets it leaves out, and its use — a backtest and every model of a
// comparison measured against the same universe held, with the excess return that ranks them.
#include <catch2/catch.hpp>

#include <cmath>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/buy_and_hold.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "test_backtests.hpp"
#include "test_market.hpp"

using namespace finsim::portfolio;

TEST_CASE("the equal-weight buy-and-hold: half in each asset at the first close, missing closes carried") {
  // AAA 100, 110, 120, 90, 130, 125 and BBB 50, -, 55, 60, -, 40 (test_market.hpp).
  const PricePanel panel = portfolio_test::two_asset_panel();
  const std::vector<std::size_t> both = {1, 0, 1};  // order and repeats do not matter
  const BuyAndHold b = equal_weight_buy_and_hold(panel, both, 0, 99);
  CHECK(b.assets == std::vector<std::size_t>{0, 1});
  REQUIRE(b.value.size() == 6);
  const std::vector<double> expected = {1.0, 1.05, 1.15, 1.05, 1.25, 1.025};
  for (std::size_t t = 0; t < 6; ++t) CHECK(b.value[t] == Approx(expected[t]).epsilon(1e-12));
  REQUIRE(b.returns.size() == 5);
  CHECK(b.returns[0] == Approx(0.05).epsilon(1e-12));
  CHECK(b.returns[4] == Approx(1.025 / 1.25 - 1).epsilon(1e-12));
  CHECK(b.total_return() == Approx(0.025).epsilon(1e-12));
  CHECK(b.name(panel) == "equal-weight buy-and-hold of 2 assets");
  // From bar 1 BBB is bought at its last close (50, bar 0): value at bar 2 = ½·120/110 + ½·55/50.
  const BuyAndHold later = equal_weight_buy_and_hold(panel, both, 1, 2);
  CHECK(later.value[1] == Approx(0.5 * 120.0 / 110.0 + 0.5 * 1.1).epsilon(1e-12));
  CHECK(equal_weight_buy_and_hold(panel, std::vector<std::size_t>{0}, 0, 5).name(panel) == "buy-and-hold of AAA");
}

TEST_CASE("an asset not yet listed at the start is not in the benchmark: nobody could have bought it") {
  std::vector<Asset> assets = {{"OLD", AssetClass::stock, ""}, {"NEW", AssetClass::stock, ""}};
  std::vector<Date> dates = {portfolio_test::day(0), portfolio_test::day(1), portfolio_test::day(2)};
  const double nan = portfolio_test::kMissing;
  auto panel = PricePanel::create(assets, dates, {10, nan, 11, nan, 12, 100});
  REQUIRE(panel.ok());
  const BuyAndHold b = equal_weight_buy_and_hold(*panel, std::vector<std::size_t>{0, 1}, 0, 2);
  CHECK(b.assets == std::vector<std::size_t>{0});
  CHECK(b.total_return() == Approx(0.2).epsilon(1e-12));
  const BuyAndHold none = equal_weight_buy_and_hold(*panel, std::vector<std::size_t>{1}, 0, 1);
  CHECK(none.assets.empty());
  CHECK(none.value == std::vector<double>{1.0, 1.0});  // cash
}

using portfolio_test::quick_spec;
using portfolio_test::simulated;

TEST_CASE("a backtest is measured against its universe held: alpha, beta and the excess return over it") {
  const PricePanel panel = simulated(500, 11);
  BacktestSpec spec = quick_spec("momentum");
  spec.tickers = {panel.asset(0).ticker, panel.asset(3).ticker, panel.asset(9).ticker};
  spec.start = panel.date(250);
  auto r = run_backtest(panel, spec);
  REQUIRE(r.ok());
  REQUIRE(r->performance.benchmark);
  const BenchmarkSummary& b = *r->performance.benchmark;
  const BuyAndHold held = equal_weight_buy_and_hold(panel, std::vector<std::size_t>{0, 3, 9}, 250, 499);
  CHECK(r->benchmark.value == held.value);
  CHECK(b.name == "equal-weight buy-and-hold of 3 assets");
  CHECK(b.benchmark_total_return == Approx(held.total_return()).epsilon(1e-9));
  CHECK(b.excess_return == Approx(r->performance.total_return - held.total_return()).epsilon(1e-12));
  CHECK(std::isfinite(b.alpha));
  CHECK(std::isfinite(b.beta));
  // Named, one ticker is the benchmark instead.
  spec.benchmark = panel.asset(3).ticker;
  auto one = run_backtest(panel, spec);
  REQUIRE(one.ok());
  CHECK(one->performance.benchmark->name == "buy-and-hold of " + panel.asset(3).ticker);
  CHECK(one->benchmark.assets == std::vector<std::size_t>{3});
}

TEST_CASE("every model of a comparison is measured against the same benchmark, and the excess return ranks them") {
  const PricePanel panel = simulated(500, 11);
  std::vector<Signal> all;
  for (const char* name : {"momentum", "linear"}) {
    BacktestSpec spec = quick_spec(name);
    spec.tickers = {panel.asset(1).ticker, panel.asset(2).ticker};
    spec.start = panel.date(250);
    auto r = run_backtest(panel, spec);
    REQUIRE(r.ok());
    all.insert(all.end(), r->signals.begin(), r->signals.end());
  }
  StrategyConfig c;
  c.fees = fee_preset("ibkr_fixed").value();
  c.start_bar = 250;
  auto reports = compare_models(panel, all, c);
  REQUIRE(reports.ok());
  REQUIRE(reports->size() == 2);
  const double held = equal_weight_buy_and_hold(panel, std::vector<std::size_t>{1, 2}, 250, 499).total_return();
  for (const ModelReport& m : *reports) {
    REQUIRE(m.performance.benchmark);
    CHECK(m.performance.benchmark->benchmark_total_return == Approx(held).epsilon(1e-9));
    CHECK(m.performance.benchmark->excess_return == Approx(m.performance.total_return - held).epsilon(1e-12));
  }
}
