// Strategy risk exits (strategy.hpp rule 5): stop-loss, take-profit and trailing stop on every position
// of a run, by known answers on the six-day market of test_market.hpp (AAA closes 100, 110, 120, 90,
// 130, 125): a buy signal on day 0 opens a long at bar 1's 110.
#include <catch2/catch.hpp>

#include "finsim/portfolio/strategy.hpp"
#include "test_market.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;

namespace {

StrategyResult run_with(RiskExits exits, SignalAction action = SignalAction::buy) {
  StrategyConfig c;
  c.initial_cash = 10000;
  c.fees = fee_preset("zero").value();
  c.sizing.fraction = 0.5;
  c.rules.allow_short = true;
  c.exits = exits;
  Signal s;
  s.model = "linear";
  s.ticker = "AAA";
  s.action = action;
  s.confidence = 0.9;
  s.date = day(0);
  const std::vector<Signal> signals = {s};
  auto r = run_strategy(portfolio_test::two_asset_panel(), signals, c);
  REQUIRE(r.ok());
  REQUIRE(r->fills.front().bar == 1);
  return std::move(r).value();
}

}  // namespace

TEST_CASE("a stop-loss closes a long at the first close at or below entry × (1 − stop %), at that close") {
  const StrategyResult r = run_with({.stop_loss_percent = 10});  // 99: bar 3's 90
  REQUIRE(r.fills.size() == 2);
  CHECK(r.fills[1].side == Side::sell);
  CHECK(r.fills[1].bar == 3);
  CHECK(r.fills[1].price == 90.0);
  CHECK(r.risk_exits == 1);
  CHECK(r.final_state.positions[0].quantity == 0.0);
  // Without it the position rides on to the end.
  CHECK(run_with({}).fills.size() == 1);
}

TEST_CASE("a take-profit closes at the first close at or above entry × (1 + profit %)") {
  const StrategyResult r = run_with({.take_profit_percent = 15});  // 126.5: bar 4's 130
  REQUIRE(r.fills.size() == 2);
  CHECK(r.fills[1].bar == 4);
  CHECK(r.fills[1].price == 130.0);
  CHECK(r.round_trips.at(0).pnl > 0.0);
}

TEST_CASE("a trailing stop follows the highest close since the entry bar") {
  // 20 %: levels 88 (110), then 96 (120): bar 3's 90 crosses.
  const StrategyResult tight = run_with({.trailing_stop_percent = 20});
  REQUIRE(tight.fills.size() == 2);
  CHECK(tight.fills[1].bar == 3);
  // 30 %: 84 at bar 3 (90 stays above), 91 at bar 5 (125 stays above): held to the end.
  CHECK(run_with({.trailing_stop_percent = 30}).fills.size() == 1);
}

TEST_CASE("a short's exits mirror a long's") {
  // Short at 110: a 5 % stop at 115.5 is crossed by bar 2's 120; a 15 % profit at 93.5 by bar 3's 90.
  const StrategyResult stopped = run_with({.stop_loss_percent = 5}, SignalAction::sell);
  REQUIRE(stopped.fills.size() == 2);
  CHECK(stopped.fills[1].side == Side::buy);
  CHECK(stopped.fills[1].bar == 2);
  const StrategyResult profit = run_with({.take_profit_percent = 15}, SignalAction::sell);
  REQUIRE(profit.fills.size() == 2);
  CHECK(profit.fills[1].bar == 3);
  CHECK(profit.round_trips.at(0).pnl > 0.0);
}

TEST_CASE("risk exit percents are validated") {
  CHECK(validate_risk_exits({}).ok());
  CHECK(validate_risk_exits({.stop_loss_percent = 99, .take_profit_percent = 500, .trailing_stop_percent = 5}).ok());
  CHECK_FALSE(validate_risk_exits({.stop_loss_percent = 100}).ok());
  CHECK_FALSE(validate_risk_exits({.trailing_stop_percent = -1}).ok());
  CHECK_FALSE(validate_risk_exits({.take_profit_percent = std::nan("")}).ok());
  StrategyConfig c;
  c.exits.stop_loss_percent = 150;
  auto r = run_strategy(portfolio_test::two_asset_panel(), std::vector<Signal>{}, c);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "bad_config");
}
