// Reservations of pending orders: what each kind of order holds back, that two pending orders cannot
// spend the same cash or sell the same units, that a fill never takes what another order reserved, and
// that cancelling, filling or expiring releases — the arithmetic a server recomputes after a restart.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/reservation.hpp"
#include "test_market.hpp"
#include "test_orders.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;
using portfolio_test::flat1;
using portfolio_test::market;

namespace {

Order limit(const char* ticker, Side side, double size, double price, int placed_bar) {
  Order o = market(ticker, side, size, placed_bar);
  o.type = OrderType::limit;
  o.limit_price = price;
  return o;
}

Order notional(Order o) {
  o.size_kind = SizeKind::notional;
  return o;
}

Reservation reserve(const Order& o, const PricePanel& panel, const FeeSchedule& fees = flat1(),
                    const PortfolioRules& rules = {}) {
  auto r = reserve_order(o, panel, fees, rules);
  REQUIRE(r.ok());
  return *r;
}

std::string error_of(const finsim::Status& s) {
  REQUIRE_FALSE(s.ok());
  return s.error().code;
}

/// A portfolio holding 10 AAA bought at 100 (flat fee: cash 10,000 − 1,001).
PortfolioState holding_ten(const PricePanel& panel) {
  PortfolioState s = open_portfolio(panel, 10000);
  auto f = price_fill(s, 0, Side::buy, SizeKind::quantity, 10, 0, 100, day(0), flat1(), {}, {});
  REQUIRE(f.ok());
  apply_fill(s, *f);
  REQUIRE(s.cash == 8999.0);
  return s;
}

}  // namespace

TEST_CASE("a pending order reserves its worst case: limit price, or the last close moved 10 % against a market order") {
  const PricePanel panel = portfolio_test::two_asset_panel();  // AAA 100, 110, 120, 90, 130, 125
  CHECK(reservation_price(limit("AAA", Side::buy, 1, 95, 2), panel, 0) == 95.0);
  CHECK(reservation_price(market("AAA", Side::buy, 1, 1), panel, 0) == 110.0 * 1.1);
  CHECK(reservation_price(market("AAA", Side::sell, 1, 1), panel, 0) == 110.0 * 0.9);
  // BBB has no close on day 1: the last one before it (50).
  CHECK(reservation_price(market("BBB", Side::buy, 1, 1), panel, 1) == 50.0 * 1.1);

  // Buys: value + fee at that price (flat $1).
  CHECK(reserve(limit("AAA", Side::buy, 60, 100, 0), panel).cash == 6001.0);
  CHECK(reserve(market("AAA", Side::buy, 10, 0), panel).cash == 1101.0);  // 10 × 110 + 1
  CHECK(reserve(limit("AAA", Side::buy, 60, 100, 0), panel).units == 0.0);
  // A notional buy: the notional (its value never exceeds it) + the fee of that much at the price.
  CHECK(reserve(notional(limit("AAA", Side::buy, 1000, 50, 0)), panel, fee_preset("percent").value()).cash == 1001.0);
  CHECK(reserve(notional(market("AAA", Side::buy, 1000, 0)), panel).cash == 1001.0);

  // Sells: their units, from the long position (no cash unless the fee exceeds the value).
  const Reservation sell = reserve(limit("AAA", Side::sell, 6, 200, 0), panel);
  CHECK(sell.asset == 0);
  CHECK(sell.units == 6.0);
  CHECK(sell.cash == 0.0);
  // A notional sell: units at the lowest price it may fill at — fractional, or whole units rounded down.
  CHECK(reserve(notional(market("AAA", Side::sell, 495, 1)), panel).units == Approx(5.0));  // 495 / 99
  CHECK(reserve(notional(market("AAA", Side::sell, 440, 1)), panel).units == Approx(440.0 / 99.0));
  CHECK(reserve(notional(market("AAA", Side::sell, 440, 1)), panel, flat1(), {false, false}).units == 4.0);
  // A sell whose fee exceeds its value: 0.001 units at 100 = 0.10, fee 1.00 → 0.90 from cash.
  CHECK(reserve(limit("AAA", Side::sell, 0.001, 100, 0), panel).cash == 0.9);
  // With short selling, a sell is bounded by nothing held: it reserves no units.
  CHECK(reserve(limit("AAA", Side::sell, 6, 200, 0), panel, flat1(), {true, true}).units == 0.0);
}

TEST_CASE("an order for an asset without a close yet reserves what needs no price") {
  const std::vector<Asset> assets = {{"AAA", AssetClass::stock, "Technology"}, {"NEW", AssetClass::crypto, ""}};
  auto made = PricePanel::create(assets, {day(0), day(1)}, {100, portfolio_test::kMissing, 110, 20});
  REQUIRE(made.ok());
  const PricePanel& panel = *made;
  CHECK(std::isnan(reservation_price(market("NEW", Side::buy, 1, 0), panel, 1)));
  CHECK(reserve(market("NEW", Side::buy, 10, 0), panel).cash == 0.0);
  CHECK(reserve(notional(market("NEW", Side::buy, 500, 0)), panel).cash == 500.0);
  CHECK(reserve(market("NEW", Side::sell, 3, 0), panel).units == 3.0);
  const auto unknown = reserve_order(market("NOPE", Side::buy, 1, 0), panel, flat1(), {});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "unknown_ticker");
}

TEST_CASE("two pending buys cannot reserve the same cash, and cancelling one releases it") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  Reservations held;
  const Reservation first = reserve(limit("AAA", Side::buy, 60, 100, 0), panel);  // 6,001
  REQUIRE(check_reservation(first, s, held, "AAA").ok());
  held.add(first);
  CHECK(held.cash == 6001.0);
  CHECK(available_cash(s, held) == 3999.0);

  // Each alone fits in 10,000; together they do not.
  const Reservation second = reserve(limit("AAA", Side::buy, 40, 100, 0), panel);  // 4,001
  CHECK(check_reservation(second, s, {}, "AAA").ok());
  const finsim::Status refused = check_reservation(second, s, held, "AAA");
  CHECK(error_of(refused) == "insufficient_cash");
  CHECK(refused.error().message ==
        "the order may need up to 4001.00 but the cash available is 3999.00 (6001.00 more is reserved by pending orders)");
  CHECK(check_reservation(reserve(limit("AAA", Side::buy, 39, 100, 0), panel), s, held, "AAA").ok());  // 3,901

  held.remove(first);  // cancelled
  CHECK(held.cash == 0.0);
  CHECK(available_cash(s, held) == 10000.0);
  CHECK(check_reservation(second, s, held, "AAA").ok());
}

TEST_CASE("two pending sells cannot reserve the same units") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = holding_ten(panel);
  Reservations held;
  held.add(reserve(limit("AAA", Side::sell, 6, 200, 0), panel));
  CHECK(held.units_of(0) == 6.0);
  CHECK(available_units(s, held, 0) == 4.0);
  const Order five = limit("AAA", Side::sell, 5, 200, 0);
  CHECK(validate_order(five, s, panel, {}, {}).ok());
  const finsim::Status refused = validate_order(five, s, panel, {}, held);
  CHECK(error_of(refused) == "insufficient_holdings");
  CHECK(refused.error().message.find("(6 units more is reserved by pending orders)") != std::string::npos);
  CHECK(validate_order(limit("AAA", Side::sell, 4, 200, 0), s, panel, {}, held).ok());
  // A notional sell's units at its reservation price: 440 / 99 = 4.44 > 4 (fractional), 4 in whole units.
  const Order by_value = notional(market("AAA", Side::sell, 440, 1));
  CHECK(error_of(check_reservation(reserve(by_value, panel), s, held, "AAA")) == "insufficient_holdings");
  CHECK(check_reservation(reserve(by_value, panel, flat1(), {false, false}), s, held, "AAA").ok());
  // Short selling on: units are not reserved, a sell is not bounded by them.
  CHECK(validate_order(five, s, panel, {true, true}, held).ok());
}

TEST_CASE("a fill never takes what another pending order reserved, and filling releases its own reservation") {
  const PricePanel panel = portfolio_test::two_asset_panel();  // AAA 100, 110, 120, 90, 130, 125; BBB … 40
  PortfolioState s = open_portfolio(panel, 10000);
  // A limit buy of BBB at 40 (fills at bar 5's 40) and a market buy of AAA placed on day 3 (close 90:
  // reserved at 99) that fills at bar 4's 130, 31 % above its band.
  const Order bbb = limit("BBB", Side::buy, 100, 40, 0);
  const Order aaa = market("AAA", Side::buy, 55, 3);
  const Reservation r_bbb = reserve(bbb, panel), r_aaa = reserve(aaa, panel);
  CHECK(r_bbb.cash == 4001.0);
  CHECK(r_aaa.cash == 5446.0);  // 55 × 99 + 1
  Reservations held;
  held.add(r_bbb);
  held.add(r_aaa);
  CHECK(held.cash == 9447.0);
  CHECK(available_cash(s, held) == 553.0);

  // The market buy needs 55 × 130 + 1 = 7,151: there is the cash, but 4,001 of it is the limit order's.
  Reservations others = held;
  others.remove(r_aaa);
  const auto aaa_fill = execute_order(s, aaa, panel, flat1(), {}, others);
  REQUIRE_FALSE(aaa_fill.ok());
  CHECK(aaa_fill.error().code == "insufficient_cash");
  CHECK(aaa_fill.error().message == "the order needs 7151.00 but cash is 5999.00 (4001.00 more is reserved by pending orders)");
  const auto unguarded = execute_order(s, aaa, panel, flat1(), {});  // without reservations it would fill…
  REQUIRE(unguarded.ok());
  CHECK(unguarded->status == ExecutionStatus::filled);
  held = others;  // rejected: released

  // …and the limit order could not be paid at its fill (10,000 − 7,151 < 4,001). With it rejected, it is.
  others = held;
  others.remove(r_bbb);
  CHECK(others.cash == 0.0);
  const auto bbb_fill = execute_order(s, bbb, panel, flat1(), {}, others);
  REQUIRE(bbb_fill.ok());
  REQUIRE(bbb_fill->status == ExecutionStatus::filled);
  CHECK(bbb_fill->fill->net_cash == -4001.0);
  apply_fill(s, *bbb_fill->fill);
  held = others;  // filled: released
  CHECK(s.cash == 5999.0);
  CHECK(available_cash(s, held) == 5999.0);
}

TEST_CASE("a fill that exceeds its own reservation takes only unreserved cash") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  const Order aaa = market("AAA", Side::buy, 55, 3);  // reserved 5,446, costs 7,151 at its fill
  Reservations others;
  others.add(reserve(limit("BBB", Side::buy, 70, 40, 0), panel));  // 2,801: leaves 7,199 ≥ 7,151
  const auto filled = execute_order(s, aaa, panel, flat1(), {}, others);
  REQUIRE(filled.ok());
  REQUIRE(filled->status == ExecutionStatus::filled);
  CHECK(filled->fill->net_cash == -7151.0);
}

TEST_CASE("an order that expires releases its reservation") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioState s = open_portfolio(panel, 10000);
  Order waits = limit("AAA", Side::buy, 90, 80, 0);  // AAA never closes at or below 80
  waits.good_until = day(2);
  const Reservation r = reserve(waits, panel);
  CHECK(r.cash == 7201.0);
  Reservations held;
  held.add(r);
  const Reservation next = reserve(limit("AAA", Side::buy, 30, 100, 2), panel);  // 3,001
  CHECK(error_of(check_reservation(next, s, held, "AAA")) == "insufficient_cash");
  const auto e = execute_order(s, waits, panel, flat1(), {});
  REQUIRE(e.ok());
  REQUIRE(e->status == ExecutionStatus::expired);
  held.remove(r);
  CHECK(available_cash(s, held) == 10000.0);
  CHECK(check_reservation(next, s, held, "AAA").ok());
}

TEST_CASE("reservations recomputed from stored orders are the same to the bit, whatever the order of the sum") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const std::vector<Order> pending = {limit("AAA", Side::buy, 12.345, 101.17, 0), notional(market("BBB", Side::buy, 777.77, 2)),
                                      market("AAA", Side::buy, 3.5, 3), limit("AAA", Side::sell, 0.25, 140, 1),
                                      notional(limit("BBB", Side::sell, 99.99, 61.5, 3))};
  const FeeSchedule fees = fee_preset("ibkr_fixed_with_sec").value();
  Reservations live;
  for (const Order& o : pending) live.add(reserve(o, panel, fees));
  // A restart: the orders as the server stores them (their JSON form), read back, summed in reverse.
  Reservations restarted;
  for (auto o = pending.rbegin(); o != pending.rend(); ++o) {
    auto read = order_from_json(order_to_json(*o));
    REQUIRE(read.ok());
    restarted.add(reserve(*read, panel, fees));
  }
  CHECK(restarted.cash == live.cash);
  CHECK(restarted.units_of(0) == live.units_of(0));
  CHECK(restarted.units_of(1) == live.units_of(1));
  CHECK(live.cash > 0.0);
  CHECK(live.units_of(0) == 0.25);
  CHECK(live.units_of(1) == Approx(99.99 / 61.5));
}
