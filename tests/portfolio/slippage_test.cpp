// Slippage and spread (slippage.hpp): known answers for each model, the limit applied to the execution
// price, the refusals (no history, no volume, an order too large for the market), the JSON form, and a
// strategy that pays it.
#include <catch2/catch.hpp>

#include <cmath>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/slippage.hpp"
#include "finsim/portfolio/strategy.hpp"
#include "test_market.hpp"
#include "test_orders.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;
using portfolio_test::flat1;
using portfolio_test::market;

namespace {

// AAA's closes 100, 110, 120, 90, 130, 125 (test_market.hpp): σ of the three log returns before bar 4,
// ln(110/100), ln(120/110), ln(90/120), with n − 1 in the denominator.
constexpr double kSigmaBar4 = 0.21876437723064235;

PortfolioRules with(SlippageModel m) {
  PortfolioRules r;
  r.slippage = m;
  return r;
}

Fill filled(const finsim::Result<Execution>& r) {
  REQUIRE(r.ok());
  REQUIRE(r->status == ExecutionStatus::filled);
  return *r->fill;
}

// AAA with 1,000 units traded every day; BBB without any volume.
PricePanel panel_with_volumes() {
  const PricePanel base = portfolio_test::two_asset_panel();
  std::vector<Asset> assets = {base.asset(0), base.asset(1)};
  std::vector<Date> dates;
  std::vector<double> closes, volumes;
  for (std::size_t b = 0; b < base.bar_count(); ++b) {
    dates.push_back(base.date(b));
    for (std::size_t a = 0; a < 2; ++a) {
      closes.push_back(base.close(b, a));
      volumes.push_back(a == 0 ? 1000.0 : portfolio_test::kMissing);
    }
  }
  auto panel = PricePanel::create(assets, dates, closes, volumes);
  REQUIRE(panel.ok());
  return std::move(panel).value();
}

}  // namespace

TEST_CASE("fixed basis points and half the spread move a buy up and a sell down, and the fill records both prices") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  PortfolioState s = open_portfolio(panel, 10000);
  const PortfolioRules rules = with({SlippageKind::fixed_bps, 10.0, 5.0, 0.0, 0.0, 20});  // 5 + 10/2 = 10 bps
  const Fill buy = filled(execute_order(s, market("AAA", Side::buy, 10, 0), panel, flat1(), rules));
  CHECK(buy.reference_price == 110.0);
  CHECK(buy.price == Approx(110.11));
  CHECK(buy.trade_value == 1101.10);
  CHECK(buy.slippage == 1.10);
  CHECK(buy.net_cash == -1102.10);  // value + the $1 fee
  apply_fill(s, buy);
  const Fill sell = filled(execute_order(s, market("AAA", Side::sell, 10, 1), panel, flat1(), rules));
  CHECK(sell.reference_price == 120.0);
  CHECK(sell.price == Approx(119.88));
  CHECK(sell.slippage == 1.20);
  CHECK(sell.net_cash == 1197.80);
}

TEST_CASE("no model: the close is the price, and nothing is charged") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const Fill f = filled(execute_order(open_portfolio(panel, 10000), market("AAA", Side::buy, 10, 0), panel, flat1(), {}));
  CHECK(f.price == 110.0);
  CHECK(f.reference_price == 110.0);
  CHECK(f.slippage == 0.0);
}

TEST_CASE("the volatility model charges k times the daily volatility known before the fill") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioRules rules = with({SlippageKind::volatility, 0.0, 0.0, 0.1, 0.0, 20});
  const Fill f = filled(execute_order(open_portfolio(panel, 10000), market("AAA", Side::buy, 10, 3), panel, flat1(), rules));
  CHECK(f.bar == 4);
  CHECK(f.price == Approx(130.0 * (1.0 + 0.1 * kSigmaBar4)).epsilon(1e-12));
  CHECK(f.trade_value == 1328.44);
  CHECK(f.slippage == 28.44);
  auto q = quote_slippage(rules.slippage, panel, 0, 4, Side::buy, 10, 130.0);
  REQUIRE(q.ok());
  CHECK(q->sigma == Approx(kSigmaBar4).epsilon(1e-12));
  // The fill's own close (130) is not in σ: with it the three returns would be four.
  SECTION("two returns are the least it reads") {
    auto early = quote_slippage(rules.slippage, panel, 0, 2, Side::buy, 10, 120.0);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().code == "no_history");
    CHECK(quote_slippage(rules.slippage, panel, 0, 3, Side::buy, 10, 90.0).ok());
  }
  SECTION("a window of 2 reads the last two returns only") {
    SlippageModel two = rules.slippage;
    two.window = 2;
    auto q2 = quote_slippage(two, panel, 0, 4, Side::buy, 10, 130.0);
    REQUIRE(q2.ok());
    const double r1 = std::log(120.0 / 110.0), r2 = std::log(90.0 / 120.0);
    CHECK(q2->sigma == Approx(std::abs(r1 - r2) / std::sqrt(2.0)).epsilon(1e-12));
  }
}

TEST_CASE("the square-root model charges Y times sigma times the root of the order's share of the day's volume") {
  const PricePanel panel = panel_with_volumes();
  const PortfolioRules rules = with({SlippageKind::square_root, 0.0, 0.0, 0.0, 1.0, 20});
  PortfolioState s = open_portfolio(panel, 100000);
  PortfolioRules shorting = rules;
  shorting.allow_short = true;
  const Fill f = filled(execute_order(s, market("AAA", Side::sell, 250, 3), panel, flat1(), shorting));
  CHECK(f.price == Approx(130.0 * (1.0 - kSigmaBar4 * 0.5)).epsilon(1e-12));  // √(250 / 1000) = 0.5
  auto q = quote_slippage(rules.slippage, panel, 0, 4, Side::sell, 250, 130.0);
  REQUIRE(q.ok());
  CHECK(q->volume == 1000.0);
  CHECK(q->participation == 0.25);
  SECTION("four times the size costs twice the rate") {
    auto q4 = quote_slippage(rules.slippage, panel, 0, 4, Side::sell, 1000, 130.0);
    REQUIRE(q4.ok());
    CHECK(q4->rate == Approx(2.0 * q->rate).epsilon(1e-12));
  }
  SECTION("an order whose cost would reach half the close is refused, not priced") {
    auto huge = execute_order(s, market("AAA", Side::sell, 6000, 3), panel, flat1(), shorting);  // rate ≈ 0.54
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == "too_large_for_market");
  }
  SECTION("an asset without volume says so") {
    auto q_bbb = quote_slippage(rules.slippage, panel, 1, 5, Side::buy, 1, 40.0);  // σ known: 50, 55, 60
    REQUIRE_FALSE(q_bbb.ok());
    CHECK(q_bbb.error().code == "no_volume");
  }
  SECTION("a market without volumes cannot take the model at all") {
    CHECK(check_slippage_market(rules.slippage, panel).ok());
    const finsim::Status none = check_slippage_market(rules.slippage, portfolio_test::two_asset_panel());
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == "no_volume");
  }
}

TEST_CASE("a limit order's limit binds the execution price, not the close") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const PortfolioRules rules = with({SlippageKind::fixed_bps, 0.0, 20.0, 0.0, 0.0, 20});
  Order o = market("AAA", Side::buy, 1, 0);
  o.type = OrderType::limit;
  o.limit_price = 111.0;  // bar 1: 110 × 1.002 = 110.22 ≤ 111
  CHECK(filled(execute_order(open_portfolio(panel, 10000), o, panel, flat1(), rules)).bar == 1);
  o.limit_price = 110.1;  // 110.22 > 110.1 although the close is below it; bar 3: 90.18
  const Fill f = filled(execute_order(open_portfolio(panel, 10000), o, panel, flat1(), rules));
  CHECK(f.bar == 3);
  CHECK(f.price == Approx(90.18));
  CHECK(filled(execute_order(open_portfolio(panel, 10000), o, panel, flat1(), {})).bar == 1);  // no slippage
}

TEST_CASE("slippage JSON: read, written back, and refused when malformed") {
  using nlohmann::json;
  auto m = slippage_from_json(json{{"model", "square_root"}, {"impact", 0.8}, {"spread_bps", 4}, {"window", 30}});
  REQUIRE(m.ok());
  CHECK(m->kind == SlippageKind::square_root);
  CHECK(m->window == 30);
  CHECK(slippage_to_json(*m) == json{{"model", "square_root"}, {"spread_bps", 4.0}, {"impact", 0.8}, {"window", 30}});
  auto again = slippage_from_json(slippage_to_json(*m));
  REQUIRE(again.ok());
  CHECK(again->impact == 0.8);
  CHECK(slippage_from_json(json::object())->kind == SlippageKind::none);
  for (const json& bad : {json{{"model", "magic"}}, json{{"model", "volatility"}, {"bps", 5}},
                          json{{"model", "fixed_bps"}, {"bps", -1}}, json{{"model", "fixed_bps"}, {"bps", 1e9}},
                          json{{"model", "volatility"}, {"k", 0.1}, {"window", 1}},
                          json{{"model", "volatility"}, {"k", 0.1}, {"window", 2.5}}, json{{"model", 3}},
                          json{{"model", "none"}, {"extra", 1}}, json{{"window", 10}},
                          json{{"model", "fixed_bps"}, {"bps", 5}, {"window", 20}}, json::array()}) {
    auto r = slippage_from_json(bad);
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK(r.error().code == "bad_slippage");
  }
}

TEST_CASE("a strategy pays the slippage: the same signals end with less, by at least what the fills record") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  SignalGrid grid(panel.bar_count(), panel.asset_count());
  grid.model = "test";
  grid.set(0, 0, SignalAction::buy, 1.0f);
  grid.set(2, 0, SignalAction::sell, 1.0f);
  grid.set(3, 0, SignalAction::buy, 1.0f);
  StrategyConfig free;
  free.initial_cash = 10000;
  free.fees = fee_preset("zero").value();
  StrategyConfig costly = free;
  costly.rules.slippage = {SlippageKind::fixed_bps, 20.0, 30.0, 0.0, 0.0, 20};  // 40 bps a trade
  auto a = run_strategy(panel, grid, free);
  auto b = run_strategy(panel, grid, costly);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a->fills.size() == b->fills.size());
  REQUIRE(b->fills.size() >= 2);
  double paid = 0.0;
  for (const Fill& f : b->fills) {
    CHECK(f.slippage > 0.0);
    CHECK(f.slippage == Approx(std::abs(f.price - f.reference_price) * f.quantity).margin(0.005));
    paid += f.slippage;
  }
  for (const Fill& f : a->fills) CHECK(f.slippage == 0.0);
  CHECK(b->nav.back().nav < a->nav.back().nav);
  CHECK(paid > 0.0);
}
