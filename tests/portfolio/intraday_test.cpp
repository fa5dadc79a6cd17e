// Intraday bars (date.hpp): times of day parsed and ordered, intraday files imported, orders filled at the
// next bar of the same day, annualisation by bars per year, borrow fees per calendar day — each against
// the same figures on daily bars.
#include <catch2/catch.hpp>

#include <cmath>

#include "finsim/portfolio/benchmark_metrics.hpp"
#include "finsim/portfolio/csv_import.hpp"
#include "finsim/portfolio/margin.hpp"
#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/performance.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/portfolio/strategy.hpp"

using namespace finsim::portfolio;

namespace {

Date at(int day, int hour, int minute) { return Date{date_from_civil(2024, 1, day).days, hour * 3600 + minute * 60}; }

/// Three five-minute bars a day, closing 09:35, 09:40 and 09:45, on Friday 2024-01-05 and Monday 8th.
const char* kIntradayCsv =
    "timestamp,ticker,asset_type,close,volume\n"
    "2024-01-05 09:35,AAA,stock,100,1000\n"
    "2024-01-05 09:40,AAA,stock,101,1000\n"
    "2024-01-05 09:45,AAA,stock,102,1000\n"
    "2024-01-08T09:35:00,AAA,stock,103,1000\n"
    "2024-01-08T09:40:00,AAA,stock,104,1000\n"
    "2024-01-08T09:45:00,AAA,stock,105,1000\n";

PricePanel intraday_panel() {
  ImportReport r = import_long_csv(kIntradayCsv);
  REQUIRE(r.clean());
  return std::move(*r.panel);
}

FeeSchedule zero() { return fee_preset("zero").value(); }

Order market_buy(Date placed) {
  Order o;
  o.ticker = "AAA";
  o.side = Side::buy;
  o.size = 1;
  o.placed = placed;
  return o;
}

}  // namespace

TEST_CASE("intraday: times of day parse, print and order after their day's start and before its close") {
  CHECK(parse_date("2024-01-05 09:35") == at(5, 9, 35));
  CHECK(parse_date("2024-01-05T09:35:00") == at(5, 9, 35));
  CHECK(parse_date("1/5/2024 9:35") == at(5, 9, 35));
  CHECK(parse_date("2024-01-05T23:59:59")->second == 86399);
  CHECK(parse_date("2024-01-05T00:00")->second == 0);
  for (const char* bad : {"2024-01-05T24:00", "2024-01-05T09:60", "2024-01-05T09:35:60", "2024-01-05T09:35Z",
                          "2024-01-05T09:35:00+01:00", "2024-01-05T09:35:00.5", "2024-01-05T", "2024-01-05 9",
                          "2024-01-05T0935", "2024-02-30T09:35"})
    CHECK_FALSE(parse_date(bad));
  CHECK(format_date(at(5, 9, 35)) == "2024-01-05T09:35");
  CHECK(format_date(Date{at(5, 9, 35).days, at(5, 9, 35).second + 7}) == "2024-01-05T09:35:07");
  CHECK(format_date(*parse_date("2024-01-05")) == "2024-01-05");
  for (const char* text : {"2024-01-05T09:35", "2024-01-05T09:35:07", "2024-01-05"})
    CHECK(format_date(*parse_date(text)) == text);

  const Date day = date_from_civil(2024, 1, 5);
  CHECK_FALSE(day.has_time());
  CHECK(start_of_day(day) < at(5, 9, 35));
  CHECK(at(5, 9, 35) < at(5, 15, 55));
  CHECK(at(5, 15, 55) < day);           // a day without a time is its close
  CHECK(day < at(8, 9, 30));
  CHECK(day_of(at(5, 9, 35)) == day);
  CHECK(range_start(day) == start_of_day(day));
  CHECK(range_start(at(5, 9, 35)) == at(5, 9, 35));
}

TEST_CASE("intraday: a long file with timestamps imports as intraday bars, a file mixing days and times does not") {
  const PricePanel p = intraday_panel();
  REQUIRE(p.bar_count() == 6);
  CHECK(p.intraday());
  CHECK(p.date(0) == at(5, 9, 35));
  CHECK(p.date(3) == at(8, 9, 35));
  CHECK(p.bars_through(date_from_civil(2024, 1, 5)) == 3);           // every bar of the day
  CHECK(p.bars_before(range_start(date_from_civil(2024, 1, 8))) == 3);
  CHECK(p.bars_through(at(5, 9, 40)) == 2);
  CHECK(*p.first_bar_after(at(5, 9, 35)) == 1);                       // the next bar, the same day

  ImportReport mixed = import_long_csv(
      "date,ticker,asset_type,close\n2024-01-05 09:35,AAA,stock,100\n2024-01-05,AAA,stock,101\n");
  CHECK_FALSE(mixed.panel);
  REQUIRE(mixed.issue_count == 1);
  CHECK(mixed.issues[0].line == 3);
  CHECK(mixed.issues[0].message.find("daily bars or intraday bars, not both") != std::string::npos);
  ImportReport wide = import_wide_csv("Date,AAA\n2024-01-05,100\n2024-01-05T10:00,101\n");
  CHECK_FALSE(wide.panel);
  CHECK(wide.issue_count == 1);
  ImportReport zone = import_long_csv("date,ticker,asset_type,close\n2024-01-05T09:35Z,AAA,stock,100\n");
  CHECK_FALSE(zone.panel);
  REQUIRE(zone.issue_count == 1);
  CHECK(zone.issues[0].message.find("no zone") != std::string::npos);
  // Lenient: most dates decide the kind, so a stray day at the top does not turn the bars away.
  CsvImportOptions lenient;
  lenient.mode = ImportMode::lenient;
  ImportReport stray = import_long_csv("date,ticker,asset_type,close\n2024-01-04,AAA,stock,99\n"
                                       "2024-01-05 09:35,AAA,stock,100\n2024-01-05 09:40,AAA,stock,101\n",
                                       lenient);
  REQUIRE(stray.panel);
  CHECK(stray.panel->intraday());
  CHECK(stray.panel->bar_count() == 2);
  REQUIRE(stray.issue_count == 1);
  CHECK(stray.issues[0].line == 2);
  CHECK(PricePanel::create({{"AAA", AssetClass::stock, ""}}, {at(5, 9, 35), date_from_civil(2024, 1, 5)}, {1, 2})
            .error()
            .message.find("mix") != std::string::npos);
}

TEST_CASE("intraday: an order placed at a bar fills at the next bar the same day, one placed on a day at the next day") {
  const PricePanel p = intraday_panel();
  const PortfolioState s = open_portfolio(p, 10000);
  auto next = execute_order(s, market_buy(at(5, 9, 35)), p, zero(), {});
  REQUIRE(next.ok());
  REQUIRE(next->status == ExecutionStatus::filled);
  CHECK(next->fill->bar == 1);
  CHECK(next->fill->date == at(5, 9, 40));
  CHECK(next->fill->price == 101.0);
  // Placed between bars: the first bar after it.
  CHECK(execute_order(s, market_buy(at(5, 9, 37)), p, zero(), {})->fill->bar == 1);
  // Placed on the day itself (no time, its close): the first bar of the next trading day.
  auto overnight = execute_order(s, market_buy(date_from_civil(2024, 1, 5)), p, zero(), {});
  CHECK(overnight->fill->bar == 3);
  CHECK(overnight->fill->price == 103.0);

  // A limit order good until a day lives through that day's bars and expires at the next day's first.
  Order limit = market_buy(at(5, 9, 35));
  limit.type = OrderType::limit;
  limit.limit_price = 50;
  limit.good_until = date_from_civil(2024, 1, 5);
  const PricePanel today = p.slice_bars(0, 3);
  CHECK(execute_order(s, limit, today, zero(), {})->status == ExecutionStatus::pending);
  CHECK(execute_order(s, limit, p, zero(), {})->status == ExecutionStatus::expired);
  limit.good_until = at(5, 9, 40);  // good until a time: expired at the 09:45 bar
  CHECK(execute_order(s, limit, p.slice_bars(0, 2), zero(), {})->status == ExecutionStatus::pending);
  CHECK(execute_order(s, limit, today, zero(), {})->status == ExecutionStatus::expired);
}

TEST_CASE("intraday: returns are annualised by bars per year, the same returns on days by 252") {
  const std::vector<double> returns = {0.01, -0.005, 0.002, 0.004, -0.001, 0.003};
  const PricePanel p = intraday_panel();
  const std::vector<Date> timed(p.dates().begin(), p.dates().end());
  std::vector<Date> days;
  for (int d : {5, 8, 9, 10, 11, 12}) days.push_back(date_from_civil(2024, 1, d));

  const Period intraday = period_of(timed);
  CHECK(intraday.kind == PeriodKind::intraday);
  CHECK(intraday.bars_per_day == 3.0);
  CHECK(p.period() == intraday);
  // A typical day: the median, so a partial day (here a slice starting at Friday's last bar, or a first
  // day of one bar) does not move it; a slice keeps its market's.
  CHECK(p.slice_bars(2, 5).period() == intraday);
  CHECK(bars_per_day(std::vector<Date>{at(4, 15, 55), at(5, 9, 35), at(5, 9, 40), at(5, 9, 45), at(8, 9, 35),
                                       at(8, 9, 40), at(8, 9, 45)}) == 3.0);
  CHECK(bars_per_day(std::vector<Date>(timed.begin() + 2, timed.end())) == 3.0);  // days of 1 and 3 bars: 3
  CHECK(annualization_factor(intraday) == 756.0);
  CHECK(period_of(days) == Period::daily);
  CHECK(period_of(timed, Period::weekly) == Period::weekly);  // a stated period other than daily stands

  const PerformanceSummary on_bars = summarize_returns(returns, timed, {});
  const PerformanceSummary on_days = summarize_returns(returns, days, {});
  CHECK(on_bars.period == intraday);
  CHECK(on_days.period == Period::daily);
  CHECK(on_bars.annual_volatility == Approx(on_days.annual_volatility * std::sqrt(3.0)));
  CHECK(on_bars.sharpe == Approx(on_days.sharpe * std::sqrt(3.0)));
  CHECK(on_bars.annual_volatility == Approx(annual_volatility(returns, Period::intraday(3.0))));
  CHECK(on_bars.total_return == on_days.total_return);  // what is not annualised does not change
  // A window of a typical day's bars, annualised by the market's day when the caller states it.
  const PerformanceSummary window = summarize_returns(std::span(returns).subspan(1, 2),
                                                      std::span(timed).subspan(1, 2), {p.period()});
  CHECK(window.period == intraday);
  CHECK(summarize_returns(std::span(returns).subspan(1, 2), std::span(timed).subspan(1, 2), {}).period ==
        Period::intraday(2.0));  // without the market, its own two bars make the day

  // Captures on intraday bars are the days' (a per-bar capture annualises with A / n and explodes).
  const std::vector<double> bench = {0.004, -0.002, 0.003, 0.002, -0.004, 0.001};
  const PerformanceSummary vs = summarize_returns(returns, timed, {}, bench);
  REQUIRE(vs.benchmark);
  std::vector<double> days_r, days_b;
  for (const GroupReturn& g : aggregate_returns(returns, timed, intraday)) days_r.push_back(g.value);
  for (const GroupReturn& g : aggregate_returns(bench, timed, intraday)) days_b.push_back(g.value);
  CHECK(vs.benchmark->up_capture == up_capture(days_r, days_b, Period::daily));
  CHECK(vs.benchmark->down_capture == down_capture(days_r, days_b, Period::daily));
  CHECK(vs.benchmark->up_capture != up_capture(returns, bench, intraday));
  // Grouped by day: the day's bars compound into one return.
  const auto by_day = aggregate_returns(returns, timed, intraday);
  REQUIRE(by_day.size() == 2);
  CHECK(by_day[0].value == Approx(1.01 * 0.995 * 1.002 - 1.0));
}

TEST_CASE("intraday: borrow fees accrue per calendar day, not per bar") {
  const PricePanel p = intraday_panel();
  PortfolioState s = open_portfolio(p, 10000);
  PortfolioRules rules;
  rules.allow_short = true;
  auto f = price_fill(s, 0, Side::sell, SizeKind::quantity, 100, 0, p.close(0, 0), p.date(0), zero(), rules, {});
  REQUIRE(f.ok());
  apply_fill(s, *f);
  const MarginRules margin{kRegTInitialMargin, kFinraMaintenanceMargin, 0.036};
  // 09:35 → 09:40 and 09:40 → 09:45 on Friday: no day passes, nothing is due.
  CHECK(charge_borrow_fees(s, p, 1, 0, margin).empty());
  CHECK(charge_borrow_fees(s, p, 2, 1, margin).empty());
  // Friday 09:45 → Monday 09:35: three days on 100 × 103 at 3.6 % → 100·103·0.036·3/360 = 3.09.
  auto fees = charge_borrow_fees(s, p, 3, 2, margin);
  REQUIRE(fees.size() == 1);
  CHECK(fees[0].days == 3);
  CHECK(fees[0].amount == 3.09);
  CHECK(charge_borrow_fees(s, p, 4, 3, margin).empty());
}

TEST_CASE("intraday: a strategy on intraday bars fills at the next bar and values its NAV at every bar") {
  const PricePanel p = intraday_panel();
  Signal buy;
  buy.model = "linear";
  buy.ticker = "AAA";
  buy.action = SignalAction::buy;
  buy.confidence = 0.9;
  buy.date = at(5, 9, 40);
  StrategyConfig c;
  c.initial_cash = 10000;
  c.fees = zero();
  c.sizing.fraction = 0.5;
  c.sizing.max_fraction = 1.0;
  auto r = run_strategy(p, std::vector<Signal>{buy}, c);
  REQUIRE(r.ok());
  REQUIRE(r->fills.size() == 1);
  CHECK(r->fills[0].date == at(5, 9, 45));  // the next bar, not the next day
  CHECK(r->fills[0].price == 102.0);
  REQUIRE(r->nav.size() == 6);
  CHECK(r->nav[5].date == at(8, 9, 45));
  CHECK(r->nav[5].nav == Approx(5000.0 + 5000.0 / 102.0 * 105.0));
  CHECK(summarize_nav(r->nav, {}).period == Period::intraday(3.0));
}
