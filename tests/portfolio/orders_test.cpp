// Orders: validation, the next-bar fill rule (no look-ahead), limit orders, notional orders, and what a
// fill records.
#include <catch2/catch.hpp>

#include "finsim/portfolio/order.hpp"
#include "test_market.hpp"
#include "test_orders.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;
using portfolio_test::flat1;
using portfolio_test::market;

namespace {

Fill filled(const finsim::Result<Execution>& r) {
  REQUIRE(r.ok());
  REQUIRE(r->status == ExecutionStatus::filled);
  return *r->fill;
}

}  // namespace

TEST_CASE("a market order fills at the first close dated after it was placed, never at its own day's close") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  for (int placed = 0; placed < 5; ++placed) {
    const Fill f = filled(execute_order(s, market("AAA", Side::buy, 1, placed), panel, flat1(), {}));
    CHECK(f.bar == static_cast<std::size_t>(placed + 1));
    CHECK(f.price == panel.close(f.bar, 0));
    CHECK(f.date > day(placed));
  }
  // Placed between bars (a date with no bar): the next bar after it.
  Order o = market("AAA", Side::buy, 1, 0);
  o.placed = Date{day(2).days};
  CHECK(filled(execute_order(s, o, panel, flat1(), {})).bar == 3);
}

TEST_CASE("a market order waits for the asset's next available price") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  // BBB has no close at bar 1: an order placed on day 0 fills at bar 2.
  const Fill f = filled(execute_order(s, market("BBB", Side::buy, 2, 0), panel, flat1(), {}));
  CHECK(f.bar == 2);
  CHECK(f.price == 55.0);
}

TEST_CASE("an order placed on or after the last bar is pending") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  auto r = execute_order(s, market("AAA", Side::buy, 1, 5), panel, flat1(), {});
  REQUIRE(r.ok());
  CHECK(r->status == ExecutionStatus::pending);
  CHECK(!r->fill);
  // BBB's last close is missing: placed on day 3, nothing to fill at until bar 5.
  auto b = execute_order(s, market("BBB", Side::buy, 1, 3), panel, flat1(), {});
  REQUIRE(b.ok());
  CHECK(filled(b).bar == 5);
}

TEST_CASE("a limit buy fills at the first later close at or below its limit, a limit sell at or above") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  PortfolioState s = open_portfolio(panel, 10000);
  Order o = market("AAA", Side::buy, 1, 0);
  o.type = OrderType::limit;
  o.limit_price = 95;
  const Fill f = filled(execute_order(s, o, panel, flat1(), {}));
  CHECK(f.bar == 3);
  CHECK(f.price == 90.0);  // the close, not the limit
  apply_fill(s, f);
  Order sell = market("AAA", Side::sell, 1, 3);
  sell.type = OrderType::limit;
  sell.limit_price = 126;
  CHECK(filled(execute_order(s, sell, panel, flat1(), {})).bar == 4);
  sell.limit_price = 125;
  sell.placed = day(4);
  CHECK(filled(execute_order(s, sell, panel, flat1(), {})).price == 125.0);
}

TEST_CASE("a limit order expires after good_until, or stays pending when the data ends first") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  Order o = market("AAA", Side::buy, 1, 0);
  o.type = OrderType::limit;
  o.limit_price = 80;
  auto pending = execute_order(s, o, panel, flat1(), {});
  REQUIRE(pending.ok());
  CHECK(pending->status == ExecutionStatus::pending);
  o.good_until = day(2);
  auto expired = execute_order(s, o, panel, flat1(), {});
  REQUIRE(expired.ok());
  CHECK(expired->status == ExecutionStatus::expired);
}

TEST_CASE("a notional order buys value / price units and pays the fee on top") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  Order o = market("AAA", Side::buy, 1000, 0);
  o.size_kind = SizeKind::notional;
  const Fill f = filled(execute_order(s, o, panel, flat1(), {}));
  CHECK(f.quantity == Approx(1000.0 / 110.0));
  CHECK(f.trade_value == 1000.0);
  CHECK(f.net_cash == -1001.0);
  // Whole units only: rounded down.
  PortfolioRules whole;
  whole.fractional = false;
  const Fill w = filled(execute_order(s, o, panel, flat1(), whole));
  CHECK(w.quantity == 9.0);
  CHECK(w.trade_value == 990.0);
}

TEST_CASE("order units: quantity as given, notional / price, whole units rounded down within tolerance") {
  CHECK(order_units(SizeKind::quantity, 2.5, 110.0, true).value() == 2.5);
  CHECK(order_units(SizeKind::notional, 1000.0, 110.0, true).value() == Approx(1000.0 / 110.0));
  CHECK(order_units(SizeKind::notional, 1000.0, 110.0, false).value() == 9.0);
  CHECK(order_units(SizeKind::notional, 0.3, 0.1, false).value() == 3.0);  // 2.9999999999999996 units is 3
  CHECK(order_units(SizeKind::notional, 50.0, 110.0, false).error().code == "bad_quantity");
  CHECK(order_units(SizeKind::quantity, -1.0, 110.0, true).error().code == "bad_quantity");
  CHECK(order_units(SizeKind::notional, 100.0, 0.0, true).error().code == "bad_price");
}

TEST_CASE("a fill records price, fee, net cost, the model and the signal") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  Order o = market("AAA", Side::buy, 3, 1);
  o.model = "linear";
  o.signal_id = "sig-42";
  o.confidence = 0.8;
  const Fill f = filled(execute_order(s, o, panel, fee_preset("percent").value(), {}));
  CHECK(f.ticker == "AAA");
  CHECK(f.side == Side::buy);
  CHECK(f.price == 120.0);
  CHECK(f.trade_value == 360.0);
  CHECK(f.fee == 0.36);
  CHECK(f.net_cash == -360.36);
  CHECK(f.model == "linear");
  CHECK(f.signal_id == "sig-42");
  CHECK(f.confidence == 0.8);
  CHECK(f.order_date == day(1));
  CHECK(f.date == day(2));
}

TEST_CASE("orders are validated: ticker, size, limit, expiry, cash and holdings") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 1000);
  auto code = [&](const Order& o, PortfolioRules rules = {}) {
    auto r = execute_order(s, o, panel, flat1(), rules);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  CHECK(code(market("ZZZ", Side::buy, 1, 0)) == "unknown_ticker");
  CHECK(code(market("AAA", Side::buy, 0, 0)) == "bad_quantity");
  CHECK(code(market("AAA", Side::buy, -3, 0)) == "bad_quantity");
  CHECK(code(market("AAA", Side::buy, std::nan(""), 0)) == "bad_quantity");
  CHECK(code(market("AAA", Side::buy, std::numeric_limits<double>::infinity(), 0)) == "bad_quantity");
  Order limit = market("AAA", Side::buy, 1, 0);
  limit.type = OrderType::limit;
  CHECK(code(limit) == "bad_limit_price");
  limit.limit_price = 100;
  limit.good_until = Date{day(0).days - 1};
  CHECK(code(limit) == "bad_expiry");
  CHECK(code(market("AAA", Side::buy, 10, 0)) == "insufficient_cash");  // 1,100 + 1 > 1,000
  CHECK(code(market("AAA", Side::buy, 9, 0)) == "ok");                   // 990 + 1
  CHECK(code(market("AAA", Side::sell, 1, 0)) == "insufficient_holdings");
  PortfolioRules whole;
  whole.fractional = false;
  CHECK(code(market("AAA", Side::buy, 1.5, 0), whole) == "bad_quantity");
  PortfolioRules shorting;
  shorting.allow_short = true;
  CHECK(code(market("AAA", Side::sell, 1, 0), shorting) == "ok");
}

TEST_CASE("execution is pure: the same state, order and market give the same fill, and nothing changes") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  Order o = market("BBB", Side::buy, 0.123456789, 0);
  o.size_kind = SizeKind::notional;
  o.size = 777.77;
  const Fill a = filled(execute_order(s, o, panel, fee_preset("ibkr_fixed").value(), {}));
  const Fill b = filled(execute_order(s, o, panel, fee_preset("ibkr_fixed").value(), {}));
  CHECK(a.quantity == b.quantity);
  CHECK(a.net_cash == b.net_cash);
  CHECK(a.bar == b.bar);
  CHECK(s.cash == 10000.0);
  CHECK(s.positions[1].quantity == 0.0);
}
