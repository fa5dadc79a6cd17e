// Spearman's rank correlation (ties get their mean rank), for `finsim lessons`.
#pragma once

#include <vector>

namespace finsim::cli {

/// Average ranks (1-based) of `values`; tied values share the mean of their ranks.
std::vector<double> average_ranks(const std::vector<double>& values);

/// Pearson correlation of the average ranks of a and b (same size ≥ 2); 0 when either is constant.
double spearman(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace finsim::cli
