// Short selling on margin (margin.hpp): borrow fees, the initial margin, margin calls, their end and
// forced liquidation, by known answers on small hand-made markets; and a strategy run whose ledger
// replays to its final state.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/strategy.hpp"

using namespace finsim::portfolio;

namespace {

Date civil(int m, int d) { return date_from_civil(2024, m, d); }

/// Closes per bar of AAA (and BBB when given), dated Friday 2024-01-05, then Monday 8th, 9th, 10th, 11th.
PricePanel panel_of(std::vector<double> aaa, std::vector<double> bbb = {}) {
  std::vector<Asset> assets = {{"AAA", AssetClass::stock, "Technology"}};
  if (!bbb.empty()) assets.push_back({"BBB", AssetClass::stock, "Energy"});
  const std::vector<Date> all = {civil(1, 5), civil(1, 8), civil(1, 9), civil(1, 10), civil(1, 11)};
  std::vector<Date> dates(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(aaa.size()));
  std::vector<double> closes;
  for (std::size_t b = 0; b < aaa.size(); ++b) {
    closes.push_back(aaa[b]);
    if (!bbb.empty()) closes.push_back(bbb[b]);
  }
  auto p = PricePanel::create(assets, dates, closes);
  REQUIRE(p.ok());
  return std::move(p).value();
}

FeeSchedule zero() { return fee_preset("zero").value(); }

MarginRules reg_t(double borrow_rate = 0.0) { return {kRegTInitialMargin, kFinraMaintenanceMargin, borrow_rate}; }

/// Sells `units` of asset `a` short at bar 0's close into `s`.
void short_sale(PortfolioState& s, const PricePanel& panel, std::size_t a, double units) {
  PortfolioRules rules;
  rules.allow_short = true;
  auto f = price_fill(s, a, Side::sell, SizeKind::quantity, units, 0, panel.close(0, a), panel.date(0), zero(), rules, {});
  REQUIRE(f.ok());
  apply_fill(s, *f);
}

PortfolioRules shorting() {
  PortfolioRules r;
  r.allow_short = true;
  return r;
}

/// Every asset of the simulated market (`seed`, 400 bars) sold short at bar 20, `fraction` of NAV each,
/// and held, on 100,000 without fees under `margin`.
struct BearRun {
  PricePanel panel;
  SignalGrid grid;
  StrategyConfig config;
};
BearRun bear_run(std::uint64_t seed, double fraction, MarginRules margin) {
  auto market = simulate_market(default_market_config(), seed, 400);
  REQUIRE(market.ok());
  BearRun r{std::move(market->panel), {}, {}};
  r.grid = SignalGrid(r.panel.bar_count(), r.panel.asset_count());
  r.grid.model = "bear";
  for (std::size_t a = 0; a < r.panel.asset_count(); ++a) r.grid.set(20, a, SignalAction::sell, 0.9f);
  r.config.initial_cash = 100000;
  r.config.fees = zero();
  r.config.sizing.fraction = fraction;
  r.config.sizing.max_fraction = fraction;
  r.config.rules.allow_short = true;
  r.config.rules.margin = margin;
  return r;
}

}  // namespace

TEST_CASE("margin: borrow fees accrue per calendar day on the short's value, actual/360, to the cent") {
  const PricePanel panel = panel_of({100, 100, 116});
  PortfolioState s = open_portfolio(panel, 10000);
  short_sale(s, panel, 0, 100);
  CHECK(s.cash == 20000.0);
  // Friday to Monday: three days on 100 × 100 at 3 % a year → 100·100·0.03·3/360 = 2.50.
  auto fees = charge_borrow_fees(s, panel, 1, 0, reg_t(0.03));
  REQUIRE(fees.size() == 1);
  CHECK(fees[0].kind == LedgerKind::borrow_fee);
  CHECK(fees[0].days == 3);
  CHECK(fees[0].amount == 2.5);
  CHECK(fees[0].ticker == "AAA");
  CHECK(fees[0].after_fills == 1);
  CHECK(s.cash == 19997.5);
  CHECK(s.borrow_fees_paid == 2.5);
  // Monday to Tuesday at 116: 100·116·0.03/360 = 0.9667 → 0.97.
  fees = charge_borrow_fees(s, panel, 2, 1, reg_t(0.03));
  REQUIRE(fees.size() == 1);
  CHECK(fees[0].amount == 0.97);
  CHECK(s.borrow_fees_paid == 3.47);
  // No rate, or no short: nothing.
  CHECK(charge_borrow_fees(s, panel, 2, 1, reg_t(0.0)).empty());
  PortfolioState flat = open_portfolio(panel, 10000);
  CHECK(charge_borrow_fees(flat, panel, 1, 0, reg_t(0.03)).empty());
}

TEST_CASE("margin: a short sale must leave equity of at least the initial margin of the shorts") {
  const PricePanel panel = panel_of({100, 100});
  const PortfolioState s = open_portfolio(panel, 10000);
  const std::vector<double> prices = {100.0};
  auto sale = [&](double units) {
    return price_fill(s, 0, Side::sell, SizeKind::quantity, units, 0, 100, panel.date(0), zero(), shorting(), {}).value();
  };
  // Equity 10,000 covers 50 % of 20,000 of shorts exactly; 201 units would need 10,050.
  CHECK(check_initial_margin(s, sale(200), prices, reg_t()).ok());
  const auto refused = check_initial_margin(s, sale(201), prices, reg_t());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "insufficient_margin");
  CHECK(refused.error().message.find("10050.00") != std::string::npos);
  // Without an initial margin any short passes (a cash account's shorts, as before margin existed).
  CHECK(check_initial_margin(s, sale(1000), prices, MarginRules{}).ok());
  // Selling a long is no short sale.
  PortfolioState held = open_portfolio(panel, 10000);
  apply_fill(held, price_fill(held, 0, Side::buy, SizeKind::quantity, 50, 0, 100, panel.date(0), zero(), {}, {}).value());
  const Fill out = price_fill(held, 0, Side::sell, SizeKind::quantity, 50, 0, 100, panel.date(0), zero(), {}, {}).value();
  CHECK(check_initial_margin(held, out, prices, MarginRules{1.0, 1.0, 0.0}).ok());
}

TEST_CASE("margin: a call at the close under maintenance, forced liquidation at the next close when unmet") {
  // 200 AAA short at 100 on 10,000: cash 30,000. Maintenance 30 %: E = 30,000 − 200p ≥ 0.3·200p holds
  // for p ≤ 115.38. At 116: E 6,800 < 6,960, a call of 160.00; at 118 still unmet: all 200 covered.
  const PricePanel panel = panel_of({100, 100, 116, 118});
  PortfolioState s = open_portfolio(panel, 10000);
  short_sale(s, panel, 0, 200);
  CHECK(check_maintenance(s, panel, 1, last_prices(panel, 1), reg_t(), zero(), shorting()).entries.empty());
  MarginCheck call = check_maintenance(s, panel, 2, last_prices(panel, 2), reg_t(), zero(), shorting());
  REQUIRE(call.entries.size() == 1);
  CHECK(call.entries[0].kind == LedgerKind::margin_call);
  CHECK(call.entries[0].amount == 160.0);
  CHECK(call.fills.empty());
  REQUIRE(s.margin_call);
  CHECK(*s.margin_call == civil(1, 9));
  std::vector<RoundTrip> trips;
  MarginCheck forced = check_maintenance(s, panel, 3, last_prices(panel, 3), reg_t(), zero(), shorting(), &trips);
  REQUIRE(forced.entries.size() == 2);  // the cover, then the call's end: no short left
  CHECK(forced.entries[0].kind == LedgerKind::liquidation);
  CHECK(forced.entries[1].kind == LedgerKind::call_met);
  CHECK(forced.entries[1].amount == 6400.0);
  CHECK(forced.entries[0].quantity == 200.0);
  CHECK(forced.entries[0].price == 118.0);
  REQUIRE(forced.fills.size() == 1);
  CHECK(forced.fills[0].side == Side::buy);
  CHECK(forced.fills[0].model == "margin_liquidation");
  CHECK(forced.fills[0].price == 118.0);
  REQUIRE(trips.size() == 1);
  CHECK(trips[0].pnl == Approx(-3600.0));
  CHECK(s.positions[0].quantity == 0.0);
  CHECK(s.cash == 6400.0);
  CHECK_FALSE(s.margin_call);
}

TEST_CASE("margin: a call met by the next close is closed without liquidation") {
  const PricePanel panel = panel_of({100, 100, 116, 110});
  PortfolioState s = open_portfolio(panel, 10000);
  short_sale(s, panel, 0, 200);
  check_maintenance(s, panel, 2, last_prices(panel, 2), reg_t(), zero(), shorting());
  REQUIRE(s.margin_call);
  MarginCheck met = check_maintenance(s, panel, 3, last_prices(panel, 3), reg_t(), zero(), shorting());
  REQUIRE(met.entries.size() == 1);
  CHECK(met.entries[0].kind == LedgerKind::call_met);
  CHECK(met.entries[0].amount == 1400.0);  // E 8,000 against 6,600
  CHECK(met.fills.empty());
  CHECK(s.positions[0].quantity == -200.0);
  CHECK_FALSE(s.margin_call);
}

TEST_CASE("margin: liquidation covers the largest short first, and only until the initial margin is met") {
  // 100 AAA and 50 BBB short at 100 on 10,000: cash 25,000. Both at 140: S 21,000, E 4,000 < 6,300.
  // Covering AAA (14,000) leaves cash 11,000, S 7,000, E 4,000 ≥ 3,500: BBB stays short.
  const PricePanel panel = panel_of({100, 140, 140}, {100, 140, 140});
  PortfolioState s = open_portfolio(panel, 10000);
  short_sale(s, panel, 0, 100);
  short_sale(s, panel, 1, 50);
  CHECK(check_maintenance(s, panel, 1, last_prices(panel, 1), reg_t(), zero(), shorting()).entries[0].kind == LedgerKind::margin_call);
  MarginCheck forced = check_maintenance(s, panel, 2, last_prices(panel, 2), reg_t(), zero(), shorting());
  REQUIRE(forced.fills.size() == 1);
  REQUIRE(forced.entries.size() == 2);
  CHECK(forced.entries[1].kind == LedgerKind::call_met);  // the rest meets the maintenance margin: 4,000 ≥ 2,100
  CHECK(forced.entries[1].amount == 1900.0);
  CHECK(forced.fills[0].ticker == "AAA");
  CHECK(forced.fills[0].quantity == 100.0);
  CHECK(s.positions[0].quantity == 0.0);
  CHECK(s.positions[1].quantity == -50.0);
  CHECK(s.cash == 11000.0);
  const MarginStatus m = margin_status(s, std::vector<double>{140.0, 140.0}, reg_t());
  CHECK(m.equity == 4000.0);
  CHECK(m.short_value == 7000.0);
}

TEST_CASE("margin: a short without a close keeps the call open, and the next close covers it without a new grace") {
  // 100 AAA and 100 BBB short at 100 on 10,000 (cash 30,000); both at 140 call (E 2,000 < 8,400). At the
  // next bar BBB has no close: AAA alone is covered, and the rest (E 2,000 < 30 % of 14,000) still
  // falls short, so the call stays open from its first date; at the bar after, BBB is covered at once.
  const PricePanel panel = panel_of({100, 140, 140, 140}, {100, 140, std::nan(""), 140});
  PortfolioState s = open_portfolio(panel, 10000);
  short_sale(s, panel, 0, 100);
  short_sale(s, panel, 1, 100);
  check_maintenance(s, panel, 1, last_prices(panel, 1), reg_t(), zero(), shorting());
  REQUIRE(s.margin_call);
  MarginCheck partial = check_maintenance(s, panel, 2, last_prices(panel, 2), reg_t(), zero(), shorting());
  REQUIRE(partial.entries.size() == 1);
  CHECK(partial.entries[0].kind == LedgerKind::liquidation);
  CHECK(partial.entries[0].ticker == "AAA");
  REQUIRE(s.margin_call);
  CHECK(*s.margin_call == civil(1, 8));  // still the first call's date
  MarginCheck rest = check_maintenance(s, panel, 3, last_prices(panel, 3), reg_t(), zero(), shorting());
  REQUIRE(rest.entries.size() == 2);
  CHECK(rest.entries[0].kind == LedgerKind::liquidation);
  CHECK(rest.entries[0].ticker == "BBB");
  CHECK(rest.entries[1].kind == LedgerKind::call_met);
  CHECK_FALSE(s.margin_call);
  CHECK(s.cash == 2000.0);
}

TEST_CASE("margin: longs are paid from the cash beyond what the shorts hold back") {
  // 200 AAA short at 100 on 10,000: cash 30,000, all of it held back (20,000 of proceeds + 50 %).
  const PricePanel panel = panel_of({100, 100}, {50, 50});
  PortfolioState s = open_portfolio(panel, 10000);
  short_sale(s, panel, 0, 200);
  const std::vector<double> prices = {100.0, 50.0};
  const Fill long_buy = price_fill(s, 1, Side::buy, SizeKind::quantity, 1, 0, 50, panel.date(0), zero(), shorting(), {}).value();
  const auto refused = check_initial_margin(s, long_buy, prices, reg_t());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "insufficient_margin");
  CHECK(refused.error().message.find("30000.00") != std::string::npos);
  // Covering the short is always allowed; a portfolio without shorts buys with its cash as before.
  const Fill cover = price_fill(s, 0, Side::buy, SizeKind::quantity, 200, 0, 100, panel.date(0), zero(), shorting(), {}).value();
  CHECK(check_initial_margin(s, cover, prices, reg_t()).ok());
  const PortfolioState flat = open_portfolio(panel, 10000);
  const Fill buy = price_fill(flat, 1, Side::buy, SizeKind::quantity, 200, 0, 50, panel.date(0), zero(), shorting(), {}).value();
  CHECK(check_initial_margin(flat, buy, prices, reg_t()).ok());
  // In the other order too: 180 BBB bought first (cash 1,000) do not back a short of 190 AAA (cash after
  // 20,000 against 1.5 × 19,000), which alone would have passed.
  PortfolioState held = open_portfolio(panel, 10000);
  apply_fill(held, price_fill(held, 1, Side::buy, SizeKind::quantity, 180, 0, 50, panel.date(0), zero(), shorting(), {}).value());
  const Fill sale = price_fill(held, 0, Side::sell, SizeKind::quantity, 190, 0, 100, panel.date(0), zero(), shorting(), {}).value();
  const auto backed = check_initial_margin(held, sale, prices, reg_t());
  REQUIRE_FALSE(backed.ok());
  CHECK(backed.error().message.find("28500.00") != std::string::npos);
  CHECK(check_initial_margin(flat, sale, prices, reg_t()).ok());
}

TEST_CASE("margin: rules given in part keep the usual figures for the rest") {
  const nlohmann::json rate_only = {{"borrow_rate", 0.036}};
  const MarginRules r = margin_for(true, &rate_only).value();
  CHECK(r.initial == kRegTInitialMargin);
  CHECK(r.maintenance == kFinraMaintenanceMargin);
  CHECK(r.borrow_rate == 0.036);
  const nlohmann::json none = nlohmann::json::object();
  CHECK(margin_for(true, &none).value().initial == kRegTInitialMargin);
  CHECK_FALSE(margin_for(false, &none).value().any());
  const nlohmann::json some = {{"initial", 0.5}};
  CHECK(margin_for(false, &some).error().code == "bad_margin");
  CHECK(margin_for(true, nullptr).value().borrow_rate == kGeneralCollateralBorrowRate);
}

TEST_CASE("margin: rules are validated and read from JSON") {
  CHECK(validate_margin(reg_t(0.0025)).ok());
  CHECK(validate_margin({0.3, 0.5, 0.0}).error().code == "bad_margin");  // maintenance above initial
  CHECK(validate_margin({1.5, 0.3, 0.0}).error().code == "bad_margin");
  CHECK(validate_margin({0.5, 0.3, -0.01}).error().code == "bad_margin");
  CHECK(validate_margin({0.5, std::nan(""), 0.0}).error().code == "bad_margin");
  const auto r = margin_from_json(nlohmann::json{{"initial", 0.5}, {"maintenance", 0.25}, {"borrow_rate", 0.01}});
  REQUIRE(r.ok());
  CHECK(r->maintenance == 0.25);
  CHECK(margin_to_json(r.value())["borrow_rate"] == 0.01);
  CHECK(margin_from_json(nlohmann::json{{"initial", "half"}}).error().code == "bad_margin");
  CHECK(margin_from_json(nlohmann::json{{"haircut", 0.5}}).error().code == "bad_margin");
}

TEST_CASE("margin: a shorting strategy's ledger replays to its final state, and margin changes its outcome") {
  // Sell every asset short at bar 20 and hold: the market's drift and volatility call some of them.
  const BearRun run = bear_run(7, 0.2, reg_t(0.0025));
  const PricePanel& panel = run.panel;
  const SignalGrid& grid = run.grid;
  const StrategyConfig& c = run.config;
  const StrategyResult r = run_strategy(panel, grid, c).value();
  std::size_t fees = 0, calls = 0, forced = 0, refused = 0;
  for (const LedgerEntry& e : r.ledger) {
    fees += e.kind == LedgerKind::borrow_fee;
    calls += e.kind == LedgerKind::margin_call;
    forced += e.kind == LedgerKind::liquidation;
  }
  for (const OrderRejection& x : r.rejections) refused += x.error.code == "insufficient_margin";
  INFO(fees << " fees, " << calls << " calls, " << forced << " liquidations, " << refused << " refused");
  CHECK(fees > 0);
  CHECK(refused > 0);  // 20 % a short, at most 200 % of equity at 50 % initial margin: the rest refused
  CHECK(r.final_state.borrow_fees_paid > 0.0);
  CHECK(calls == r.margin_calls);
  CHECK(forced == r.liquidations);
  // Replay: the fills and the entries in booking order give the final state to the bit.
  PortfolioState replay = open_portfolio(panel, c.initial_cash);
  std::size_t next = 0;
  for (std::size_t f = 0; f <= r.fills.size(); ++f) {
    while (next < r.ledger.size() && r.ledger[next].after_fills == f) apply_entry(replay, r.ledger[next++]);
    if (f < r.fills.size()) apply_fill(replay, r.fills[f]);
  }
  CHECK(next == r.ledger.size());
  CHECK(replay.cash == r.final_state.cash);
  CHECK(replay.borrow_fees_paid == r.final_state.borrow_fees_paid);
  CHECK(replay.realized_pnl == r.final_state.realized_pnl);
  // The same run on a cash account's shorts: no entries, no refusals for margin.
  StrategyConfig cash_account = c;
  cash_account.rules.margin = {};
  const StrategyResult plain = run_strategy(panel, grid, cash_account).value();
  CHECK(plain.ledger.empty());
  CHECK(plain.final_state.borrow_fees_paid == 0.0);
  CHECK(plain.fills.size() > r.fills.size() - r.liquidations);
}

TEST_CASE("margin: a rising market calls and liquidates a fully levered short book") {
  // Every asset sold short at bar 20, 5 % of NAV each: as the market drifts up a call opens and, unmet
  // by the next close, whole positions are covered.
  const BearRun run = bear_run(11, 0.05, {0.5, 0.45, 0.0});  // a tight maintenance, as brokers set for volatile names
  const PricePanel& panel = run.panel;
  const SignalGrid& grid = run.grid;
  const StrategyConfig& c = run.config;
  const StrategyResult r = run_strategy(panel, grid, c).value();
  INFO(r.margin_calls << " calls, " << r.liquidations << " liquidations");
  CHECK(r.margin_calls > 0);
  CHECK(r.liquidations > 0);
  std::size_t forced_fills = 0;
  for (const Fill& f : r.fills) forced_fills += f.model == "margin_liquidation";
  CHECK(forced_fills == r.liquidations);
}
