#include "finsim/portfolio/performance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "finsim/portfolio/benchmark_metrics.hpp"
#include "finsim/portfolio/returns_metrics.hpp"
#include "finsim/portfolio/risk_ratios.hpp"
#include "finsim/portfolio/value_at_risk.hpp"
#include "portfolio/numeric.hpp"

namespace finsim::portfolio {
namespace {

std::vector<double> group_values(const std::vector<GroupReturn>& groups) {
  std::vector<double> out;
  out.reserve(groups.size());
  for (const GroupReturn& g : groups) out.push_back(g.value);
  return out;
}

}  // namespace

PerformanceSummary summarize_returns(std::span<const double> returns, std::span<const Date> dates,
                                     const PerformanceOptions& o, std::span<const double> benchmark) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  PerformanceSummary s;
  s.periods = returns.size();
  const bool dated = !dates.empty() && dates.size() == returns.size();
  const Period period = dated ? period_of(dates, o.period) : o.period;
  s.period = period;
  if (dated && !dates.empty()) {
    s.start = dates.front();
    s.end = dates.back();
  }
  s.total_return = cum_returns_final(returns);
  s.ytd_return = dated ? year_to_date_return(returns, dates) : kNaN;
  s.annual_return = annual_return(returns, period);
  s.annual_volatility = annual_volatility(returns, period);
  s.sharpe = sharpe_ratio(returns, o.risk_free, period);
  s.sortino = sortino_ratio(returns, o.required_return, period);
  s.downside_risk = downside_risk(returns, o.required_return, period);
  s.max_drawdown = max_drawdown(returns);
  s.calmar = calmar_ratio(returns, period);
  s.omega = omega_ratio(returns, o.risk_free, o.omega_required, annualization_factor(period));
  s.stability = stability_of_timeseries(returns);
  s.tail_ratio = tail_ratio(returns);
  s.var_historical = value_at_risk(returns, o.var_cutoff);
  s.cvar_historical = conditional_value_at_risk(returns, o.var_cutoff);
  s.var_gaussian = gaussian_value_at_risk(returns, o.var_cutoff);
  s.cvar_gaussian = gaussian_conditional_value_at_risk(returns, o.var_cutoff);
  const std::vector<double> present = numeric::without_nan(returns);
  s.best_period = present.empty() ? kNaN : *std::max_element(present.begin(), present.end());
  s.worst_period = present.empty() ? kNaN : *std::min_element(present.begin(), present.end());
  s.positive_periods = present.empty() ? kNaN
                                       : static_cast<double>(std::count_if(present.begin(), present.end(),
                                                                           [](double r) { return r > 0.0; })) /
                                             static_cast<double>(present.size());
  s.worst_drawdowns = worst_drawdowns(returns, o.worst_drawdowns);
  if (!benchmark.empty() && benchmark.size() == returns.size()) {
    BenchmarkSummary b;
    const AlphaBeta ab = alpha_beta(returns, benchmark, o.risk_free, period);
    b.alpha = ab.alpha;
    b.beta = ab.beta;
    b.correlation = correlation(returns, benchmark);
    b.excess_sharpe = excess_sharpe(returns, benchmark);
    if (period.kind == PeriodKind::intraday && dated) {
      // A capture annualises the compounded up (down) periods with the exponent A / n: on intraday bars
      // that is tens and the ratio explodes. Taken on the days' returns instead, as capture ratios are
      // usually taken on a coarser period than the series' own (Morningstar: months).
      const std::vector<double> days = group_values(aggregate_returns(returns, dates, period));
      const std::vector<double> benchmark_days = group_values(aggregate_returns(benchmark, dates, period));
      b.up_capture = up_capture(days, benchmark_days, Period::daily);
      b.down_capture = down_capture(days, benchmark_days, Period::daily);
    } else {
      b.up_capture = up_capture(returns, benchmark, period);
      b.down_capture = down_capture(returns, benchmark, period);
    }
    b.benchmark_total_return = cum_returns_final(benchmark);
    b.benchmark_annual_return = annual_return(benchmark, period);
    b.excess_return = s.total_return - b.benchmark_total_return;
    s.benchmark = b;
  }
  return s;
}

PerformanceSummary summarize_nav(std::span<const NavSnapshot> snapshots, const PerformanceOptions& options,
                                 std::span<const double> benchmark) {
  const std::vector<double> returns = returns_from_nav(snapshots);
  std::vector<Date> all;
  for (const NavSnapshot& s : snapshots) all.push_back(s.date);
  // Bars per day counted on every snapshot, the base's day included (its returns start a bar later).
  PerformanceOptions o = options;
  o.period = period_of(all, options.period);
  return summarize_returns(returns, std::span<const Date>(all).subspan(all.empty() ? 0 : 1), o, benchmark);
}

std::vector<double> rolling_volatility(std::span<const double> returns, std::size_t window, Period period) {
  std::vector<double> out(returns.size(), std::numeric_limits<double>::quiet_NaN());
  if (window < 2) return out;
  for (std::size_t t = window - 1; t < returns.size(); ++t)
    out[t] = annual_volatility(returns.subspan(t + 1 - window, window), period);
  return out;
}

}  // namespace finsim::portfolio
