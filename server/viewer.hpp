// What the simulation sees of a WebSocket viewer: somewhere to offer frames, and something to close.
// Implemented by websocket_session.cpp; the simulation side (live_session) never sees Beast.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "frame.hpp"

namespace finsim::server {

/// A WebSocket close code (RFC 6455 section 7.4.1) and a short reason (at most 123 bytes).
struct CloseReason {
  std::uint16_t code = 1000;
  std::string reason;
};

inline constexpr std::uint16_t kCloseNormal = 1000;        ///< the session was closed
inline constexpr std::uint16_t kCloseGoingAway = 1001;     ///< the server is shutting down
inline constexpr std::uint16_t kClosePolicyViolation = 1008;  ///< the client sent data

class Viewer {
 public:
  virtual ~Viewer() = default;

  /// Queues frames (one publication, in order) for sending, coalescing as ViewerQueue does. Never
  /// blocks on the socket, so a slow viewer cannot slow the caller. Thread-safe.
  virtual void offer(std::span<const Frame> frames) = 0;

  /// Drops what is queued and sends a close frame once the frame being written (if any) is done.
  /// Thread-safe and idempotent (the first reason wins).
  virtual void close(const CloseReason& reason) = 0;
};

}  // namespace finsim::server
