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
    auto it = tracker_->open_.find(id_);
    if (it != tracker_->open_.end()) {
      auto client = tracker_->per_client_.find(it->second.client);
      if (client != tracker_->per_client_.end() && --client->second == 0) tracker_->per_client_.erase(client);
      tracker_->open_.erase(it);
    }
  }
  tracker_.reset();
}

void ConnectionTracker::Ticket::bind(std::weak_ptr<Connection> owner) {
  if (!tracker_) return;
  std::lock_guard lock(tracker_->mutex_);
  auto it = tracker_->open_.find(id_);
  if (it != tracker_->open_.end()) it->second.owner = std::move(owner);
}

std::optional<ConnectionTracker::Ticket> ConnectionTracker::admit(const std::string& client) {
  std::lock_guard lock(mutex_);
  if (stopping_ || open_.size() >= max_) return std::nullopt;
  auto [from_client, fresh] = per_client_.try_emplace(client, 0);
  if (from_client->second >= max_per_client_) {
    if (fresh) per_client_.erase(from_client);
    return std::nullopt;
  }
  ++from_client->second;
  const std::uint64_t id = next_id_++;
  open_.emplace(id, Open{{}, client});
  return Ticket(shared_from_this(), id);
}

void ConnectionTracker::shutdown_all() {
  std::vector<std::shared_ptr<Connection>> targets;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, open] : open_)
      if (auto c = open.owner.lock()) targets.push_back(std::move(c));
  }
  for (auto& c : targets) c->shutdown();
}

std::size_t ConnectionTracker::count() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

std::size_t ConnectionTracker::count(const std::string& client) const {
  std::lock_guard lock(mutex_);
  auto it = per_client_.find(client);
  return it == per_client_.end() ? 0 : it->second;
}

}  // namespace finsim::server
