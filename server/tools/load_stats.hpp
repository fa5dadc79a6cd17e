// What finsim-load measures, per worker thread, and how the figures are summarized. Not
// thread-safe: each worker owns one LoadStats; merge() after the workers have stopped.
#pragma once

#include <cstdint>
#include <vector>

namespace finsim::tools {

struct LoadStats {
  std::uint64_t messages = 0;         ///< all messages received in the measuring window
  std::uint64_t states = 0;           ///< of which STATE_UPDATE
  std::uint64_t metrics = 0;          ///< of which METRICS_UPDATE
  std::uint64_t events = 0;           ///< of which EVENT
  std::uint64_t bytes = 0;            ///< payload bytes in the window
  std::uint64_t dropped_states = 0;   ///< timesteps skipped between consecutive STATE_UPDATEs of a viewer
  std::uint64_t disconnected = 0;     ///< viewers closed or failed after connecting
  std::vector<float> state_delays_ms;    ///< publication to arrival, STATE_UPDATE
  std::vector<float> metrics_delays_ms;  ///< publication to arrival, METRICS_UPDATE

  void merge(const LoadStats& other);
};

/// The q-quantile (0..1) by nearest rank; 0 for an empty sample. Reorders `values`.
double quantile(std::vector<float>& values, double q);

}  // namespace finsim::tools
