// The benchmarks' order statistic: the value at share q of the sorted samples (nearest rank), as the
// native `finsim bench` reports medians and p90s.
#pragma once

#include <algorithm>
#include <vector>

namespace finsim::wasm {

/// q in [0, 1]; `samples` must not be empty.
inline double quantile(std::vector<double> samples, double q) {
  std::sort(samples.begin(), samples.end());
  return samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5)];
}

}  // namespace finsim::wasm
