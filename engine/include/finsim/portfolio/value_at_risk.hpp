// Value at risk and conditional value at risk of a returns series, historical and Gaussian.
//
// Values are returns (not losses): a 5 % VaR of −0.03 means one period in twenty is expected to lose 3 %
// or more. Missing periods (NaN) are dropped first — where empyrical would return NaN. Pure functions;
// thread-safe.
#pragma once

#include <span>

namespace finsim::portfolio {

/// The `cutoff` quantile of the returns with linear interpolation between order statistics
/// (empyrical value_at_risk = numpy.percentile(r, 100 × cutoff)). cutoff in [0, 1]; NaN when empty.
double value_at_risk(std::span<const double> returns, double cutoff = 0.05);

/// The mean of the k + 1 smallest returns, k = ⌊(n − 1) × cutoff⌋ (empyrical
/// conditional_value_at_risk, also called expected shortfall). NaN when empty.
double conditional_value_at_risk(std::span<const double> returns, double cutoff = 0.05);

/// μ + σ Φ⁻¹(cutoff) with the sample mean and standard deviation (ddof = 1): the VaR of a normal
/// distribution fitted to the returns (Jorion, "Value at Risk", 3rd ed., 2007, §5.2). NaN for fewer
/// than two periods.
double gaussian_value_at_risk(std::span<const double> returns, double cutoff = 0.05);

/// μ − σ φ(Φ⁻¹(cutoff)) / cutoff: the expected return below the Gaussian VaR (McNeil, Frey & Embrechts,
/// "Quantitative Risk Management", 2005, example 2.18). NaN for fewer than two periods.
double gaussian_conditional_value_at_risk(std::span<const double> returns, double cutoff = 0.05);

}  // namespace finsim::portfolio
