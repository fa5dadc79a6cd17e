// One viewer: a server-to-client WebSocket fed by a Channel (a LiveSession on /ws/simulation, the
// portfolio feed on /ws/portfolios).
//
// Frames wait in a bounded ViewerQueue (coalescing states, dropping old events) and are written one
// at a time on the connection's strand, corked (TCP_CORK) while more are queued so that a step's
// small frames share packets; offering never waits for the socket. A viewer whose write
// has not completed within limits.viewer_stall is disconnected (its TCP connection is closed: a
// close frame could not get through). Any data message from the client closes the socket with 1008
// (policy violation). Timeouts and pings are Beast's suggested server settings.
#pragma once

#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "connection_tracker.hpp"
#include "channel.hpp"
#include "server_context.hpp"

namespace finsim::server {

/// Completes the WebSocket handshake for `request` on `socket` and joins `channel` as a viewer.
/// Callable from any thread; the viewer's offer() and close() are thread-safe, its I/O runs on the
/// socket's strand.
void start_websocket_session(boost::asio::ip::tcp::socket socket,
                             boost::beast::http::request<boost::beast::http::string_body> request,
                             std::shared_ptr<Channel> channel, std::shared_ptr<const ServerContext> context,
                             ConnectionTracker::Ticket ticket);

}  // namespace finsim::server
