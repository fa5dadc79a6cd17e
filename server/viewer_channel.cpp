#include "viewer_channel.hpp"

#include <array>

namespace finsim::server {

ViewerChannel::ViewerChannel(boost::asio::any_io_executor executor, std::string id)
    : id_(std::move(id)), status_timer_(std::move(executor)) {}

Result<std::uint64_t> ViewerChannel::join(const std::shared_ptr<Viewer>& viewer) {
  std::lock_guard lock(mutex_);
  if (closed_) return make_error("unknown_session", "session '" + id_ + "' was closed");
  const std::uint64_t viewer_id = viewers_.add(viewer);
  std::vector<Frame> snapshot;
  if (last_state_.text) snapshot.push_back(last_state_);
  if (last_metrics_.text) snapshot.push_back(last_metrics_);
  if (!snapshot.empty()) viewer->offer(snapshot);
  schedule_status_locked();
  return viewer_id;
}

void ViewerChannel::leave(std::uint64_t viewer_id) {
  std::lock_guard lock(mutex_);
  if (viewers_.remove(viewer_id) && !closed_) schedule_status_locked();
}

std::size_t ViewerChannel::viewers() const {
  std::lock_guard lock(mutex_);
  return viewers_.size();
}

void ViewerChannel::offer_locked(std::span<const Frame> frames) {
  for (const Frame& f : frames) {
    if (f.kind == FrameKind::state) last_state_ = f;
    if (f.kind == FrameKind::metrics) last_metrics_ = f;
  }
  viewers_.offer(frames);
}

void ViewerChannel::schedule_status_locked() {
  if (status_scheduled_) return;
  status_scheduled_ = true;
  status_timer_.expires_after(kViewerCountDelay);
  status_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) {
      std::lock_guard lock(self->mutex_);
      self->status_scheduled_ = false;
      if (!self->closed_) self->publish_status_locked();
    }
  });
}

void ViewerChannel::publish_status_locked() {
  viewers_.prune();  // count only viewers still connected
  const std::array<Frame, 1> frames{status_frame(status_locked())};
  viewers_.offer(frames);
}

std::vector<std::shared_ptr<Viewer>> ViewerChannel::close_locked() {
  if (closed_) return {};
  closed_ = true;
  status_timer_.cancel();
  return viewers_.take_all();
}

}  // namespace finsim::server
