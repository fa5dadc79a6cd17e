// Strategy runs, sizing, backtests, model comparison and fee comparison.
#include <catch2/catch.hpp>

#include <thread>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/market_model.hpp"
#include "test_backtests.hpp"
#include "test_market.hpp"

using namespace finsim::portfolio;
using portfolio_test::day;
using portfolio_test::quick_spec;
using portfolio_test::simulated;

namespace {

StrategyConfig zero_fee_config() {
  StrategyConfig c;
  c.initial_cash = 10000;
  c.fees = fee_preset("zero").value();
  c.sizing.fraction = 0.5;
  c.sizing.max_fraction = 1.0;
  return c;
}

Signal signal(const char* ticker, SignalAction action, int bar, double confidence = 0.9, const char* model = "linear") {
  Signal s;
  s.model = model;
  s.ticker = ticker;
  s.action = action;
  s.confidence = confidence;
  s.date = day(bar);
  return s;
}

}  // namespace

TEST_CASE("sizing rules: fixed fraction, confidence-scaled and Kelly") {
  SizingRule r;
  r.max_fraction = 1.0;
  r.fraction = 0.2;
  CHECK(position_fraction(r, 0.3, std::nan(""), 0) == 0.2);
  r.kind = SizingKind::confidence_scaled;
  CHECK(position_fraction(r, 0.5, std::nan(""), 0) == Approx(0.1));
  r.kind = SizingKind::kelly;
  r.kelly_multiplier = 0.5;
  CHECK(position_fraction(r, 0.6, std::nan(""), 0) == Approx(0.5 * (0.8 - 0.2)));  // b = 1 before enough trades
  CHECK(position_fraction(r, 0.6, 2.0, 5) == Approx(0.3));                         // still b = 1: 5 < 20 trades
  CHECK(position_fraction(r, 0.6, 2.0, 50) == Approx(0.5 * (0.8 - 0.1)));          // b = 2
  CHECK(position_fraction(r, 0.0, 0.5, 50) == 0.0);                                // no edge, no bet
  r.max_fraction = 0.25;
  CHECK(position_fraction(r, 1.0, 3.0, 50) == 0.25);
  CHECK(valid_sizing(SizingRule{}));
  CHECK_FALSE(valid_sizing(SizingRule{SizingKind::kelly, 0.0, 0.5, 0.25, 20}));
}

TEST_CASE("a strategy buys on a buy signal at the next close and sells on a sell signal") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const std::vector<Signal> signals = {signal("AAA", SignalAction::buy, 0, 0.7), signal("AAA", SignalAction::sell, 3)};
  auto r = run_strategy(panel, signals, zero_fee_config());
  REQUIRE(r.ok());
  REQUIRE(r->fills.size() == 2);
  const Fill& buy = r->fills[0];
  CHECK(buy.bar == 1);
  CHECK(buy.price == 110.0);
  CHECK(buy.trade_value == 5000.0);  // 50 % of NAV 10,000
  CHECK(buy.model == "linear");
  CHECK(buy.confidence == Approx(0.7));
  CHECK(buy.order_date == day(0));
  const Fill& sell = r->fills[1];
  CHECK(sell.bar == 4);
  CHECK(sell.price == 130.0);
  CHECK(sell.quantity == Approx(5000.0 / 110.0));
  REQUIRE(r->round_trips.size() == 1);
  CHECK(r->round_trips[0].pnl == Approx(5000.0 * (130.0 / 110.0 - 1.0)).margin(0.01));
  REQUIRE(r->nav.size() == 6);
  CHECK(r->nav[0].nav == 10000.0);
  CHECK(r->nav[3].nav == Approx(5000.0 + 5000.0 / 110.0 * 90.0).margin(0.01));
  CHECK(r->bar_events == 12);
  CHECK(r->signals_placed == 2);
}

TEST_CASE("no pyramiding, one queued order per asset, missing prices delay fills") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const std::vector<Signal> signals = {signal("BBB", SignalAction::buy, 0), signal("BBB", SignalAction::buy, 1),
                                       signal("BBB", SignalAction::buy, 2), signal("BBB", SignalAction::buy, 3)};
  auto r = run_strategy(panel, signals, zero_fee_config());
  REQUIRE(r.ok());
  REQUIRE(r->fills.size() == 1);
  CHECK(r->fills[0].bar == 2);  // BBB has no close at bar 1
  CHECK(r->fills[0].price == 55.0);
}

TEST_CASE("buys are shrunk to the cash available after fees, what cannot be afforded is logged") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  StrategyConfig c = zero_fee_config();
  c.fees = fee_preset("flat").value();
  c.sizing.fraction = 1.0;
  const std::vector<Signal> signals = {signal("AAA", SignalAction::buy, 0), signal("BBB", SignalAction::buy, 0)};
  auto r = run_strategy(panel, signals, c);
  REQUIRE(r.ok());
  REQUIRE(r->fills.size() == 1);  // AAA at bar 1 takes all the cash; BBB at bar 2 finds none
  CHECK(r->fills[0].trade_value == 9999.0);
  CHECK(r->fills[0].fee == 1.0);
  CHECK(r->final_state.cash == 0.0);
  REQUIRE(r->rejections.size() == 1);
  CHECK(r->rejections[0].ticker == "BBB");
  CHECK(r->rejections[0].error.code == "insufficient_cash");
  c.initial_cash = 0.5;  // less than the $1 fee: nothing can be bought
  auto poor = run_strategy(panel, signals, c);
  REQUIRE(poor.ok());
  CHECK(poor->fills.empty());
  REQUIRE(poor->rejections.size() == 2);
  CHECK(poor->rejections[0].error.code == "insufficient_cash");
}

TEST_CASE("short selling: a sell signal opens a short only when allowed, a buy covers it") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  const std::vector<Signal> signals = {signal("AAA", SignalAction::sell, 1), signal("AAA", SignalAction::buy, 2)};
  auto no = run_strategy(panel, signals, zero_fee_config());
  REQUIRE(no.ok());
  CHECK(no->fills.size() == 1);  // only the buy opens (long)
  StrategyConfig c = zero_fee_config();
  c.rules.allow_short = true;
  auto yes = run_strategy(panel, signals, c);
  REQUIRE(yes.ok());
  REQUIRE(yes->fills.size() == 2);
  CHECK(yes->fills[0].side == Side::sell);
  CHECK(yes->fills[0].price == 120.0);
  CHECK(yes->fills[1].price == 90.0);
  REQUIRE(yes->round_trips.size() == 1);
  CHECK_FALSE(yes->round_trips[0].is_long);
  CHECK(yes->round_trips[0].pnl > 0.0);
}

TEST_CASE("exit_after_bars closes positions without an opposite signal") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  StrategyConfig c = zero_fee_config();
  c.exit_after_bars = 2;
  const std::vector<Signal> signals = {signal("AAA", SignalAction::buy, 0)};
  auto r = run_strategy(panel, signals, c);
  REQUIRE(r.ok());
  REQUIRE(r->fills.size() == 2);
  CHECK(r->fills[1].side == Side::sell);
  CHECK(r->fills[1].bar == 4);  // entered at 1, held 2 bars, sell queued at 3, filled at 4
}

TEST_CASE("signals of several models in one run are refused, unknown tickers are dropped and counted") {
  const PricePanel panel = portfolio_test::two_asset_panel();
  std::vector<Signal> mixed = {signal("AAA", SignalAction::buy, 0), signal("AAA", SignalAction::sell, 2, 0.5, "cnn")};
  CHECK(run_strategy(panel, mixed, zero_fee_config()).error().code == "bad_config");
  std::vector<Signal> unknown = {signal("ZZZ", SignalAction::buy, 0), signal("AAA", SignalAction::buy, -5)};
  auto r = run_strategy(panel, unknown, zero_fee_config());
  REQUIRE(r.ok());
  CHECK(r->signals_dropped == 2);
}

TEST_CASE("a backtest is deterministic, trades only inside its period and reports performance") {
  const PricePanel panel = simulated(700);
  BacktestSpec spec = quick_spec();
  spec.start = panel.date(400);
  spec.end = panel.date(650);
  spec.benchmark = panel.asset(0).ticker;
  auto a = run_backtest(panel, spec);
  auto b = run_backtest(panel, spec);
  REQUIRE((a.ok() && b.ok()));
  REQUIRE(!a->run.fills.empty());
  REQUIRE(a->run.fills.size() == b->run.fills.size());
  for (std::size_t i = 0; i < a->run.fills.size(); ++i) {
    CHECK(a->run.fills[i].quantity == b->run.fills[i].quantity);
    CHECK(a->run.fills[i].net_cash == b->run.fills[i].net_cash);
  }
  CHECK(a->run.nav.size() == 251);
  CHECK(a->run.nav.back().nav == b->run.nav.back().nav);
  for (const Fill& f : a->run.fills) {
    CHECK(f.bar > 400);
    CHECK(f.bar <= 650);
    CHECK(f.date > f.order_date);
  }
  for (const Signal& s : a->signals) CHECK(s.date >= panel.date(400));
  CHECK(a->performance.periods == 250);
  REQUIRE(a->performance.benchmark);
  CHECK(std::isfinite(a->performance.benchmark->beta));
  CHECK(a->trades.trades == a->run.round_trips.size());
  // Replaying the backtest's own signals gives the same result.
  StrategyConfig c;
  c.initial_cash = spec.initial_cash;
  c.fees = spec.fees;
  c.start_bar = 400;
  c.end_bar = 650;
  c.exit_after_bars = spec.exit_after_bars;
  auto replay = run_strategy(panel, a->signals, c);
  REQUIRE(replay.ok());
  CHECK(replay->nav.back().nav == a->run.nav.back().nav);
}

TEST_CASE("assets' walk-forwards run together through the caller's threads give the sequential backtest bit for bit") {
  const PricePanel panel = simulated(450);
  BacktestSpec spec = quick_spec("linear");
  spec.start = panel.date(300);
  auto alone = run_backtest(panel, spec);
  REQUIRE(alone.ok());
  std::vector<std::pair<std::size_t, std::size_t>> seen;
  spec.progress = [&](std::size_t done, std::size_t total) {
    seen.emplace_back(done, total);
    return true;
  };
  std::size_t batches = 0;
  spec.batch = 4;
  spec.run_together = [&](std::span<const std::function<void()>> tasks) {
    ++batches;
    std::vector<std::thread> threads;
    for (std::size_t k = tasks.size(); k-- > 1;) threads.emplace_back(tasks[k]);  // last first, at once
    tasks[0]();
    for (std::thread& t : threads) t.join();
  };
  auto together = run_backtest(panel, spec);
  REQUIRE(together.ok());
  CHECK(batches == (panel.asset_count() + 3) / 4);
  REQUIRE(together->signals.size() == alone->signals.size());
  for (std::size_t i = 0; i < alone->signals.size(); ++i) {
    CHECK(together->signals[i].ticker == alone->signals[i].ticker);
    CHECK(together->signals[i].date == alone->signals[i].date);
    CHECK(together->signals[i].predicted_return == alone->signals[i].predicted_return);
  }
  CHECK(together->run.nav.back().nav == alone->run.nav.back().nav);
  // Progress after each batch: 0, 4, 8, 12 of 15, then 14 and 15.
  REQUIRE(!seen.empty());
  CHECK(seen.front() == std::make_pair(std::size_t{0}, panel.asset_count() + 1));
  CHECK(seen.back() == std::make_pair(panel.asset_count() + 1, panel.asset_count() + 1));
}

TEST_CASE("a backtest reports its progress per ticker, can be cancelled, and replays its own signals to the bit") {
  const PricePanel panel = simulated(500);
  BacktestSpec spec = quick_spec();
  spec.tickers = {panel.asset(0).ticker, panel.asset(1).ticker, panel.asset(2).ticker};
  spec.start = panel.date(300);
  std::vector<std::pair<std::size_t, std::size_t>> seen;
  spec.progress = [&](std::size_t done, std::size_t total) {
    seen.emplace_back(done, total);
    return true;
  };
  auto a = run_backtest(panel, spec);
  REQUIRE(a.ok());
  // 0, 1, 2 before each ticker, 3 after the signals, 4 of 4 after the strategy run.
  REQUIRE(seen.size() == 5);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == std::make_pair(i, std::size_t{4}));

  spec.progress = nullptr;
  auto whole = run_backtest(panel, spec);
  REQUIRE(whole.ok());
  CHECK(whole->signals.size() == a->signals.size());
  CHECK(whole->run.nav.back().nav == a->run.nav.back().nav);

  auto replay = replay_backtest(panel, spec, a->signals);
  REQUIRE(replay.ok());
  REQUIRE(replay->run.nav.size() == a->run.nav.size());
  for (std::size_t i = 0; i < a->run.nav.size(); ++i) CHECK(replay->run.nav[i].nav == a->run.nav[i].nav);
  REQUIRE(replay->run.fills.size() == a->run.fills.size());
  CHECK(replay->trades.trades == a->trades.trades);
  CHECK(replay->performance.sharpe == a->performance.sharpe);

  // Signals outside the tickers or the period are left out of a replay.
  std::vector<Signal> extra = a->signals;
  extra.push_back(signal(panel.asset(5).ticker.c_str(), SignalAction::buy, 0));
  Signal early = extra.front();
  early.date = panel.date(10);
  extra.push_back(early);
  auto filtered = replay_backtest(panel, spec, extra);
  REQUIRE(filtered.ok());
  CHECK(filtered->signals.size() == a->signals.size());

  int calls = 0;
  spec.progress = [&](std::size_t, std::size_t) { return ++calls < 2; };
  auto stopped = run_backtest(panel, spec);
  REQUIRE_FALSE(stopped.ok());
  CHECK(stopped.error().code == "cancelled");
}

TEST_CASE("backtest errors name the problem") {
  const PricePanel panel = simulated(50);
  BacktestSpec spec = quick_spec();
  spec.tickers = {"NOPE"};
  CHECK(run_backtest(panel, spec).error().code == "unknown_ticker");
  spec.tickers.clear();
  spec.start = Date{panel.date(49).days + 10};
  CHECK(run_backtest(panel, spec).error().code == "bad_period");
  spec.start.reset();
  spec.model = "llm";
  CHECK(run_backtest(panel, spec).error().code == "external_model");
}

TEST_CASE("fee comparison replays the same trades: NAV differs by exactly the extra fees") {
  const PricePanel panel = simulated(600);
  BacktestSpec spec = quick_spec();
  spec.fees = fee_preset("zero").value();
  spec.start = panel.date(300);
  spec.sizing.fraction = 0.05;  // small positions: every trade stays affordable under every schedule
  auto base = run_backtest(panel, spec);
  REQUIRE(base.ok());
  REQUIRE(base->run.fills.size() > 10);
  const std::vector<FeeSchedule> schedules = {fee_preset("zero").value(), fee_preset("ibkr_fixed").value(),
                                              fee_preset("percent").value(), fee_preset("flat").value()};
  auto cmp = compare_fees(panel, base->run.fills, spec.initial_cash, schedules, {}, 300);
  REQUIRE(cmp.ok());
  REQUIRE(cmp->size() == 4);
  CHECK((*cmp)[0].total_fees == 0.0);
  CHECK((*cmp)[0].final_nav == Approx(base->run.nav.back().nav).epsilon(1e-12));
  for (const FeeScenario& s : *cmp) {
    INFO(s.schedule);
    CHECK(s.rejected == 0);
    CHECK(s.fills == base->run.fills.size());
    CHECK(s.nav_difference == Approx(-s.total_fees).margin(1e-6));
    CHECK(s.nav.size() == 300);
  }
  CHECK((*cmp)[1].total_fees > 0.0);
  CHECK((*cmp)[1].return_difference < 0.0);
  CHECK(compare_fees(panel, base->run.fills, 1e5, {}, {}).error().code == "bad_config");
}

TEST_CASE("model comparison reports each model side by side, with per-sector results") {
  const PricePanel panel = simulated(500);
  std::vector<Signal> all;
  for (const char* name : {"momentum", "linear"}) {
    BacktestSpec spec = quick_spec();
    spec.model = name;
    spec.start = panel.date(200);
    auto r = run_backtest(panel, spec);
    REQUIRE(r.ok());
    all.insert(all.end(), r->signals.begin(), r->signals.end());
  }
  StrategyConfig c;
  c.fees = fee_preset("ibkr_fixed").value();
  c.start_bar = 200;
  c.exit_after_bars = 10;
  auto reports = compare_models(panel, all, c);
  REQUIRE(reports.ok());
  REQUIRE(reports->size() == 2);
  CHECK((*reports)[0].model == "linear");
  CHECK((*reports)[1].model == "momentum");
  for (const ModelReport& m : *reports) {
    CHECK(m.signals > 0);
    CHECK(m.mean_confidence > 0.0);
    CHECK(m.trades.trades > 0);
    std::size_t in_sectors = 0;
    for (const SectorResult& s : m.sectors) in_sectors += s.trades;
    CHECK(in_sectors == m.trades.trades);
    CHECK(!m.sectors.empty());
  }
}
