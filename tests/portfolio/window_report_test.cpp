// Walk-forward evaluation per window (window_report.hpp): known answers on a hand-made NAV, and a
// backtest's windows compounding to its whole-period return and benchmark.
#include <catch2/catch.hpp>

#include <cmath>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/window_report.hpp"
#include "test_backtests.hpp"
#include "test_market.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;

namespace {

Signal signal(const char* ticker, SignalAction action, int bar) {
  Signal s;
  s.model = "test";
  s.ticker = ticker;
  s.action = action;
  s.confidence = 0.7;
  s.date = day(bar);
  return s;
}

}  // namespace

TEST_CASE("windows: each one's return against the bar before it, the benchmark's, and its signals' hit rate") {
  const PricePanel panel = portfolio_test::two_asset_panel();  // AAA 100 110 120 90 130 125
  std::vector<NavSnapshot> nav;
  for (int b = 0; b < 6; ++b) nav.push_back({day(b), static_cast<std::size_t>(b), 0.0, 0.0, 1000.0 + 100.0 * b});
  const BuyAndHold held = equal_weight_buy_and_hold(panel, std::vector<std::size_t>{0}, 0, 5);  // AAA / 100
  const std::vector<Signal> signals = {signal("AAA", SignalAction::buy, 0),  signal("AAA", SignalAction::sell, 2),
                                       signal("AAA", SignalAction::buy, 3),  signal("AAA", SignalAction::sell, 4),
                                       signal("BBB", SignalAction::buy, 0),  signal("AAA", SignalAction::hold, 1),
                                       signal("AAA", SignalAction::buy, 5)};
  std::vector<Fill> fills(3);
  fills[0].bar = 1;
  fills[1].bar = 2;
  fills[2].bar = 5;
  const auto w = report_windows(panel, nav, held, signals, fills, 0, 2);
  REQUIRE(w.size() == 3);
  CHECK(w[0].first == day(0));
  CHECK(w[0].last == day(1));
  CHECK(w[0].total_return == Approx(1100.0 / 1000.0 - 1).epsilon(1e-12));
  CHECK(w[0].benchmark_return == Approx(0.1).epsilon(1e-12));
  CHECK(w[0].excess_return == Approx(0.0).margin(1e-12));
  CHECK(w[1].total_return == Approx(1300.0 / 1100.0 - 1).epsilon(1e-12));  // from the bar before the window
  CHECK(w[1].benchmark_return == Approx(90.0 / 110.0 - 1).epsilon(1e-12));
  CHECK(w[2].benchmark_return == Approx(125.0 / 90.0 - 1).epsilon(1e-12));
  // Window 0: AAA buy at 0 (100 → 110, right), BBB buy at 0 (no close at bar 1: not scored): 1 of 1.
  CHECK(w[0].signals == 2);
  CHECK(w[0].hit_rate == 1.0);
  // Window 1: sell at 2 (120 → 90, right), buy at 3 (90 → 130, right).
  CHECK(w[1].hit_rate == 1.0);
  // Window 2: sell at 4 (130 → 125, right); buy at 5 has no next bar: 1 of 1.
  CHECK(w[2].signals == 2);
  CHECK(w[2].hit_rate == 1.0);
  CHECK((std::vector<std::size_t>{w[0].fills, w[1].fills, w[2].fills}) == std::vector<std::size_t>{1, 1, 1});
  CHECK(report_windows(panel, nav, held, signals, fills, 0, 0).empty());
}

TEST_CASE("a backtest's windows cut its period at the refits and compound to its whole return and benchmark") {
  const PricePanel panel = portfolio_test::simulated(500, 5);
  BacktestSpec spec = portfolio_test::quick_spec("momentum");
  spec.start = panel.date(260);
  auto r = run_backtest(panel, spec);
  REQUIRE(r.ok());
  const std::size_t bars = r->run.nav.size();
  REQUIRE(r->windows.size() == (bars + 19) / 20);  // refit_every 20
  CHECK(r->windows.front().first == panel.date(260));
  CHECK(r->windows.back().last == r->run.nav.back().date);
  double growth = 1.0, held = 1.0;
  std::size_t fills = 0;
  for (const WindowReport& w : r->windows) {
    growth *= 1.0 + w.total_return;
    held *= 1.0 + w.benchmark_return;
    fills += w.fills;
  }
  CHECK(growth - 1.0 == Approx(r->performance.total_return).epsilon(1e-9));
  CHECK(held - 1.0 == Approx(r->performance.benchmark->benchmark_total_return).epsilon(1e-9));
  CHECK(fills == r->run.fills.size());
}
