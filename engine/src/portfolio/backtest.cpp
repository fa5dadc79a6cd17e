#include "finsim/portfolio/backtest.hpp"

#include <algorithm>
#include <map>

#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/portfolio/risk_ratios.hpp"

namespace finsim::portfolio {
namespace {

// `options` with the panel's period in place of the default daily one: intraday bars are annualised by
// the market's typical day, whatever part of a day the series covers.
PerformanceOptions on_bars_of(PerformanceOptions options, const PricePanel& panel) {
  if (options.period == Period::daily) options.period = panel.period();
  return options;
}

// Measures `nav` against `benchmark` (its returns align with the NAV's: one per bar after the first).
PerformanceSummary measured(std::span<const NavSnapshot> nav, const PerformanceOptions& options,
                            const BuyAndHold& benchmark, const PricePanel& panel) {
  PerformanceSummary p = summarize_nav(nav, on_bars_of(options, panel), benchmark.returns);
  if (p.benchmark) p.benchmark->name = benchmark.name(panel);
  return p;
}

std::string sector_label(const Asset& a) {
  if (a.asset_class != AssetClass::stock) return std::string(asset_class_name(a.asset_class));
  return a.sector.empty() ? "unknown" : a.sector;
}

std::vector<SectorResult> by_sector(const PricePanel& panel, std::span<const RoundTrip> trips) {
  std::map<std::string, std::vector<RoundTrip>> groups;
  for (const RoundTrip& t : trips) groups[sector_label(panel.asset(t.asset))].push_back(t);
  std::vector<SectorResult> out;
  for (const auto& [name, group] : groups) {
    const TradeStats s = trade_stats(group);
    out.push_back({name, s.trades, s.win_rate, s.total_pnl, s.average_return});
  }
  return out;
}

}  // namespace

namespace {

/// The selected assets and the bars [start, end] of a backtest's period.
struct Period {
  std::vector<std::size_t> assets;
  std::size_t start = 0, end = 0;
};

Result<Period> resolve_period(const PricePanel& panel, const BacktestSpec& spec) {
  Period p;
  for (const std::string& t : spec.tickers) {
    const auto a = panel.find(t);
    if (!a) return make_error("unknown_ticker", "unknown ticker '" + t + "'");
    p.assets.push_back(*a);
  }
  if (spec.tickers.empty())
    for (std::size_t a = 0; a < panel.asset_count(); ++a) p.assets.push_back(a);
  if (panel.bar_count() == 0) return make_error("bad_period", "the market holds no bar");
  p.start = spec.start ? panel.bars_before(range_start(*spec.start)) : 0;
  const std::size_t through_end = spec.end ? panel.bars_through(*spec.end) : panel.bar_count();
  if (p.start >= panel.bar_count() || through_end == 0 || through_end - 1 < p.start)
    return make_error("bad_period", "the period holds no bar of the market");
  p.end = through_end - 1;
  return p;
}

bool report(const BacktestSpec& spec, std::size_t done, std::size_t total) {
  return !spec.progress || spec.progress(done, total);
}

Error cancelled() { return make_error("cancelled", "the backtest was cancelled"); }

/// Trades `signals` over the period and reports: the common second half of both backtests.
Result<BacktestResult> trade_signals(const PricePanel& panel, const BacktestSpec& spec, const Period& period,
                                     std::vector<Signal> signals) {
  StrategyConfig config;
  config.initial_cash = spec.initial_cash;
  config.fees = spec.fees;
  config.sizing = spec.sizing;
  config.rules = spec.rules;
  config.start_bar = period.start;
  config.end_bar = period.end;
  config.exit_after_bars = spec.exit_after_bars;
  config.exits = spec.exits;
  auto run = run_strategy(panel, signals, config);
  if (!run.ok()) return run.error();

  // The benchmark: the named ticker held, else the equal-weight buy-and-hold of the backtest's universe.
  BacktestResult out;
  std::vector<std::size_t> universe = period.assets;
  if (!spec.benchmark.empty()) {
    const auto b = panel.find(spec.benchmark);
    if (!b) return make_error("unknown_ticker", "unknown benchmark '" + spec.benchmark + "'");
    universe = {*b};
  }
  out.benchmark = equal_weight_buy_and_hold(panel, universe, period.start, period.end);
  out.performance = measured(run->nav, spec.performance, out.benchmark, panel);
  out.windows = report_windows(panel, run->nav, out.benchmark, signals, run->fills, period.start,
                               spec.walk_forward.refit_every);
  out.trades = trade_stats(run->round_trips);
  out.signals = std::move(signals);
  out.run = std::move(run).value();
  const std::size_t total = period.assets.size() + 1;
  if (!report(spec, total, total)) return cancelled();
  return out;
}

}  // namespace

Result<BacktestResult> run_backtest(const PricePanel& panel, const BacktestSpec& spec) {
  auto period = resolve_period(panel, spec);
  if (!period.ok()) return period.error();
  if (auto model = make_model(spec.model, spec.model_options); !model.ok()) return model.error();  // at once
  WalkForwardConfig wf = spec.walk_forward;
  wf.first_bar = period->start;
  wf.last_bar = period->end;
  // One asset at a time, each with a fresh model (the signals are those of one model reset before each
  // asset), in batches of spec.batch that spec.run_together may run at once; progress after each batch.
  const std::size_t assets = period->assets.size();
  const std::size_t total = assets + 1;
  const std::size_t batch = spec.run_together ? std::max<std::size_t>(1, spec.batch) : 1;
  std::vector<Result<std::vector<Signal>>> per_asset(assets, Result<std::vector<Signal>>(std::vector<Signal>{}));
  for (std::size_t first = 0; first < assets; first += batch) {
    if (!report(spec, first, total)) return cancelled();
    const std::size_t last = std::min(first + batch, assets);
    std::vector<std::function<void()>> tasks;
    for (std::size_t i = first; i < last; ++i)
      tasks.emplace_back([&, i] {
        auto own = make_model(spec.model, spec.model_options);
        if (!own.ok()) per_asset[i] = own.error();
        else per_asset[i] = generate_signals(**own, panel, std::span(&period->assets[i], 1), wf);
      });
    if (spec.run_together && tasks.size() > 1) spec.run_together(tasks);
    else for (auto& task : tasks) task();
  }
  std::vector<Signal> signals;
  for (auto& some : per_asset) {
    if (!some.ok()) return some.error();
    signals.insert(signals.end(), std::make_move_iterator(some->begin()), std::make_move_iterator(some->end()));
  }
  if (!report(spec, assets, total)) return cancelled();
  return trade_signals(panel, spec, *period, std::move(signals));
}

Result<BacktestResult> replay_backtest(const PricePanel& panel, const BacktestSpec& spec, std::vector<Signal> signals) {
  auto period = resolve_period(panel, spec);
  if (!period.ok()) return period.error();
  const Date first = panel.date(period->start), last = panel.date(period->end);
  std::vector<Signal> kept;
  for (Signal& s : signals) {
    const auto a = panel.find(s.ticker);
    if (!a || s.date < first || s.date > last) continue;
    if (!spec.tickers.empty() && std::find(period->assets.begin(), period->assets.end(), *a) == period->assets.end())
      continue;
    kept.push_back(std::move(s));
  }
  if (!report(spec, period->assets.size(), period->assets.size() + 1)) return cancelled();
  return trade_signals(panel, spec, *period, std::move(kept));
}

Result<std::vector<ModelReport>> compare_models(const PricePanel& panel, std::span<const Signal> signals,
                                                const StrategyConfig& config, const PerformanceOptions& performance) {
  std::map<std::string, std::vector<Signal>> by_model;
  for (const Signal& s : signals) by_model[s.model].push_back(s);
  // One benchmark for every model: the equal-weight buy-and-hold of every asset any model signalled.
  std::vector<std::size_t> universe;
  for (const Signal& s : signals)
    if (const auto a = panel.find(s.ticker)) universe.push_back(*a);
  const std::size_t end = panel.bar_count() ? std::min(config.end_bar, panel.bar_count() - 1) : 0;
  const BuyAndHold benchmark = equal_weight_buy_and_hold(panel, universe, config.start_bar, end);
  std::vector<ModelReport> reports;
  for (auto& [model, group] : by_model) {
    auto run = run_strategy(panel, group, config);
    if (!run.ok()) return run.error();
    ModelReport r;
    r.model = model;
    r.signals = group.size();
    double confidence = 0.0;
    for (const Signal& s : group) confidence += s.confidence;
    r.mean_confidence = group.empty() ? 0.0 : confidence / static_cast<double>(group.size());
    r.trades = trade_stats(run->round_trips);
    r.performance = measured(run->nav, performance, benchmark, panel);
    r.sectors = by_sector(panel, run->round_trips);
    reports.push_back(std::move(r));
  }
  return reports;
}

Result<std::vector<FeeScenario>> compare_fees(const PricePanel& panel, std::span<const Fill> trades,
                                              double initial_cash, std::span<const FeeSchedule> schedules,
                                              const PortfolioRules& rules, std::size_t start_bar,
                                              std::size_t end_bar, const PerformanceOptions& performance,
                                              std::span<const LedgerEntry> ledger) {
  if (schedules.empty()) return make_error("bad_config", "name at least one fee schedule");
  for (const FeeSchedule& s : schedules)
    if (Status v = validate_fee_schedule(s); !v.ok()) return v.error();
  if (!(std::isfinite(initial_cash) && initial_cash >= 0.0)) return make_error("bad_config", "initial cash must be >= 0");
  if (panel.bar_count() == 0 || start_bar >= panel.bar_count()) return make_error("bad_config", "the period holds no bar");
  const std::size_t end = std::min(end_bar, panel.bar_count() - 1);
  std::vector<std::vector<const Fill*>> per_bar(end + 1);
  for (const Fill& f : trades)
    if (f.bar >= start_bar && f.bar <= end && f.asset < panel.asset_count()) per_bar[f.bar].push_back(&f);
  std::vector<double> borrowed(end + 1, 0.0);  // the borrow fees charged at each bar
  for (const LedgerEntry& e : ledger)
    if (e.kind == LedgerKind::borrow_fee && e.bar >= start_bar && e.bar <= end) borrowed[e.bar] += e.amount;

  std::vector<FeeScenario> out;
  for (const FeeSchedule& schedule : schedules) {
    FeeScenario sc;
    sc.schedule = schedule.name;
    PortfolioState state = open_portfolio(panel, initial_cash);
    std::vector<double> last = start_bar > 0 ? last_prices(panel, start_bar - 1)
                                             : std::vector<double>(panel.asset_count(), std::nan(""));
    for (std::size_t t = start_bar; t <= end; ++t) {
      const auto closes = panel.bar_closes(t);
      for (std::size_t a = 0; a < closes.size(); ++a)
        if (!std::isnan(closes[a])) last[a] = closes[a];
      if (borrowed[t] > 0.0) apply_entry(state, LedgerEntry{LedgerKind::borrow_fee, t, panel.date(t), "", round_to_cents(borrowed[t])});
      for (const Fill* f : per_bar[t]) {
        // A forced cover was booked whatever the cash (margin.hpp): replayed the same way.
        auto fill = f->model == kLiquidationModel
                        ? price_forced_cover(state, f->asset, f->quantity, t, f->price, f->reference_price, f->date,
                                             schedule, rules)
                        : price_fill(state, f->asset, f->side, SizeKind::quantity, f->quantity, t, f->price, f->date,
                                     schedule, rules, FillOrigin{f->order_date, f->model, f->signal_id, f->confidence},
                                     {}, f->reference_price);
        if (!fill.ok()) {
          ++sc.rejected;
          continue;
        }
        apply_fill(state, *fill);
        ++sc.fills;
      }
      sc.nav.push_back(take_snapshot(state, last, panel.date(t), t));
    }
    sc.total_fees = state.fees_paid;
    sc.final_nav = sc.nav.back().nav;
    sc.total_return = initial_cash > 0.0 ? sc.final_nav / initial_cash - 1.0 : 0.0;
    const PerformanceSummary p = summarize_nav(sc.nav, on_bars_of(performance, panel));
    sc.annual_return = p.annual_return;
    sc.sharpe = p.sharpe;
    if (!out.empty()) {
      sc.nav_difference = sc.final_nav - out.front().final_nav;
      sc.return_difference = sc.total_return - out.front().total_return;
    }
    out.push_back(std::move(sc));
  }
  return out;
}

}  // namespace finsim::portfolio
