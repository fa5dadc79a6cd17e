// Risk-adjusted ratios: Sharpe, Sortino (with downside risk), Calmar, Omega, excess Sharpe, stability
// and tail ratio.
//
// Conventions follow empyrical 0.5.5 (empyrical/stats.py) formula by formula: per-period risk-free rate
// or required return, 252 periods a year for daily data, sample standard deviation (ddof = 1), NaN
// ignored. A ratio with a zero denominator follows IEEE division (±inf, or NaN for 0/0), as numpy does.
// Pure functions; thread-safe.
#pragma once

#include <span>

#include "finsim/portfolio/periods.hpp"

namespace finsim::portfolio {

/// mean(r − rf) / std(r − rf, ddof=1) × √(periods per year) (Sharpe 1966; empyrical sharpe_ratio).
/// NaN for fewer than two periods.
double sharpe_ratio(std::span<const double> returns, PerPeriodRate risk_free = 0.0, Period period = Period::daily);

/// √(mean(min(r − required, 0)²)) × √(periods per year), the mean over non-missing periods (Sortino &
/// Price 1994; empyrical downside_risk). NaN for an empty series.
double downside_risk(std::span<const double> returns, PerPeriodRate required_return = 0.0,
                     Period period = Period::daily);

/// mean(r − required) × periods per year / downside_risk (Sortino & Price 1994; empyrical
/// sortino_ratio). NaN for fewer than two periods; +inf when nothing falls below the required return.
double sortino_ratio(std::span<const double> returns, PerPeriodRate required_return = 0.0,
                     Period period = Period::daily);

/// annual_return / |max_drawdown| (Young 1991; empyrical calmar_ratio). NaN when there is no drawdown
/// or the result is infinite.
double calmar_ratio(std::span<const double> returns, Period period = Period::daily);

/// Σ max(d, 0) / −Σ min(d, 0) with d = r − rf − τ and τ = (1 + required_return)^(1/annualization) − 1,
/// the per-period equivalent of an annual required return (Keating & Shadwick 2002; empyrical
/// omega_ratio). With annualization = 1, τ = required_return. NaN for fewer than two periods, for
/// required_return ≤ −1, or when nothing falls below the threshold.
double omega_ratio(std::span<const double> returns, PerPeriodRate risk_free = 0.0, double required_return = 0.0,
                   double annualization = 252.0);

/// mean(r − b) / std(r − b, ddof=1), not annualised (empyrical excess_sharpe, a simplified information
/// ratio). NaN for fewer than two periods.
double excess_sharpe(std::span<const double> returns, PerPeriodRate factor_returns);

/// R² of an ordinary least-squares line through the cumulative log returns Σ log(1 + r) (missing
/// periods dropped) (empyrical stability_of_timeseries). NaN for fewer than two periods.
double stability_of_timeseries(std::span<const double> returns);

/// |95th percentile| / |5th percentile| of the returns, missing dropped (empyrical tail_ratio).
double tail_ratio(std::span<const double> returns);

}  // namespace finsim::portfolio
