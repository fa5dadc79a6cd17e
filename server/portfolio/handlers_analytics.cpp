// Analytics of a portfolio (performance, risk, fee comparison) and the dashboard's overview: every
// number computed by the engine from the stored NAV snapshots and fills; the server only gathers them.
#include <cmath>

#include "finsim/portfolio/backtest.hpp"
#include "finsim/portfolio/drawdown.hpp"
#include "finsim/portfolio/histogram.hpp"
#include "finsim/portfolio/holdings.hpp"
#include "finsim/portfolio/monte_carlo.hpp"
#include "finsim/portfolio/portfolio_json.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "handler_support.hpp"
#include "handlers.hpp"
#include "order_records.hpp"
#include "overview_totals.hpp"
#include "snapshots.hpp"

namespace finsim::server::handlers {
namespace {

using nlohmann::json;

/// [{"date", "value"}] for values dated by snapshots 1..n (the returns' dates).
json dated(const std::vector<double>& values, const std::vector<pf::NavSnapshot>& nav) {
  json out = json::array();
  for (std::size_t i = 0; i < values.size() && i + 1 < nav.size(); ++i)
    out.push_back({{"date", pf::format_date(nav[i + 1].date)}, {"value", pf::json_number(values[i])}});
  return out;
}

struct Analysis {
  SnapshotSeries series;
  std::vector<double> returns;
  std::vector<pf::Date> dates;
  pf::PerformanceSummary summary;
};

Result<Analysis> analyse(ApiCall& call, const Ledger& l, bool with_allocation) {
  auto from = call.date("from");
  auto to = call.date("to");
  auto risk_free = call.number("risk_free", 0.0, -1.0, 1.0);
  auto cutoff = call.number("cutoff", 0.05, 0.001, 0.5);
  for (const Error* e : {from.ok() ? nullptr : &from.error(), to.ok() ? nullptr : &to.error(),
                         risk_free.ok() ? nullptr : &risk_free.error(), cutoff.ok() ? nullptr : &cutoff.error()})
    if (e) return *e;
  Analysis a;
  auto series = load_snapshots(call.ctx.db(), l, call.book().market_of(l), *from, *to, with_allocation);
  if (!series.ok()) return series.error();
  a.series = std::move(series).value();
  a.returns = pf::returns_from_nav(a.series.nav);
  for (std::size_t i = 1; i < a.series.nav.size(); ++i) a.dates.push_back(a.series.nav[i].date);
  pf::PerformanceOptions options;
  options.period = call.book().market_of(l).panel->period();  // intraday bars: the market's typical day
  options.risk_free = *risk_free;
  options.var_cutoff = *cutoff;
  // A benchmark ticker: its close on each snapshot's day (carried forward), its returns the engine's.
  std::vector<double> benchmark;
  if (const auto ticker = call.param("benchmark")) {
    const Market& m = call.book().market_of(l);
    const auto asset = m.panel->find(*ticker);
    if (!asset) return make_error("unknown_ticker", "unknown benchmark '" + *ticker + "'");
    std::vector<double> closes;
    for (const pf::NavSnapshot& s : a.series.nav) {
      std::size_t through = m.panel->bars_through(s.date);
      double close = std::nan("");
      while (through > 0 && std::isnan(close)) close = m.panel->close(--through, *asset);
      closes.push_back(close);
    }
    benchmark = pf::simple_returns(closes);
  }
  a.summary = pf::summarize_nav(a.series.nav, options, benchmark);
  if (a.summary.benchmark) a.summary.benchmark->name = *call.param("benchmark");  // what it was measured against
  return a;
}

json performance_summary_json(const Analysis& a) {
  json j = pf::performance_to_json(a.summary);
  date_drawdown_episodes(j["worst_drawdowns"], a.series.nav);
  return j;
}

/// The round trips, newest first, at most `limit`.
json recent_trips(const Ledger& l, std::size_t limit) {
  json out = json::array();
  for (std::size_t i = l.trips.size(); i > 0 && out.size() < limit; --i) out.push_back(pf::round_trip_to_json(l.trips[i - 1]));
  return out;
}

}  // namespace

HttpResponse get_performance(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  const Ledger& l = **found;
  auto bins = call.integer("bins", 20, 1, 200);
  if (!bins.ok()) return error_response(bins.error());
  auto a = analyse(call, l, false);
  if (!a.ok()) return error_response(a.error());
  json monthly = json::array();
  for (const pf::GroupReturn& g : pf::aggregate_returns(a->returns, a->dates, pf::Period::monthly))
    monthly.push_back({{"year", g.year}, {"month", g.group}, {"value", pf::json_number(g.value)}});
  const Market& m = call.book().market_of(l);
  return json_response(200, {{"portfolio_id", l.info.id},
                             {"as_of", m.has_bars() ? json(pf::format_date(m.panel->date(l.as_of(m)))) : json(nullptr)},
                             {"valuation", pf::valuation_to_json(l.valuation(m))},
                             {"summary", performance_summary_json(*a)},
                             {"nav", pf::nav_to_json(a->series.nav)},
                             {"returns", dated(a->returns, a->series.nav)},
                             {"return_distribution", pf::histogram_to_json(pf::histogram(a->returns, static_cast<std::size_t>(*bins)))},
                             {"monthly_returns", monthly},
                             {"trades", pf::trade_stats_to_json(pf::trade_stats(l.trips))},
                             {"by_model", pf::model_trade_stats_to_json(pf::trade_stats_by_model(l.trips))},
                             {"round_trips", recent_trips(l, 500)}});
}

HttpResponse get_risk_analytics(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  const Ledger& l = **found;
  auto window = call.integer("window", 60, 2, 2520);
  auto vol_window = call.integer("volatility_window", 21, 2, 2520);
  auto episodes = call.integer("episodes", 5, 0, 50);
  for (const Error* e : {window.ok() ? nullptr : &window.error(), vol_window.ok() ? nullptr : &vol_window.error(),
                         episodes.ok() ? nullptr : &episodes.error()})
    if (e) return error_response(*e);
  auto a = analyse(call, l, true);
  if (!a.ok()) return error_response(a.error());
  const Market& m = call.book().market_of(l);
  const std::size_t bar = l.as_of(m);
  const std::vector<double> prices = m.has_bars() ? pf::last_prices(*m.panel, bar) : std::vector<double>(l.state.positions.size(), std::nan(""));
  const auto holdings = pf::holdings_report(l.state, *m.panel, prices);
  json worst = json::array();
  for (const pf::DrawdownEpisode& e : pf::worst_drawdowns(a->returns, static_cast<std::size_t>(*episodes)))
    worst.push_back({{"peak", e.peak},
                     {"trough", e.trough},
                     {"recovery", e.recovery ? json(*e.recovery) : json(nullptr)},
                     {"depth", pf::json_number(e.depth)}});
  date_drawdown_episodes(worst, a->series.nav);
  json rotation = json::array();
  for (std::size_t i = 0; i < a->series.nav.size(); ++i) {
    json alloc = json::parse(a->series.allocation[i], nullptr, false);
    if (alloc.is_discarded() || !alloc.is_object()) continue;
    rotation.push_back({{"date", pf::format_date(a->series.nav[i].date)},
                        {"by_class", alloc.value("by_class", json::array())},
                        {"by_sector", alloc.value("by_sector", json::array())}});
  }
  const pf::PerformanceSummary& s = a->summary;
  return json_response(
      200, {{"portfolio_id", l.info.id},
            {"as_of", m.has_bars() ? json(pf::format_date(m.panel->date(bar))) : json(nullptr)},
            {"periods", s.periods},
            {"periods_per_year", pf::json_number(pf::annualization_factor(s.period))},
            {"var", {{"cutoff", call.number("cutoff", 0.05, 0.001, 0.5).value()},
                     {"historical", pf::json_number(s.var_historical)},
                     {"gaussian", pf::json_number(s.var_gaussian)}}},
            {"cvar", {{"historical", pf::json_number(s.cvar_historical)}, {"gaussian", pf::json_number(s.cvar_gaussian)}}},
            {"annual_volatility", pf::json_number(s.annual_volatility)},
            {"max_drawdown", pf::json_number(s.max_drawdown)},
            {"drawdown", dated(pf::drawdown_series(a->returns), a->series.nav)},
            {"worst_drawdowns", worst},
            {"volatility", {{"window", *vol_window},
                            {"series", dated(pf::rolling_volatility(a->returns, static_cast<std::size_t>(*vol_window),
                                                                    a->summary.period),
                                             a->series.nav)}}},
            {"correlation", {{"window", *window},
                             {"table", pf::correlation_to_json(pf::holdings_correlation(
                                           *m.panel, holdings, bar, static_cast<std::size_t>(*window)))}}},
            {"allocation", pf::allocation_to_json(pf::allocation(holdings, l.state.cash))},
            {"sector_rotation", rotation}});
}

HttpResponse get_monte_carlo(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  const Ledger& l = **found;
  auto paths = call.integer("paths", 1000, 100, 20000);
  auto block = call.integer("block", 5, 1, 250);
  auto horizon = call.integer("horizon", 0, 0, 2520);
  auto seed = call.integer("seed", 1, 0, INT64_MAX);
  for (const Error* e : {paths.ok() ? nullptr : &paths.error(), block.ok() ? nullptr : &block.error(),
                         horizon.ok() ? nullptr : &horizon.error(), seed.ok() ? nullptr : &seed.error()})
    if (e) return error_response(*e);
  auto a = analyse(call, l, false);
  if (!a.ok()) return error_response(a.error());
  pf::MonteCarloOptions o;
  o.paths = static_cast<std::size_t>(*paths);
  o.block = static_cast<std::size_t>(*block);
  o.horizon = static_cast<std::size_t>(*horizon);
  o.seed = static_cast<std::uint64_t>(*seed);
  auto mc = pf::bootstrap_paths(a->returns, o);
  if (!mc.ok()) return error_response(mc.error());
  const Market& m = call.book().market_of(l);
  const double nav = a->series.nav.empty() ? l.info.initial_capital : a->series.nav.back().nav;
  json body = pf::monte_carlo_to_json(*mc, nav);
  body["portfolio_id"] = l.info.id;
  body["as_of"] = m.has_bars() ? json(pf::format_date(m.panel->date(l.as_of(m)))) : json(nullptr);
  body["seed"] = *seed;
  return json_response(200, body);
}

HttpResponse get_fee_comparison(ApiCall& call) {
  auto found = path_portfolio(call);
  if (!found.ok()) return error_response(found.error());
  const Ledger& l = **found;
  const Market& m = call.book().market_of(l);
  if (!m.has_bars()) return error_response(make_error("conflict", "the market has no bar yet"));
  std::vector<pf::FeeSchedule> schedules{call.book().fees_of(l).schedule};
  std::vector<std::string> names = call.list("fee_structures");
  if (names.empty())
    for (const auto& [id, f] : call.book().fees())
      if (f.builtin && f.id != l.info.fee_structure_id) names.push_back(std::to_string(id));
  for (const std::string& n : names) {
    const bool numeric = !n.empty() && n.find_first_not_of("0123456789") == std::string::npos;
    auto f = find_fee_structure(call.book().fees(), numeric ? json(std::stoll(n)) : json(n), "fee_structures");
    if (!f.ok()) return error_response(f.error());
    schedules.push_back((*f)->schedule);
  }
  const std::size_t start = std::max<std::size_t>(m.panel->bars_through(l.info.opened_on), 1) - 1;
  const std::size_t end = l.as_of(m);
  auto scenarios = pf::compare_fees(*m.panel, l.fills, l.info.initial_capital, schedules, l.info.rules, start, end, {},
                                    l.entries);
  if (!scenarios.ok()) return error_response(scenarios.error());
  return json_response(200, {{"portfolio_id", l.info.id},
                             {"baseline", schedules.front().name},
                             {"start", pf::format_date(m.panel->date(start))},
                             {"end", pf::format_date(m.panel->date(end))},
                             {"trades", l.fills.size()},
                             {"periods_per_year", pf::json_number(pf::annualization_factor(m.panel->period()))},
                             {"scenarios", pf::fee_scenarios_to_json(*scenarios, call.param("series").value_or("true") == "true")}});
}

HttpResponse get_overview(ApiCall& call) {
  auto page = page_of(call, true);
  if (!page.ok()) return error_response(page.error());
  // A page of the active portfolios' summary lines; the totals cover all of them.
  json out = portfolio_page(call, *page, [](const Ledger& l) { return l.active(); });
  const OverviewTotals totals = overview_totals(call.book());
  // The pending orders' own index: ordered by id alone, SQLite would scan every order ever placed.
  auto st = call.ctx.db().prepare(
      "SELECT o.id, o.portfolio_id FROM orders o INDEXED BY orders_pending JOIN portfolios p ON p.id = o.portfolio_id "
      "WHERE o.status = 'pending' AND p.status = 'active' ORDER BY o.id DESC LIMIT 50");
  if (!st.ok()) return error_response(st.error());
  std::vector<std::pair<std::int64_t, std::int64_t>> pending;
  const Status each_status = st->each([&] {
    pending.emplace_back(st->integer(1), st->integer(0));
  });
  if (!each_status.ok()) return error_response(each_status.error());
  json orders = json::array();
  for (const auto& [pid, oid] : pending) {
    auto o = find_order(call.ctx.db(), pid, oid);
    if (!o.ok()) return error_response(o.error());
    orders.push_back(order_json(*o, nullptr));
  }
  // How many wait in all, since the list above stops at 50.
  auto count = call.ctx.db().prepare(
      "SELECT COUNT(*) FROM orders o JOIN portfolios p ON p.id = o.portfolio_id "
      "WHERE o.status = 'pending' AND p.status = 'active'");
  if (!count.ok()) return error_response(count.error());
  if (auto row = count->step(); !row.ok()) return error_response(row.error());
  const std::int64_t pending_count = count->integer(0);
  json markets = json::array();
  for (const auto& [id, m] : call.book().markets()) markets.push_back(market_to_json(m));
  out["portfolio_count"] = {{"live", totals.live}, {"backtest", totals.backtests}};
  out["allocation"] = totals.allocation;
  out["pending_orders"] = orders;
  out["pending_order_count"] = pending_count;
  out["models"] = totals.models;
  out["markets"] = markets;
  return json_response(200, out);
}

}  // namespace finsim::server::handlers
