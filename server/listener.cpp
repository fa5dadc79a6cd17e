#include "listener.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "client_address.hpp"
#include "fail.hpp"
#include "http_session.hpp"

namespace finsim::server {

namespace net = boost::asio;
using net::ip::tcp;

Listener::Listener(net::io_context& io, std::shared_ptr<const ServerContext> context)
    : io_(io), context_(std::move(context)), strand_(net::make_strand(io)), acceptor_(strand_), retry_(strand_) {}

Status Listener::open(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return make_error("bind_failed", "cannot listen on " + endpoint.address().to_string() + " port " +
                                         std::to_string(endpoint.port()) + ": " + ec.message());
  return {};
}

tcp::endpoint Listener::local_endpoint() const {
  boost::system::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::run() {
  net::post(strand_, [self = shared_from_this()] { self->do_accept(); });
}

void Listener::stop() {
  net::post(strand_, [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->retry_.cancel();
    self->acceptor_.close(ignored);
  });
}

void Listener::do_accept() {
  if (!acceptor_.is_open()) return;
  // Each connection gets its own strand: its handlers never run concurrently.
  acceptor_.async_accept(net::make_strand(io_), [self = shared_from_this()](const boost::system::error_code& ec,
                                                                            tcp::socket socket) {
    self->on_accept(ec, std::move(socket));
  });
}

void Listener::on_accept(const boost::system::error_code& ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // Out of file descriptors or a similar transient failure: wait a little instead of spinning.
    fail(ec, "accept");
    retry_.expires_after(std::chrono::milliseconds(100));
    retry_.async_wait([self = shared_from_this()](const boost::system::error_code& wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  boost::system::error_code peer_ec;
  const tcp::endpoint peer = socket.remote_endpoint(peer_ec);  // fails when the peer has already gone
  auto ticket = peer_ec ? std::nullopt : context_->connections->admit(client_address(peer.address()));
  if (!ticket) {
    boost::system::error_code ignored;
    socket.close(ignored);  // over a connection limit (all, or this client's), or shutting down
  } else {
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    start_http_session(std::move(socket), context_, std::move(*ticket));
  }
  do_accept();
}

}  // namespace finsim::server
