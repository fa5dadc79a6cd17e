// Measures against a benchmark: beta, alpha, capture ratios; and the correlation matrix of a set of
// return series.
//
// Conventions follow empyrical 0.5.5 (empyrical/stats.py). `returns` and `factor_returns` are aligned
// period by period (same length; NaN where missing). Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "finsim/portfolio/periods.hpp"

namespace finsim::portfolio {

/// Cov(r, b) / Var(b) over the periods where both are present, population moments (empyrical
/// beta_aligned; a constant risk-free rate cancels out). NaN for fewer than two periods or when
/// Var(b) < 1e−30.
double beta(std::span<const double> returns, std::span<const double> factor_returns);

/// Annualised Jensen's alpha: (1 + mean((r − rf) − β (b − rf)))^(periods per year) − 1 (Jensen 1968;
/// empyrical 0.5.5 alpha_aligned, compounded). NaN for fewer than two periods.
double alpha(std::span<const double> returns, std::span<const double> factor_returns, double risk_free = 0.0,
             Period period = Period::daily);

struct AlphaBeta {
  double alpha = 0.0;
  double beta = 0.0;
};
AlphaBeta alpha_beta(std::span<const double> returns, std::span<const double> factor_returns,
                     double risk_free = 0.0, Period period = Period::daily);

/// annual_return(r) / annual_return(b) (empyrical capture).
double capture(std::span<const double> returns, std::span<const double> factor_returns, Period period = Period::daily);
/// capture over the periods where b > 0 (empyrical up_capture).
double up_capture(std::span<const double> returns, std::span<const double> factor_returns, Period period = Period::daily);
/// capture over the periods where b < 0 (empyrical down_capture).
double down_capture(std::span<const double> returns, std::span<const double> factor_returns,
                    Period period = Period::daily);
/// up_capture / down_capture (empyrical up_down_capture).
double up_down_capture(std::span<const double> returns, std::span<const double> factor_returns,
                       Period period = Period::daily);

/// Pearson correlation over the periods where both series are present (pandas DataFrame.corr's
/// pairwise-complete rule); NaN with fewer than two such periods or a zero variance.
double correlation(std::span<const double> x, std::span<const double> y);

/// The symmetric matrix of pairwise correlations of equally long series (diagonal 1 where defined),
/// row-major n × n.
std::vector<double> correlation_matrix(std::span<const std::vector<double>> series);

}  // namespace finsim::portfolio
