#include "viewer_queue.hpp"

#include <algorithm>
#include <utility>

namespace finsim::server {

template <class Pred>
void ViewerQueue::drop_events(Pred stale) {
  const auto before = frames_.size();
  frames_.erase(std::remove_if(frames_.begin(), frames_.end(),
                               [&](const Frame& f) { return f.kind == FrameKind::event && stale(f); }),
                frames_.end());
  const std::size_t dropped = before - frames_.size();
  events_ -= dropped;
  dropped_events_ += dropped;
}

void ViewerQueue::push_event(const Frame& frame) {
  if (max_events_ == 0) {
    ++dropped_events_;
    return;
  }
  if (events_ >= max_events_) {
    bool first = true;  // only the oldest one
    drop_events([&first](const Frame&) { return std::exchange(first, false); });
  }
  ++events_;
  frames_.push_back(frame);
}

void ViewerQueue::push_state(const Frame& frame) {
  drop_events([&frame](const Frame& e) { return e.publication < frame.publication; });
  const auto old = std::find_if(frames_.begin(), frames_.end(), [](const Frame& f) { return f.kind == FrameKind::state; });
  if (old == frames_.end()) {
    frames_.push_back(frame);
    return;
  }
  // The viewer is behind: the newest state goes where the unsent one was, and that state's
  // metrics go with it (the metrics of a state already sent stay: they complete what is shown).
  const std::uint64_t skipped = old->publication;
  *old = frame;
  ++replaced_states_;
  frames_.erase(std::remove_if(frames_.begin(), frames_.end(),
                               [skipped](const Frame& f) { return f.kind == FrameKind::metrics && f.publication == skipped; }),
                frames_.end());
}

void ViewerQueue::push_metrics(const Frame& frame) {
  const auto state = std::find_if(frames_.begin(), frames_.end(), [&frame](const Frame& f) {
    return f.kind == FrameKind::state && f.publication == frame.publication;
  });
  frames_.insert(state == frames_.end() ? frames_.end() : state + 1, frame);
}

void ViewerQueue::push(const Frame& frame) {
  switch (frame.kind) {
    case FrameKind::event: return push_event(frame);
    case FrameKind::state: return push_state(frame);
    case FrameKind::metrics: return push_metrics(frame);
  }
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
