// One viewer: a server-to-client WebSocket fed by a Channel (a LiveSession on /ws/simulation, the
// portfolio feed on /ws/portfolios).
//
// Beast checks and answers the upgrade; the frames after it are the server's own
// (websocket_frames.hpp), so that each message's bytes — plain, or compressed once with
// permessage-deflate when the client offered it (permessage_deflate.hpp) — are shared by every
// viewer (frame_wire.hpp). Frames wait in a bounded ViewerQueue (coalescing states, dropping old
// events) and go out in one gathered write per burst on the connection's strand; offering never
// waits for the socket. A viewer whose write has not completed within limits.viewer_stall is
// disconnected (its TCP connection is closed: a close frame could not get through). Pings are
// answered; a client's close is echoed; a data message closes the socket with 1008 (policy
// violation), a frame breaking RFC 6455 with 1002. A close is bounded by 5 s; a connection silent
// for 300 s is dropped after a ping at 150 s (Beast's suggested server timeouts).
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
