// One HTTP connection: reads requests within the header and body limits and the read timeout,
// answers them through the Router, keeps the connection alive when asked, and hands a WebSocket
// upgrade of /ws/simulation to a websocket session. Each connection runs on its own strand.
#pragma once

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "connection_tracker.hpp"
#include "server_context.hpp"

namespace finsim::server {

/// Serves HTTP on an accepted socket (whose executor is a strand) until the connection closes or
/// is upgraded. `ticket` is the connection's admission; it moves to the WebSocket on upgrade.
/// Callable from any thread: the session's work runs on the socket's strand.
void start_http_session(boost::asio::ip::tcp::socket socket, std::shared_ptr<const ServerContext> context,
                        ConnectionTracker::Ticket ticket);

}  // namespace finsim::server
