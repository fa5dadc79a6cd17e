// The viewers a channel offers frames to, held weakly (a WebSocket that went away is forgotten at the
// next offer), in one place for every channel that fans frames out: a live session (live_session.hpp)
// and a relay of a session owned by another instance (fanout/relay_session.hpp). Not thread-safe: the
// channel's lock guards it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "frame.hpp"
#include "viewer.hpp"

namespace finsim::server {

class ViewerSet {
 public:
  /// Registers a viewer; returns the id to remove it with.
  std::uint64_t add(const std::shared_ptr<Viewer>& viewer) {
    const std::uint64_t id = next_id_++;
    viewers_.emplace(id, viewer);
    return id;
  }
  /// Whether `id` was registered (and is now forgotten).
  bool remove(std::uint64_t id) { return viewers_.erase(id) > 0; }

  /// Offers `frames` (one publication) to every viewer still connected, forgetting the others.
  void offer(std::span<const Frame> frames) {
    for (auto it = viewers_.begin(); it != viewers_.end();) {
      if (auto v = it->second.lock()) {
        v->offer(frames);
        ++it;
      } else {
        it = viewers_.erase(it);
      }
    }
  }

  /// Forgets the viewers that went away; how many are left.
  std::size_t prune() {
    for (auto it = viewers_.begin(); it != viewers_.end();) it = it->second.expired() ? viewers_.erase(it) : std::next(it);
    return viewers_.size();
  }

  /// Takes every viewer still connected out of the set (to be closed outside the channel's lock).
  std::vector<std::shared_ptr<Viewer>> take_all() {
    std::vector<std::shared_ptr<Viewer>> out;
    for (auto& [id, weak] : viewers_)
      if (auto v = weak.lock()) out.push_back(std::move(v));
    viewers_.clear();
    return out;
  }

  [[nodiscard]] std::size_t size() const { return viewers_.size(); }

 private:
  std::unordered_map<std::uint64_t, std::weak_ptr<Viewer>> viewers_;
  std::uint64_t next_id_ = 1;
};

}  // namespace finsim::server
