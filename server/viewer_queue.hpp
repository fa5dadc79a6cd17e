// The bounded queue between the simulation and one viewer's socket.
//
// State over animation (architecture.md). A viewer that keeps up gets every frame in the engine's
// order: a step's events, its state, its metrics. A viewer that falls behind (its previous
// STATE_UPDATE is still unsent when the next one is published):
//  - the new STATE_UPDATE takes the unsent one's place in the queue, and every EVENT of earlier
//    publications is dropped (they explain steps the viewer skips);
//  - a METRICS_UPDATE follows its own state, and is dropped with it when that state is skipped;
//  - at most `max_events` EVENTs wait; when full, the oldest is dropped.
// So the queue holds at most one state, two metrics (the newest, and the one of a state being
// written) and `max_events` events, and the newest state is never behind more than its own step's
// events: no volume of events can starve a slow viewer of states. Not thread-safe: the owner (a
// viewer session) guards it.
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
  void push_event(const Frame& frame);
  void push_state(const Frame& frame);
  void push_metrics(const Frame& frame);
  /// Drops the EVENTs that match `stale`, counting them.
  template <class Pred>
  void drop_events(Pred stale);

  std::deque<Frame> frames_;
  std::size_t max_events_;
  std::size_t events_ = 0;
  std::uint64_t replaced_states_ = 0;
  std::uint64_t dropped_events_ = 0;
};

}  // namespace finsim::server
