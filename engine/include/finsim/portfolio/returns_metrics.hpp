// Returns: simple, cumulative, annualised, aggregated by calendar period.
//
// Conventions follow empyrical 0.5.5 (Quantopian, empyrical/stats.py) formula by formula, and its
// published test values pass to 1e-9 (tests/portfolio/empyrical_test.cpp). Inputs are simple
// (non-compounded) returns per period, 0.01 = 1 %; NaN marks a missing period and is treated as a
// return of 0 when compounding. Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "finsim/portfolio/date.hpp"
#include "finsim/portfolio/periods.hpp"

namespace finsim::portfolio {

/// r_t = p_t / p_{t−1} − 1 for t ≥ 1 (empyrical simple_returns); NaN where either price is missing.
/// One value fewer than `prices` (empty for fewer than two prices).
std::vector<double> simple_returns(std::span<const double> prices);

/// Cumulative returns: c_t = Π_{s≤t} (1 + r_s) − 1, or × starting_value when it is not 0
/// (empyrical cum_returns). NaN returns count as 0.
std::vector<double> cum_returns(std::span<const double> returns, double starting_value = 0.0);

/// The last cumulative return: Π (1 + r) − 1 (or × starting_value); NaN for an empty series.
double cum_returns_final(std::span<const double> returns, double starting_value = 0.0);

/// Compound annual growth rate: (Π (1 + r))^(1 / years) − 1 with years = n / periods-per-year, where n
/// counts every period including missing ones (empyrical annual_return). NaN for an empty series.
double annual_return(std::span<const double> returns, Period period = Period::daily);

/// Alias of annual_return (empyrical cagr).
double cagr(std::span<const double> returns, Period period = Period::daily);

/// Sample standard deviation (ddof = 1, NaN ignored) × √(periods per year) (empyrical
/// annual_volatility). NaN for fewer than two periods.
double annual_volatility(std::span<const double> returns, Period period = Period::daily);

/// One compounded return per calendar group.
struct GroupReturn {
  int year = 0;
  int group = 0;  ///< ISO week (1..53), month (1..12), quarter (1..4), or 0 for yearly
  double value = 0.0;
};

/// Compounds daily (or finer) returns into weeks, months, quarters or years (empyrical
/// aggregate_returns). Groups are keyed by (calendar year, ISO week | month | quarter) and listed in key
/// order, as pandas' groupby does — note that days of ISO week 52/53 falling in January join their
/// calendar year. `dates` must have one date per return. `convert_to` daily returns the input as is.
std::vector<GroupReturn> aggregate_returns(std::span<const double> returns, std::span<const Date> dates,
                                           Period convert_to);

/// The compounded return of the periods dated in [from, to] (both inclusive); 0 when none.
double period_return(std::span<const double> returns, std::span<const Date> dates, Date from, Date to);

/// The compounded return of the periods in the calendar year of the last date (year to date); NaN when
/// the series is empty.
double year_to_date_return(std::span<const double> returns, std::span<const Date> dates);

}  // namespace finsim::portfolio
