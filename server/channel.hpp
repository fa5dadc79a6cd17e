// What a WebSocket viewer joins: a live banking session (/ws/simulation) or the portfolio feed
// (/ws/portfolios). The WebSocket side only joins and leaves; the channel offers it frames.
#pragma once

#include <cstdint>
#include <memory>

#include "finsim/result.hpp"
#include "viewer.hpp"

namespace finsim::server {

class Channel {
 public:
  virtual ~Channel() = default;
  /// Registers a viewer (it may be offered frames at once) and returns the id to leave with.
  /// Errors: the channel's (e.g. unknown_session once a session is closed). Thread-safe.
  virtual Result<std::uint64_t> join(const std::shared_ptr<Viewer>& viewer) = 0;
  /// Forgets a viewer; unknown ids are ignored. Thread-safe.
  virtual void leave(std::uint64_t viewer_id) = 0;
};

}  // namespace finsim::server
