#include "viewer_queue.hpp"

#include <algorithm>

namespace finsim::server {

void ViewerQueue::erase_first(FrameKind kind) {
  const auto it = std::find_if(frames_.begin(), frames_.end(), [kind](const Frame& f) { return f.kind == kind; });
  if (it == frames_.end()) return;
  frames_.erase(it);
  if (kind == FrameKind::state) ++replaced_states_;
  if (kind == FrameKind::event) {
    --events_;
    ++dropped_events_;
  }
}

void ViewerQueue::push(const Frame& frame) {
  if (frame.kind == FrameKind::event) {
    if (max_events_ == 0) {
      ++dropped_events_;
      return;
    }
    if (events_ >= max_events_) erase_first(FrameKind::event);
    ++events_;
  } else {
    erase_first(frame.kind);
  }
  frames_.push_back(frame);
}

std::optional<Frame> ViewerQueue::pop() {
  if (frames_.empty()) return std::nullopt;
  Frame f = std::move(frames_.front());
  frames_.pop_front();
  if (f.kind == FrameKind::event) --events_;
  return f;
}

void ViewerQueue::clear() {
  frames_.clear();
  events_ = 0;
}

}  // namespace finsim::server
