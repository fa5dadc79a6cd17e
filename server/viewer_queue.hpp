// The bounded queue between the simulation and one viewer's socket.
//
// State over animation (architecture.md): a newer STATE_UPDATE replaces an unsent older one, and
// likewise METRICS_UPDATE; the replacement moves to the back so the order within a step (events,
// state, metrics) is kept. At most `max_events` EVENTs wait; when full the oldest EVENT is dropped.
// So the queue never holds more than max_events + 2 frames, whatever the viewer's speed.
// Not thread-safe: the owner (a viewer session) guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "frame.hpp"

namespace finsim::server {

class ViewerQueue {
 public:
  explicit ViewerQueue(std::size_t max_events) : max_events_(max_events) {}

  /// Adds a frame, coalescing or dropping as described above.
  void push(const Frame& frame);
  /// Takes the oldest frame, or nullopt when empty.
  std::optional<Frame> pop();
  void clear();

  [[nodiscard]] bool empty() const { return frames_.empty(); }
  [[nodiscard]] std::size_t size() const { return frames_.size(); }
  /// STATE_UPDATEs replaced before they were sent, over the queue's life.
  [[nodiscard]] std::uint64_t replaced_states() const { return replaced_states_; }
  /// EVENTs dropped because the queue was full, over the queue's life.
  [[nodiscard]] std::uint64_t dropped_events() const { return dropped_events_; }

 private:
  void erase_first(FrameKind kind);

  std::deque<Frame> frames_;
  std::size_t max_events_;
  std::size_t events_ = 0;
  std::uint64_t replaced_states_ = 0;
  std::uint64_t dropped_events_ = 0;
};

}  // namespace finsim::server
