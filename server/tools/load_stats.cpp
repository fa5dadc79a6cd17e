#include "load_stats.hpp"

#include <algorithm>
#include <cmath>

namespace finsim::tools {

void LoadStats::merge(const LoadStats& other) {
  messages += other.messages;
  states += other.states;
  metrics += other.metrics;
  events += other.events;
  bytes += other.bytes;
  dropped_states += other.dropped_states;
  disconnected += other.disconnected;
  state_delays_ms.insert(state_delays_ms.end(), other.state_delays_ms.begin(), other.state_delays_ms.end());
  metrics_delays_ms.insert(metrics_delays_ms.end(), other.metrics_delays_ms.begin(), other.metrics_delays_ms.end());
}

double quantile(std::vector<float>& values, double q) {
  if (values.empty()) return 0.0;
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  const std::size_t k = std::min(values.size() - 1, rank == 0 ? 0 : rank - 1);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace finsim::tools
