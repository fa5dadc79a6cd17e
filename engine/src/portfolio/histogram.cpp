#include "finsim/portfolio/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace finsim::portfolio {

Histogram histogram(std::span<const double> values, std::size_t bins) {
  Histogram h;
  bins = std::max<std::size_t>(bins, 1);
  double lo = 0.0, hi = 0.0;
  bool any = false;
  for (double v : values) {
    if (!std::isfinite(v)) {
      ++h.ignored;
      continue;
    }
    lo = any ? std::min(lo, v) : v;
    hi = any ? std::max(hi, v) : v;
    any = true;
  }
  if (!any) return h;
  if (lo == hi) {  // numpy widens a degenerate range by half a unit each side
    lo -= 0.5;
    hi += 0.5;
  }
  const double width = hi - lo;
  const auto n = static_cast<double>(bins);
  const double step = width / n;  // numpy.linspace: edge i = i × step + lo, the last one exactly hi
  for (std::size_t i = 0; i <= bins; ++i) h.edges.push_back(static_cast<double>(i) * step + lo);
  h.edges.back() = hi;
  h.counts.assign(bins, 0);
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    auto i = static_cast<std::size_t>(std::floor((v - lo) / width * n));
    i = std::min(i, bins - 1);
    // Floating-point division can land one bin off near an edge: numpy corrects against the edges too.
    if (i > 0 && v < h.edges[i]) --i;
    else if (i + 1 < bins && v >= h.edges[i + 1]) ++i;
    ++h.counts[i];
  }
  return h;
}

}  // namespace finsim::portfolio
