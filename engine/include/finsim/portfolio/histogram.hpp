// The distribution of a series as equal-width bins: the "return distribution" chart, computed here so
// that a client only draws it.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace finsim::portfolio {

struct Histogram {
  std::vector<double> edges;        ///< bins + 1 increasing edges (empty when no value is finite)
  std::vector<std::size_t> counts;  ///< values per bin; bin i is [edges[i], edges[i+1]), the last closed
  std::size_t ignored = 0;          ///< NaN and infinite values, left out
};

/// numpy.histogram(values, bins) over the finite values: `bins` (≥ 1) equal-width bins spanning their
/// minimum to maximum (min − 0.5 to max + 0.5 when all are equal, as numpy does); the last bin includes
/// its right edge. No finite value: empty edges and counts. Pure; thread-safe.
Histogram histogram(std::span<const double> values, std::size_t bins);

}  // namespace finsim::portfolio
