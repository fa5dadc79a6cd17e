// The performance and risk report of a return series or of a portfolio's NAV history: every metric of
// the analytics headers in one place, for the server's performance and risk-analytics endpoints and
// for `finsim metrics`.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/drawdown.hpp"
#include "finsim/portfolio/nav.hpp"
#include "finsim/portfolio/periods.hpp"

namespace finsim::portfolio {

struct PerformanceOptions {
  Period period = Period::daily;
  double risk_free = 0.0;        ///< per period (Sharpe, alpha)
  double required_return = 0.0;  ///< per period (Sortino, downside risk)
  double omega_required = 0.0;   ///< annual (Omega, empyrical's convention)
  double var_cutoff = 0.05;      ///< tail probability of VaR and CVaR
  std::size_t worst_drawdowns = 5;
};

struct BenchmarkSummary {
  std::string name;                     ///< what the benchmark is (set by the caller: buy_and_hold.hpp)
  double alpha = 0.0;
  double beta = 0.0;
  double correlation = 0.0;
  double excess_sharpe = 0.0;
  double up_capture = 0.0;
  double down_capture = 0.0;
  double benchmark_total_return = 0.0;
  double benchmark_annual_return = 0.0;
  double excess_return = 0.0;           ///< total_return − benchmark_total_return: what ranks models
};

/// All metrics of a series; NaN where undefined (too few periods, zero denominators as documented).
struct PerformanceSummary {
  std::size_t periods = 0;
  Period period;  ///< what annualised it: the options' period, or intraday (period_of) for timed dates
  std::optional<Date> start, end;
  double total_return = 0.0;
  double ytd_return = 0.0;
  double annual_return = 0.0;
  double annual_volatility = 0.0;
  double sharpe = 0.0;
  double sortino = 0.0;
  double downside_risk = 0.0;
  double max_drawdown = 0.0;
  double calmar = 0.0;
  double omega = 0.0;
  double stability = 0.0;
  double tail_ratio = 0.0;
  double var_historical = 0.0;
  double cvar_historical = 0.0;
  double var_gaussian = 0.0;
  double cvar_gaussian = 0.0;
  double best_period = 0.0;
  double worst_period = 0.0;
  double positive_periods = 0.0;  ///< share of non-missing periods with a return > 0
  std::vector<DrawdownEpisode> worst_drawdowns;
  std::optional<BenchmarkSummary> benchmark;
};

/// The report of `returns` (dated by `dates`, same length, or empty dates: no YTD, no dates). Annualised
/// by period_of(dates, options.period): intraday bars by their bars per year; on intraday bars the
/// up and down captures are taken on the days' compounded returns (a capture's A / n exponent would
/// make per-bar ones explode).
/// `benchmark`, when not empty, is aligned with `returns`.
PerformanceSummary summarize_returns(std::span<const double> returns, std::span<const Date> dates,
                                     const PerformanceOptions& options, std::span<const double> benchmark = {});

/// The report of a NAV history (returns_from_nav; the first snapshot is the base). Dates are those of
/// the returns, i.e. of snapshots 1..n−1; intraday bars per day are counted on all n.
PerformanceSummary summarize_nav(std::span<const NavSnapshot> snapshots, const PerformanceOptions& options,
                                 std::span<const double> benchmark = {});

/// Sample volatility (ddof = 1) of each trailing window of `window` periods, annualised; NaN for the
/// first window − 1 periods (a volatility trend for charts).
std::vector<double> rolling_volatility(std::span<const double> returns, std::size_t window,
                                       Period period = Period::daily);

}  // namespace finsim::portfolio
