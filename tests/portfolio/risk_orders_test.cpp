// Risk orders (order.hpp, order_trigger.hpp, bracket.hpp): stops, stop-limits, trailing stops, orders
// good for N days and brackets, each by known answers on the six-day market of test_market.hpp
// (AAA closes 100, 110, 120, 90, 130, 125 on days 0–5).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/bracket.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/order_trigger.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/reservation.hpp"
#include "test_market.hpp"
#include "test_orders.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;
using portfolio_test::flat1;
using portfolio_test::market;

namespace {

Order typed(OrderType type, Side side, int placed_bar) {
  Order o = market("AAA", side, 10, placed_bar);
  o.type = type;
  return o;
}

Order stop(Side side, double stop_price, int placed_bar) {
  Order o = typed(OrderType::stop, side, placed_bar);
  o.stop_price = stop_price;
  return o;
}

Order trailing(Side side, double percent, int placed_bar) {
  Order o = typed(OrderType::trailing_stop, side, placed_bar);
  o.trail_percent = percent;
  return o;
}

/// A portfolio holding 10 AAA bought at 100.
PortfolioState holding_ten(const PricePanel& panel) {
  PortfolioState s = open_portfolio(panel, 10000);
  auto f = price_fill(s, 0, Side::buy, SizeKind::quantity, 10, 0, 100, day(0), flat1(), {}, {});
  REQUIRE(f.ok());
  apply_fill(s, *f);
  return s;
}

Execution run(const Order& o, const PortfolioState& s, const PricePanel& panel) {
  auto r = execute_order(s, o, panel, flat1(), {});
  REQUIRE(r.ok());
  return *r;
}

std::string error_of(const finsim::Status& s) {
  REQUIRE_FALSE(s.ok());
  return s.error().code;
}

}  // namespace

TEST_CASE("a stop-loss fills at the first close at or through its stop: a gap fills at the gap's price") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = holding_ten(panel);
  const Execution e = run(stop(Side::sell, 95, 0), s, panel);
  REQUIRE(e.status == ExecutionStatus::filled);
  CHECK(e.fill->bar == 3);
  CHECK(e.fill->price == 90.0);  // the close that crossed 95, not 95
  CHECK(e.triggered == day(3));
  // A stop below every later close never triggers.
  const Execution idle = run(stop(Side::sell, 80, 0), s, panel);
  CHECK(idle.status == ExecutionStatus::pending);
  CHECK(!idle.triggered);
  // A stop buy (a stop entry, or a short's stop-loss) at the first close at or above it.
  const Execution buy = run(stop(Side::buy, 115, 0), s, panel);
  REQUIRE(buy.status == ExecutionStatus::filled);
  CHECK(buy.fill->bar == 2);
  CHECK(buy.fill->price == 120.0);
}

TEST_CASE("a stop-limit becomes a limit order at its trigger bar and may fill later or never") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = holding_ten(panel);
  Order o = stop(Side::sell, 95, 0);
  o.type = OrderType::stop_limit;
  o.limit_price = 85;  // triggered at 90 (bar 3), which is within the limit
  CHECK(run(o, s, panel).fill->bar == 3);
  o.limit_price = 92;  // triggered at bar 3 at 90 < 92: waits, then 130 ≥ 92 at bar 4
  const Execution later = run(o, s, panel);
  REQUIRE(later.status == ExecutionStatus::filled);
  CHECK(later.fill->bar == 4);
  CHECK(later.fill->price == 130.0);
  CHECK(later.triggered == day(3));
  o.limit_price = 140;  // triggered, never within the limit: pending, and says it was triggered
  const Execution waiting = run(o, s, panel);
  CHECK(waiting.status == ExecutionStatus::pending);
  CHECK(waiting.triggered == day(3));
}

TEST_CASE("a trailing stop's level follows the best close since placement and triggers when crossed") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = holding_ten(panel);
  // 10 %: levels 90 (from 100), 99 (110), 108 (120): bar 3's 90 crosses 108.
  const Execution ten = run(trailing(Side::sell, 10, 0), s, panel);
  REQUIRE(ten.status == ExecutionStatus::filled);
  CHECK(ten.fill->bar == 3);
  CHECK(ten.fill->price == 90.0);
  // 30 %: the level reaches 120 × 0.7 = 84 (bar 3's 90 stays above) and then 130 × 0.7 = 91, above
  // bar 5's 125: still pending, its level now 91.
  const Order wide = trailing(Side::sell, 30, 0);
  CHECK(run(wide, s, panel).status == ExecutionStatus::pending);
  CHECK(stop_level(wide, panel, 0) == Approx(91.0));
  // A buy trails the lowest close: placed on day 2 (120), the low 90 of bar 3 sets 99; 130 crosses it.
  const Execution buy = run(trailing(Side::buy, 10, 2), s, panel);
  REQUIRE(buy.status == ExecutionStatus::filled);
  CHECK(buy.fill->bar == 4);
  CHECK(stop_level(trailing(Side::buy, 10, 2), panel.slice_bars(0, 4), 0) == Approx(99.0));
  // A stop's level is its stop; a market order has none.
  CHECK(stop_level(stop(Side::sell, 95, 0), panel, 0) == 95.0);
  CHECK(std::isnan(stop_level(market("AAA", Side::buy, 1, 0), panel, 0)));
}

TEST_CASE("a trailing stop placed before the asset's first close starts trailing from it") {
  const PricePanel panel = portfolio_test::two_asset_panel();  // BBB: 50, NaN, 55, 60, NaN, 40
  const PortfolioState s = open_portfolio(panel, 10000);
  Order o = trailing(Side::sell, 20, 0);
  o.ticker = "BBB";
  o.size = 1;
  o.placed = Date{day(0).days - 1};  // before any bar: the extreme starts at bar 0's 50
  // Levels: 40 (50), 44 (55), 48 (60): bar 5's 40 crosses 48. Short selling makes the sell possible.
  PortfolioRules rules;
  rules.allow_short = true;
  auto r = execute_order(s, o, panel, flat1(), rules);
  REQUIRE(r.ok());
  REQUIRE(r->status == ExecutionStatus::filled);
  CHECK(r->fill->bar == 5);
}

TEST_CASE("risk orders are validated: a stop needs its stop, a stop-limit its limit, a trail a percent in (0, 100)") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = holding_ten(panel);
  CHECK(error_of(validate_order(typed(OrderType::stop, Side::sell, 0), s, panel, {})) == "bad_stop_price");
  Order sl = stop(Side::sell, 95, 0);
  sl.type = OrderType::stop_limit;
  CHECK(error_of(validate_order(sl, s, panel, {})) == "bad_limit_price");
  for (double bad : {0.0, 100.0, -5.0, std::nan("")})
    CHECK(error_of(validate_order(trailing(Side::sell, bad, 0), s, panel, {})) == "bad_trail");
  CHECK(validate_order(trailing(Side::sell, 99.5, 0), s, panel, {}).ok());
  // A stop-loss still may not sell what the portfolio does not hold.
  Order big = stop(Side::sell, 95, 0);
  big.size = 11;
  CHECK(error_of(validate_order(big, s, panel, {})) == "insufficient_holdings");
}

TEST_CASE("a risk order past good_until expires before it triggers") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = holding_ten(panel);
  Order o = stop(Side::sell, 95, 0);
  o.good_until = day(2);
  CHECK(run(o, s, panel).status == ExecutionStatus::expired);
  o.good_until = day(3);
  CHECK(run(o, s, panel).status == ExecutionStatus::filled);
}

TEST_CASE("risk orders read and write JSON, and good_for_days counts calendar days from the placement") {
  using nlohmann::json;
  auto o = order_from_json(json{{"ticker", "AAA"}, {"side", "sell"}, {"type", "stop_limit"}, {"quantity", 5},
                                {"stop_price", 95}, {"limit_price", 92}, {"placed", "2024-01-01"},
                                {"good_for_days", 10}});
  REQUIRE(o.ok());
  CHECK(o->type == OrderType::stop_limit);
  CHECK(o->stop_price == 95.0);
  CHECK(o->limit_price == 92.0);
  CHECK(format_date(*o->good_until) == "2024-01-11");
  const json back = order_to_json(*o);
  CHECK(back["type"] == "stop_limit");
  CHECK(back["stop_price"] == 95.0);
  CHECK(back["good_until"] == "2024-01-11");
  auto t = order_from_json(json{{"ticker", "AAA"}, {"side", "sell"}, {"type", "trailing_stop"}, {"quantity", 5},
                                {"trail_percent", 7.5}, {"placed", "2024-01-01"}});
  REQUIRE(t.ok());
  CHECK(order_to_json(*t)["trail_percent"] == 7.5);
  CHECK_FALSE(order_to_json(*t).contains("stop_price"));
  auto refused = [](json j) {
    j.merge_patch(json{{"ticker", "AAA"}, {"side", "sell"}, {"quantity", 5}, {"placed", "2024-01-01"}});
    auto r = order_from_json(j);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK_THAT(refused({{"type", "market"}, {"stop_price", 95}}), Catch::Contains("stop and stop_limit"));
  CHECK_THAT(refused({{"type", "stop"}, {"stop_price", 95}, {"limit_price", 90}}), Catch::Contains("limit and stop_limit"));
  CHECK_THAT(refused({{"type", "limit"}, {"limit_price", 95}, {"trail_percent", 5}}), Catch::Contains("trailing_stop"));
  CHECK_THAT(refused({{"type", "stop_loss"}}), Catch::Contains("trailing_stop"));
  CHECK_THAT(refused({{"good_for_days", 0}}), Catch::Contains("1 to 3650"));
  CHECK_THAT(refused({{"good_for_days", 2.5}}), Catch::Contains("1 to 3650"));
  CHECK_THAT(refused({{"good_for_days", 2}, {"good_until", "2024-02-01"}}), Catch::Contains("not both"));
}

TEST_CASE("a stop reserves at the worse of its stop and the last close, moved by the market band") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  CHECK(reservation_price(stop(Side::buy, 115, 0), panel, 0) == Approx(115 * 1.1));  // last close 100 < stop
  CHECK(reservation_price(stop(Side::buy, 95, 0), panel, 0) == Approx(100 * 1.1));   // the close is worse
  CHECK(reservation_price(stop(Side::sell, 95, 0), panel, 0) == Approx(95 * 0.9));
  CHECK(reservation_price(trailing(Side::sell, 10, 2), panel, 0) == Approx(120 * 0.9));
  Order sl = stop(Side::sell, 95, 0);
  sl.type = OrderType::stop_limit;
  sl.limit_price = 92;
  CHECK(reservation_price(sl, panel, 0) == 92.0);
  // A stop-loss holds its units back like any sell.
  auto r = reserve_order(stop(Side::sell, 95, 0), panel, flat1(), {});
  REQUIRE(r.ok());
  CHECK(r->units == 10.0);
}

TEST_CASE("a bracket's exits sit on either side of the entry, wait for its fill and take its units") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const Order entry = market("AAA", Side::buy, 10, 0);
  CHECK(validate_bracket(entry, {125, 100}).ok());
  CHECK(validate_bracket(entry, {125, 0}).ok());
  CHECK(error_of(validate_bracket(entry, {0, 0})) == "bad_bracket");
  CHECK(error_of(validate_bracket(entry, {100, 125})) == "bad_bracket");  // take-profit below the stop
  CHECK(error_of(validate_bracket(entry, {-1, 0})) == "bad_bracket");
  Order limit_entry = entry;
  limit_entry.type = OrderType::limit;
  limit_entry.limit_price = 105;
  CHECK(error_of(validate_bracket(limit_entry, {125, 106})) == "bad_bracket");  // the stop above the entry
  CHECK(error_of(validate_bracket(limit_entry, {104, 90})) == "bad_bracket");   // the profit below it
  Order short_entry = market("AAA", Side::sell, 10, 0);
  CHECK(validate_bracket(short_entry, {80, 120}).ok());
  CHECK(error_of(validate_bracket(short_entry, {120, 80})) == "bad_bracket");

  std::vector<Order> exits = bracket_exits(entry, {125, 100});
  REQUIRE(exits.size() == 2);
  CHECK(exits[0].side == Side::sell);
  CHECK(exits[0].type == OrderType::limit);
  CHECK(exits[0].limit_price == 125.0);
  CHECK(exits[1].type == OrderType::stop);
  CHECK(exits[1].stop_price == 100.0);
  CHECK(bracket_exits(short_entry, {80, 0}).front().side == Side::buy);

  // The entry fills at bar 1 (110); armed there, the stop at 100 is crossed by bar 3's 90 and the
  // take-profit at 125 by bar 4's 130: the stop comes first (the server then cancels the other).
  PortfolioState s = open_portfolio(panel, 10000);
  const Execution in = run(entry, s, panel);
  REQUIRE(in.status == ExecutionStatus::filled);
  apply_fill(s, *in.fill);
  for (Order& x : exits) arm_exit(x, *in.fill);
  CHECK(exits[1].placed == day(1));
  CHECK(exits[1].size == 10.0);
  CHECK(run(exits[1], s, panel).fill->bar == 3);
  CHECK(run(exits[0], s, panel).fill->bar == 4);
}
