// Accepts TCP connections and starts an HTTP session for each, on its own strand, while the
// connection limits allow: all connections, and one client's (client_address.hpp). A connection
// beyond either is closed at once, without an answer.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "finsim/result.hpp"
#include "server_context.hpp"

namespace finsim::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& io, std::shared_ptr<const ServerContext> context);

  /// Opens, binds and listens. Error bind_failed with the system's reason. Not thread-safe; call
  /// before run().
  Status open(const boost::asio::ip::tcp::endpoint& endpoint);
  /// The bound endpoint (the real port when 0 was asked).
  [[nodiscard]] boost::asio::ip::tcp::endpoint local_endpoint() const;
  /// Starts accepting.
  void run();
  /// Stops accepting (closes the listening socket). Thread-safe.
  void stop();

 private:
  void do_accept();
  void on_accept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  std::shared_ptr<const ServerContext> context_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_;
};

}  // namespace finsim::server
