// One finsim-load thread: its share of the viewers on one epoll loop, and their measurements.
// The main thread steers it through LoadControl (atomics) and reads its progress counters;
// stats() may be read only after run() has returned.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "load_options.hpp"
#include "load_stats.hpp"
#include "raw_viewer.hpp"

namespace finsim::tools {

/// Shared by the main thread (writer) and the workers (readers).
struct LoadControl {
  enum Phase : int { connecting, measuring, settling, stopping };
  std::atomic<int> phase{connecting};
  std::atomic<std::int64_t> play_wall_us{0};  ///< when play was sent (system clock, microseconds)
  std::atomic<int> final_timestep{-1};        ///< set after pausing
};

class LoadWorker : public MessageSink {
 public:
  /// Will open `count` viewers on `target` (numbered from `first`).
  LoadWorker(const LoadOptions& options, std::string target, std::size_t first, std::size_t count,
             const LoadControl& control);

  /// The event loop; returns once the phase is `stopping`.
  void run();

  /// Viewers that have received their first STATE_UPDATE, or failed to. Thread-safe.
  [[nodiscard]] int settled_connects() const { return settled_connects_.load(); }
  /// Viewers whose connection failed before their first STATE_UPDATE. Thread-safe.
  [[nodiscard]] int failed_connects() const { return failed_connects_.load(); }
  /// Open viewers whose latest STATE_UPDATE has the final timestep. Thread-safe.
  [[nodiscard]] int holding_final() const { return holding_final_.load(); }
  /// Open viewers. Thread-safe.
  [[nodiscard]] int open_viewers() const { return open_viewers_.load(); }
  /// Viewers whose first state arrived over a compressed connection (permessage-deflate agreed).
  [[nodiscard]] int compressed_viewers() const { return compressed_viewers_.load(); }
  /// Whether any message carried "published_at_ms" (the server runs with --stamp). Thread-safe.
  [[nodiscard]] bool stamped() const { return stamped_.load(); }
  [[nodiscard]] const LoadStats& stats() const { return stats_; }

  void on_message(std::size_t viewer, std::string_view prefix, std::size_t size) override;

 private:
  void start_connects(int epoll_fd);
  void handle(int epoll_fd, std::size_t local, std::uint32_t events);
  void viewer_lost(std::size_t local);
  void update_progress();

  const LoadOptions& options_;
  const std::string target_;
  const std::size_t first_;
  const LoadControl& control_;
  std::vector<std::unique_ptr<RawViewer>> viewers_;
  std::vector<int> last_state_;       ///< latest STATE_UPDATE timestep per viewer (-1: none yet)
  std::vector<bool> lost_;
  std::size_t next_connect_ = 0;
  int connecting_ = 0;
  std::vector<std::uint8_t> buffer_;
  LoadStats stats_;
  std::atomic<int> settled_connects_{0};
  std::atomic<int> failed_connects_{0};
  std::atomic<int> holding_final_{0};
  std::atomic<int> compressed_viewers_{0};
  std::atomic<int> open_viewers_{0};
  std::atomic<bool> stamped_{false};
};

}  // namespace finsim::tools
