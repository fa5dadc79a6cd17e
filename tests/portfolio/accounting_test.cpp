// Portfolio accounting: cash, FIFO lots, realised and unrealised P&L, short positions, round trips
// and their statistics, snapshots and allocation.
#include <catch2/catch.hpp>

#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/nav.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/trade_stats.hpp"
#include "finsim/rng.hpp"
#include "test_market.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;

namespace {

// Prices the trade at `price` on bar `bar` of the two-asset panel, books it, returns the closed trips.
std::vector<RoundTrip> trade(PortfolioState& s, std::size_t asset, Side side, double qty, double price, int bar,
                             const FeeSchedule& fees, PortfolioRules rules = {}, const char* model = "manual") {
  FillOrigin origin;
  origin.model = model;
  auto f = price_fill(s, asset, side, SizeKind::quantity, qty, static_cast<std::size_t>(bar), price, day(bar), fees,
                      rules, origin);
  REQUIRE(f.ok());
  std::vector<RoundTrip> closed;
  apply_fill(s, *f, &closed);
  return closed;
}

}  // namespace

TEST_CASE("buys open lots at cost including the fee, sells close them first in, first out") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const FeeSchedule flat = fee_preset("flat").value();
  PortfolioState s = open_portfolio(panel, 10000);
  CHECK(trade(s, 0, Side::buy, 10, 100, 0, flat).empty());
  CHECK(trade(s, 0, Side::buy, 10, 110, 1, flat).empty());
  CHECK(s.cash == 10000.0 - 1001.0 - 1101.0);
  REQUIRE(s.positions[0].lots.size() == 2);
  CHECK(s.positions[0].lots[0].amount == 1001.0);
  CHECK(cost_basis(s.positions[0]) == 2102.0);

  // Sell 15 at 120 with a $1 fee: 10 units from the first lot, 5 from the second; the exit fee is
  // shared by quantity (2/3 and 1/3).
  const auto trips = trade(s, 0, Side::sell, 15, 120, 2, flat);
  REQUIRE(trips.size() == 2);
  CHECK(trips[0].quantity == 10.0);
  CHECK(trips[0].entry_amount == 1001.0);
  CHECK(trips[0].exit_amount == Approx(1200.0 - 2.0 / 3.0));
  CHECK(trips[0].pnl == Approx(198.0 + 1.0 / 3.0));
  CHECK(trips[0].open_date == day(0));
  CHECK(trips[0].close_date == day(2));
  CHECK(trips[1].quantity == 5.0);
  CHECK(trips[1].entry_amount == Approx(550.5));
  CHECK(trips[1].pnl == Approx(600.0 - 1.0 / 3.0 - 550.5));
  CHECK(s.realized_pnl == Approx(1799.0 - 1001.0 - 550.5));
  CHECK(s.cash == 10000.0 - 1001.0 - 1101.0 + 1799.0);
  CHECK(s.fees_paid == 3.0);
  REQUIRE(s.positions[0].lots.size() == 1);
  CHECK(s.positions[0].quantity == 5.0);
  CHECK(s.positions[0].lots[0].amount == Approx(550.5));
}

TEST_CASE("one sell closes several whole lots and part of the next, oldest first, and a sell past them goes short") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const FeeSchedule zero = fee_preset("zero").value();
  PortfolioState s = open_portfolio(panel, 10000);
  trade(s, 0, Side::buy, 1, 100, 0, zero, {}, "a");
  trade(s, 0, Side::buy, 2, 101, 1, zero, {}, "b");
  trade(s, 0, Side::buy, 3, 102, 2, zero, {}, "c");
  trade(s, 0, Side::buy, 4, 103, 3, zero, {}, "d");
  const auto trips = trade(s, 0, Side::sell, 7.5, 110, 4, zero);
  REQUIRE(trips.size() == 4);
  CHECK(trips[0].model == "a");
  CHECK(trips[1].model == "b");
  CHECK(trips[2].model == "c");
  CHECK(trips[3].model == "d");
  CHECK(trips[3].quantity == 1.5);
  REQUIRE(s.positions[0].lots.size() == 1);  // the three closed lots are gone, the fourth is smaller
  CHECK(s.positions[0].lots[0].model == "d");
  CHECK(s.positions[0].lots[0].quantity == 2.5);
  CHECK(s.positions[0].lots[0].amount == Approx(2.5 * 103));
  CHECK(s.positions[0].quantity == 2.5);

  PortfolioRules shorting;
  shorting.allow_short = true;
  const auto more = trade(s, 0, Side::sell, 4, 111, 5, zero, shorting, "e");
  REQUIRE(more.size() == 1);  // the last long lot, then a short lot of the rest
  REQUIRE(s.positions[0].lots.size() == 1);
  CHECK(s.positions[0].lots[0].quantity == -1.5);
  CHECK(s.positions[0].lots[0].model == "e");
  CHECK(s.positions[0].quantity == -1.5);
}

TEST_CASE("NAV − initial cash = realised + unrealised P&L") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const FeeSchedule flat = fee_preset("flat").value();
  PortfolioState s = open_portfolio(panel, 10000);
  trade(s, 0, Side::buy, 10, 100, 0, flat);
  trade(s, 0, Side::buy, 10, 110, 1, flat);
  trade(s, 0, Side::sell, 15, 120, 2, flat);
  const std::vector<double> prices = {130.0, 60.0};
  const auto h = holdings_report(s, panel, prices);
  REQUIRE(h.size() == 1);
  CHECK(h[0].market_value == 650.0);
  CHECK(h[0].unrealized_pnl == Approx(650.0 - 550.5));
  CHECK(h[0].average_cost == Approx(110.1));
  CHECK(net_asset_value(s, prices) == Approx(10347.0));
  CHECK(net_asset_value(s, prices) - s.initial_cash == Approx(s.realized_pnl + h[0].unrealized_pnl));

  // The valuation says the same in one place.
  const PortfolioValuation v = value_portfolio(s, prices);
  CHECK(v.nav == net_asset_value(s, prices));
  CHECK(v.cash == s.cash);
  CHECK(v.holdings_value == 650.0);
  CHECK(v.cost_basis == Approx(550.5));
  CHECK(v.unrealized_pnl == Approx(h[0].unrealized_pnl));
  CHECK(v.nav - v.initial_cash == Approx(v.realized_pnl + v.unrealized_pnl));
  CHECK(v.total_return == Approx(10347.0 / 10000.0 - 1.0));
  CHECK(v.fees_paid == 3.0);
  CHECK(v.open_positions == 1);
  CHECK(std::isnan(value_portfolio(open_portfolio(panel, 0), prices).total_return));
}

TEST_CASE("the P&L identity holds over random trading with every fee schedule") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  for (const FeeSchedule& fees : fee_presets()) {
    finsim::Rng rng(99);
    PortfolioRules rules;
    rules.allow_short = true;
    PortfolioState s = open_portfolio(panel, 1e6);
    for (int k = 0; k < 400; ++k) {
      const std::size_t asset = rng.below(2);
      const double price = 20.0 + 200.0 * rng.uniform();
      const Side side = rng.bernoulli(0.5) ? Side::buy : Side::sell;
      auto f = price_fill(s, asset, side, SizeKind::quantity, 0.5 + 20.0 * rng.uniform(), 0, price, day(0), fees,
                          rules, {});
      if (f.ok()) apply_fill(s, *f);
    }
    const std::vector<double> prices = {111.0, 66.0};
    double unrealized = 0.0;
    for (const Holding& h : holdings_report(s, panel, prices)) unrealized += h.unrealized_pnl;
    INFO(fees.name);
    CHECK(net_asset_value(s, prices) - s.initial_cash == Approx(s.realized_pnl + unrealized).epsilon(1e-12).margin(1e-6));
    CHECK(s.cash == round_to_cents(s.cash));
  }
}

TEST_CASE("short sales credit cash and are covered oldest first, a sell past zero flips the position") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const FeeSchedule flat = fee_preset("flat").value();
  PortfolioRules rules;
  rules.allow_short = true;
  PortfolioState s = open_portfolio(panel, 1000);
  trade(s, 0, Side::sell, 10, 100, 0, flat, rules);
  CHECK(s.cash == 1999.0);
  CHECK(s.positions[0].quantity == -10.0);
  CHECK(cost_basis(s.positions[0]) == -999.0);
  const auto cover = trade(s, 0, Side::buy, 4, 90, 1, flat, rules);
  REQUIRE(cover.size() == 1);
  CHECK_FALSE(cover[0].is_long);
  CHECK(cover[0].entry_amount == Approx(399.6));
  CHECK(cover[0].exit_amount == 361.0);
  CHECK(cover[0].pnl == Approx(38.6));
  // Buy 10 more: covers the remaining 6 short and opens 4 long.
  const auto flip = trade(s, 0, Side::buy, 10, 80, 2, flat, rules);
  REQUIRE(flip.size() == 1);
  CHECK(flip[0].quantity == 6.0);
  CHECK(s.positions[0].quantity == Approx(4.0));
  REQUIRE(s.positions[0].lots.size() == 1);
  CHECK(s.positions[0].lots[0].quantity == Approx(4.0));
  CHECK(s.positions[0].lots[0].amount == Approx(320.4));  // 4 × 80 + 0.4 of the $1 fee
}

TEST_CASE("selling a whole fractional position leaves nothing behind") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  PortfolioState s = open_portfolio(panel, 10000);
  const FeeSchedule zero = fee_preset("zero").value();
  trade(s, 1, Side::buy, 0.1, 50, 0, zero);
  trade(s, 1, Side::buy, 0.2, 55, 2, zero);
  trade(s, 1, Side::sell, s.positions[1].quantity, 60, 3, zero);
  CHECK(s.positions[1].quantity == 0.0);
  CHECK(s.positions[1].lots.empty());
}

TEST_CASE("round-trip statistics: win rate, payoff ratio, profit factor") {
  std::vector<RoundTrip> trips(5);
  const double pnl[] = {100, -50, 200, 0, -25};
  for (int i = 0; i < 5; ++i) {
    trips[static_cast<std::size_t>(i)].pnl = pnl[i];
    trips[static_cast<std::size_t>(i)].entry_amount = 1000;
    trips[static_cast<std::size_t>(i)].return_on_entry = pnl[i] / 1000;
  }
  const TradeStats t = trade_stats(trips);
  CHECK(t.trades == 5);
  CHECK(t.wins == 2);
  CHECK(t.losses == 2);
  CHECK(t.win_rate == 0.4);
  CHECK(t.average_win == 150.0);
  CHECK(t.average_loss == -37.5);
  CHECK(t.payoff_ratio == 4.0);
  CHECK(t.profit_factor == 300.0 / 75.0);
  CHECK(t.total_pnl == 225.0);
  CHECK(t.expectancy == 45.0);
  const TradeStats none = trade_stats({});
  CHECK(std::isnan(none.win_rate));
  CHECK(std::isnan(none.profit_factor));
  const TradeStats only_wins = trade_stats(std::span<const RoundTrip>(trips).first(1));
  CHECK(std::isinf(only_wins.profit_factor));
}

TEST_CASE("round-trip statistics per model: each model's trips on their own, models by name") {
  std::vector<RoundTrip> trips(5);
  const double pnl[] = {100, -50, 200, 0, -25};
  const char* model[] = {"linear", "cnn", "linear", "cnn", "linear"};
  for (std::size_t i = 0; i < 5; ++i) {
    trips[i].pnl = pnl[i];
    trips[i].model = model[i];
  }
  const auto by_model = trade_stats_by_model(trips);
  REQUIRE(by_model.size() == 2);
  CHECK(by_model[0].model == "cnn");
  CHECK(by_model[0].stats.trades == 2);
  CHECK(by_model[0].stats.win_rate == 0.0);
  CHECK(std::isnan(by_model[0].stats.payoff_ratio));
  CHECK(by_model[1].model == "linear");
  CHECK(by_model[1].stats.trades == 3);
  CHECK(by_model[1].stats.wins == 2);
  CHECK(by_model[1].stats.payoff_ratio == 150.0 / 25.0);
  CHECK(trade_stats_by_model({}).empty());
}

TEST_CASE("snapshots carry prices forward and value positions at the last close") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  PortfolioState s = open_portfolio(panel, 10000);
  trade(s, 1, Side::buy, 10, 50, 0, fee_preset("zero").value());
  const NavSnapshot at1 = take_snapshot(s, panel, 1);  // BBB missing at bar 1: last close 50
  CHECK(at1.holdings_value == 500.0);
  CHECK(at1.nav == 10000.0);
  const NavSnapshot at3 = take_snapshot(s, panel, 3);
  CHECK(at3.nav == 10100.0);
  const std::vector<NavSnapshot> navs = {at1, at3};
  CHECK(returns_from_nav(navs)[0] == Approx(0.01));
}

TEST_CASE("allocation sums market values by class and by stock sector, as shares of NAV") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  PortfolioState s = open_portfolio(panel, 10000);
  const FeeSchedule zero = fee_preset("zero").value();
  trade(s, 0, Side::buy, 20, 100, 0, zero);
  trade(s, 1, Side::buy, 40, 50, 0, zero);
  const std::vector<double> prices = {100, 50};
  const Allocation a = allocation(holdings_report(s, panel, prices), s.cash);
  CHECK(a.nav == 10000.0);
  REQUIRE(a.by_class.size() == 5);
  CHECK(a.by_class[0].name == "stock");
  CHECK(a.by_class[0].weight == 0.2);
  CHECK(a.by_class[1].weight == 0.2);
  CHECK(a.by_class[4].name == "cash");
  CHECK(a.by_class[4].weight == 0.6);
  REQUIRE(a.by_sector.size() == 1);
  CHECK(a.by_sector[0].name == "Technology");
}

TEST_CASE("the correlation of holdings uses their returns over a trailing window") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  PortfolioState s = open_portfolio(panel, 10000);
  const FeeSchedule zero = fee_preset("zero").value();
  trade(s, 0, Side::buy, 1, 100, 0, zero);
  trade(s, 1, Side::buy, 1, 50, 0, zero);
  const auto h = holdings_report(s, panel, last_prices(panel, 5));
  const CorrelationTable c = holdings_correlation(panel, h, 5, 10);
  REQUIRE(c.tickers.size() == 2);
  CHECK(c.matrix[0] == 1.0);
  CHECK(std::isnan(c.matrix[3]));  // BBB has a single return in the window (missing closes around it)
  // Only bar 3 has returns of both (BBB lacks closes at bars 1 and 4): too few pairs, undefined.
  CHECK(std::isnan(c.matrix[1]));
  CHECK(std::isnan(c.matrix[2]));
  // AAA's returns over bars 1–5 against themselves: perfectly correlated.
  std::vector<Holding> twice = {h[0], h[0]};
  const CorrelationTable same = holdings_correlation(panel, twice, 5, 10);
  CHECK(same.matrix[1] == Approx(1.0));
}
