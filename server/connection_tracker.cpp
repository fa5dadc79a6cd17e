#include "connection_tracker.hpp"

#include <vector>

namespace finsim::server {

ConnectionTracker::Ticket::Ticket(Ticket&& other) noexcept
    : tracker_(std::move(other.tracker_)), id_(other.id_) {
  other.id_ = 0;
}

ConnectionTracker::Ticket& ConnectionTracker::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    release();
    tracker_ = std::move(other.tracker_);
    id_ = other.id_;
    other.id_ = 0;
  }
  return *this;
}

ConnectionTracker::Ticket::~Ticket() { release(); }

void ConnectionTracker::Ticket::release() {
  if (!tracker_) return;
  {
    std::lock_guard lock(tracker_->mutex_);
    tracker_->open_.erase(id_);
  }
  tracker_.reset();
}

void ConnectionTracker::Ticket::bind(std::weak_ptr<Connection> owner) {
  if (!tracker_) return;
  std::lock_guard lock(tracker_->mutex_);
  auto it = tracker_->open_.find(id_);
  if (it != tracker_->open_.end()) it->second = std::move(owner);
}

std::optional<ConnectionTracker::Ticket> ConnectionTracker::admit() {
  std::lock_guard lock(mutex_);
  if (stopping_ || open_.size() >= max_) return std::nullopt;
  const std::uint64_t id = next_id_++;
  open_.emplace(id, std::weak_ptr<Connection>{});
  return Ticket(shared_from_this(), id);
}

void ConnectionTracker::shutdown_all() {
  std::vector<std::shared_ptr<Connection>> targets;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, weak] : open_)
      if (auto c = weak.lock()) targets.push_back(std::move(c));
  }
  for (auto& c : targets) c->shutdown();
}

std::size_t ConnectionTracker::count() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

}  // namespace finsim::server
