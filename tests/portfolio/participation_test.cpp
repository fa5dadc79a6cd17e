// Volume-aware fills (participation.hpp): an order larger than a share of the bar's volume fills in
// parts over several bars, by known answers on the six-day market of test_market.hpp given volumes
// (AAA closes 100, 110, 120, 90, 130, 125; volumes 100, 50, unknown, 200, 40, 1000).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/participation.hpp"
#include "finsim/portfolio/reservation.hpp"
#include "finsim/portfolio/strategy.hpp"
#include "test_market.hpp"
#include "test_orders.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;
using portfolio_test::market;

namespace {

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

PricePanel with_volumes() {
  const PricePanel closes = portfolio_test::two_asset_panel();
  std::vector<double> all, volumes;
  for (std::size_t b = 0; b < closes.bar_count(); ++b)
    for (std::size_t a = 0; a < 2; ++a) all.push_back(closes.close(b, a));
  const double aaa[] = {100, 50, kUnknown, 200, 40, 1000};
  for (double v : aaa) volumes.insert(volumes.end(), {v, 10.0});
  auto panel = PricePanel::create(closes.assets(), closes.dates(), all, volumes);
  REQUIRE(panel.ok());
  return std::move(panel).value();
}

PortfolioRules capped(double rate, bool fractional = true) {
  PortfolioRules r;
  r.max_participation = rate;
  r.fractional = fractional;
  return r;
}

Execution run(const Order& o, const PricePanel& panel, const PortfolioRules& rules) {
  const PortfolioState s = open_portfolio(panel, 100000);
  auto r = execute_order(s, o, panel, {}, rules);
  REQUIRE(r.ok());
  return *r;
}

/// The order as a server keeps it after a part: what was filled, and when.
Order after_part(Order o, const Fill& part) {
  o.filled += filled_amount(o.size_kind, part);
  o.last_part = part.date;
  return o;
}

}  // namespace

TEST_CASE("the cap is the rate times the bar's volume: nothing at a bar of unknown volume, whole units when asked") {
  const PricePanel panel = with_volumes();
  CHECK(std::isinf(participation_cap(panel, 0, 1, 0.0, true)));
  CHECK(participation_cap(panel, 0, 1, 0.1, true) == Approx(5.0));
  CHECK(participation_cap(panel, 0, 2, 0.1, true) == 0.0);
  CHECK(participation_cap(panel, 0, 1, 0.15, true) == Approx(7.5));
  CHECK(participation_cap(panel, 0, 1, 0.15, false) == 7.0);
  CHECK(check_participation(0.0, portfolio_test::two_asset_panel()).ok());
  CHECK(check_participation(0.1, portfolio_test::two_asset_panel()).error().code == "no_volume");
  CHECK(check_participation(1.5, panel).error().code == "bad_participation");
  CHECK(check_participation(std::nan(""), panel).error().code == "bad_participation");
}

TEST_CASE("an order larger than its share of the volume fills in parts, each at its own bar's price") {
  const PricePanel panel = with_volumes();
  const Order order = market("AAA", Side::buy, 12, 0);
  // Bar 1: 10 % of 50 = 5 units at 110, the rest waits.
  const Execution first = run(order, panel, capped(0.1));
  REQUIRE(first.status == ExecutionStatus::partial);
  CHECK(first.fill->bar == 1);
  CHECK(first.fill->quantity == Approx(5.0));
  CHECK(first.fill->price == 110.0);
  // Bar 2 has no known volume: nothing; bar 3 allows 20, the 7 left fill at 90.
  const Execution second = run(after_part(order, *first.fill), panel, capped(0.1));
  REQUIRE(second.status == ExecutionStatus::filled);
  CHECK(second.fill->bar == 3);
  CHECK(second.fill->quantity == Approx(7.0));
  CHECK(second.fill->price == 90.0);
  // Without a cap the same order fills whole at bar 1.
  CHECK(run(order, panel, {}).fill->quantity == 12.0);
}

TEST_CASE("a notional order fills its currency in parts, and a limit order only at bars within its limit") {
  const PricePanel panel = with_volumes();
  Order notional = market("AAA", Side::buy, 1000, 0);
  notional.size_kind = SizeKind::notional;
  const Execution first = run(notional, panel, capped(0.1));
  REQUIRE(first.status == ExecutionStatus::partial);
  CHECK(first.fill->quantity == Approx(5.0));  // 9.09 units wanted, 5 allowed
  const Order rest = after_part(notional, *first.fill);
  CHECK(remaining_size(rest) == Approx(450.0));
  const Execution second = run(rest, panel, capped(0.1));
  REQUIRE(second.status == ExecutionStatus::filled);
  CHECK(second.fill->quantity == Approx(5.0));  // 450 / 90
  Order limit = market("AAA", Side::buy, 30, 0);
  limit.type = OrderType::limit;
  limit.limit_price = 100;  // within it: bar 3 (90) only
  const Execution part = run(limit, panel, capped(0.1));
  REQUIRE(part.status == ExecutionStatus::partial);
  CHECK(part.fill->bar == 3);
  CHECK(part.fill->quantity == Approx(20.0));
  CHECK(run(after_part(limit, *part.fill), panel, capped(0.1)).status == ExecutionStatus::pending);  // 130, 125 > 100
}

TEST_CASE("what is left of an order is what it reserves and what it may sell") {
  const PricePanel panel = with_volumes();
  PortfolioState s = open_portfolio(panel, 100000);
  auto bought = price_fill(s, 0, Side::buy, SizeKind::quantity, 7, 0, 100, day(0), {}, {}, {});
  REQUIRE(bought.ok());
  apply_fill(s, *bought);
  Order sell = market("AAA", Side::sell, 12, 0);
  sell.filled = 5;  // 5 sold already: 7 left, all held
  CHECK(validate_order(sell, s, panel, {}).ok());
  auto r = reserve_order(sell, panel, {}, {});
  REQUIRE(r.ok());
  CHECK(r->units == 7.0);
  sell.filled = 12;
  CHECK(validate_order(sell, s, panel, {}).error().code == "bad_quantity");
}

TEST_CASE("a strategy's order takes its share of each bar's volume until it is done") {
  StrategyConfig c;
  c.initial_cash = 10000;
  c.fees = fee_preset("zero").value();
  c.sizing.fraction = 0.5;
  c.sizing.max_fraction = 1.0;
  c.rules.max_participation = 0.1;
  Signal s;
  s.model = "linear";
  s.ticker = "AAA";
  s.action = SignalAction::buy;
  s.confidence = 0.9;
  s.date = day(0);
  auto r = run_strategy(with_volumes(), std::vector<Signal>{s}, c);
  REQUIRE(r.ok());
  // 5,000 to buy: 5 units at 110 (bar 1), none at bar 2 (unknown volume), 20 at 90, 4 at 130, then
  // the 2,130 left is 17.04 units at 125, within bar 5's 100.
  REQUIRE(r->fills.size() == 4);
  CHECK(r->partial_fills == 3);
  CHECK(r->fills[0].quantity == Approx(5.0));
  CHECK(r->fills[1].bar == 3);
  CHECK(r->fills[1].quantity == Approx(20.0));
  CHECK(r->fills[2].quantity == Approx(4.0));
  CHECK(r->fills[3].quantity == Approx(2130.0 / 125.0));
  CHECK(r->final_state.positions[0].quantity == Approx(29.0 + 2130.0 / 125.0));
  // A market without volumes refuses the cap at once.
  CHECK(run_strategy(portfolio_test::two_asset_panel(), std::vector<Signal>{s}, c).error().code == "no_volume");
}
