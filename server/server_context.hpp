// What every connection needs from the server: the router, the connection tracker and the limits.
// Shared (shared_ptr) by all connections, immutable after start, so thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>

#include "connection_tracker.hpp"
#include "router.hpp"

namespace finsim::server {

/// Limits and timeouts of connections (docs/server.md, "Limits and timeouts").
struct ConnectionLimits {
  std::size_t header_limit = 8 * 1024;           ///< request line and headers, bytes (431 beyond)
  std::size_t body_limit = 64 * 1024;            ///< request body, bytes (413 beyond)
  std::size_t import_body_limit = 32 * 1024 * 1024;  ///< body of a market import (a CSV upload)
  std::chrono::seconds http_timeout{30};         ///< to read one request, and idle keep-alive
  std::size_t viewer_event_queue = 256;          ///< EVENTs a viewer's queue holds before dropping the oldest
  std::chrono::milliseconds viewer_stall{10000}; ///< a viewer whose socket has not taken a frame for this
                                                 ///< long is disconnected
};

struct ServerContext {
  std::shared_ptr<const Router> router;
  std::shared_ptr<ConnectionTracker> connections;
  ConnectionLimits limits;
};

}  // namespace finsim::server
