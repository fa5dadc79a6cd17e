#include "websocket_session.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <mutex>
#include <optional>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "fail.hpp"
#include "viewer_queue.hpp"

namespace finsim::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession>, public Viewer, public Connection {
 public:
  WebSocketSession(net::ip::tcp::socket&& socket, http::request<http::string_body> request,
                   std::shared_ptr<Channel> live, std::shared_ptr<const ServerContext> context,
                   ConnectionTracker::Ticket ticket)
      : ws_(std::move(socket)),
        request_(std::move(request)),
        live_(std::move(live)),
        context_(std::move(context)),
        ticket_(std::move(ticket)),
        queue_(context_->limits.viewer_event_queue) {}

  void run() {
    ticket_.bind(weak_from_this());
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "finsim-server"); }));
    ws_.read_message_max(context_->limits.websocket_message_max);
    ws_.auto_fragment(false);  // one frame per message: fewer writes
    ws_.text(true);
    net::dispatch(ws_.get_executor(), [self = shared_from_this()] {
      self->ws_.async_accept(self->request_, [self](beast::error_code ec) { self->on_accept(ec); });
    });
  }

  void offer(std::span<const Frame> frames) override {
    std::lock_guard lock(mutex_);
    if (closing_ || dead_) return;
    if (writing_ && write_started_ && Clock::now() - *write_started_ > context_->limits.viewer_stall) {
      dead_ = true;  // too far behind: drop it without waiting for the socket
      queue_.clear();
      net::post(ws_.get_executor(), [self = shared_from_this()] { self->abort(); });
      return;
    }
    for (const Frame& f : frames) queue_.push(f);
    start_writing_locked();
  }

  void close(const CloseReason& reason) override {
    std::lock_guard lock(mutex_);
    if (closing_ || dead_) return;
    closing_ = reason;
    queue_.clear();
    start_writing_locked();
  }

  void shutdown() override { close(CloseReason{kCloseGoingAway, "server shutting down"}); }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return;  // a malformed handshake: Beast has answered it with a 400 already
    bool closing = false;
    {
      std::lock_guard lock(mutex_);
      open_ = true;
      closing = closing_.has_value();
      if (closing) start_writing_locked();  // a shutdown came during the handshake: just close
    }
    if (!closing) {
      auto id = live_->join(shared_from_this());
      if (id.ok()) viewer_id_ = *id;
      else close(CloseReason{kCloseNormal, "session closed"});
    }
    do_read();
  }

  /// A read is always pending: it answers pings and close frames, and notices data from the client.
  void do_read() {
    ws_.async_read(read_buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    if (ec) {
      if (ec != websocket::error::closed) fail(ec, "websocket read");
      return finish();
    }
    read_buffer_.consume(read_buffer_.size());
    close(CloseReason{kClosePolicyViolation, "this WebSocket is server to client only"});
    do_read();  // completes once the close handshake is done
  }

  void start_writing_locked() {
    if (writing_ || !open_) return;  // nothing is written before the handshake is complete
    writing_ = true;
    net::post(ws_.get_executor(), [self = shared_from_this()] { self->write_next(); });
  }

  void write_next() {
    std::unique_lock lock(mutex_);
    if (dead_) {
      writing_ = false;
      return;
    }
    if (closing_) {
      set_cork(false);
      const websocket::close_reason reason(static_cast<websocket::close_code>(closing_->code), closing_->reason);
      write_started_ = Clock::now();
      lock.unlock();
      ws_.async_close(reason, [self = shared_from_this()](beast::error_code ec) {
        if (ec) fail(ec, "websocket close");
        self->finish();
      });
      return;
    }
    auto frame = queue_.pop();
    if (!frame) {
      writing_ = false;
      write_started_.reset();
      lock.unlock();
      set_cork(false);  // the burst is written: send what the kernel holds back
      return;
    }
    if (!queue_.empty()) set_cork(true);
    in_flight_ = std::move(*frame);
    write_started_ = Clock::now();
    lock.unlock();
    ws_.async_write(net::buffer(*in_flight_.text), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        fail(ec, "websocket write");
        return self->finish();
      }
      self->write_next();
    });
  }

  /// While a burst of frames (a step's events, state, metrics) is being written, TCP_CORK lets the
  /// kernel pack them into full segments instead of one packet per small frame; uncorking after the
  /// last one sends the rest at once. Strand only.
  void set_cork(bool on) {
    if (corked_ == on) return;
    corked_ = on;
    const int value = on ? 1 : 0;
    ::setsockopt(beast::get_lowest_layer(ws_).socket().native_handle(), IPPROTO_TCP, TCP_CORK, &value, sizeof value);
  }

  /// Drops a viewer that stopped draining: closing the socket ends the pending write and read.
  void abort() {
    beast::get_lowest_layer(ws_).close();
    finish();
  }

  /// The viewer is gone (closed, failed or dropped): stop counting it. Strand only; idempotent.
  void finish() {
    {
      std::lock_guard lock(mutex_);
      dead_ = true;
      queue_.clear();
    }
    if (viewer_id_ != 0) {
      live_->leave(viewer_id_);
      viewer_id_ = 0;
    }
  }

  websocket::stream<beast::tcp_stream> ws_;
  http::request<http::string_body> request_;
  std::shared_ptr<Channel> live_;
  std::shared_ptr<const ServerContext> context_;
  ConnectionTracker::Ticket ticket_;
  beast::flat_buffer read_buffer_;
  std::uint64_t viewer_id_ = 0;  // strand only
  Frame in_flight_;              // strand only: keeps the text alive while it is written
  bool corked_ = false;          // strand only

  std::mutex mutex_;  // guards the members below (offer and close come from other threads)
  ViewerQueue queue_;
  bool open_ = false;     ///< the handshake is complete
  bool writing_ = false;  ///< a write_next is scheduled or a write/close is in flight
  bool dead_ = false;
  std::optional<CloseReason> closing_;
  std::optional<Clock::time_point> write_started_;
};

}  // namespace

void start_websocket_session(net::ip::tcp::socket socket, http::request<http::string_body> request,
                             std::shared_ptr<Channel> session, std::shared_ptr<const ServerContext> context,
                             ConnectionTracker::Ticket ticket) {
  std::make_shared<WebSocketSession>(std::move(socket), std::move(request), std::move(session), std::move(context),
                                     std::move(ticket))
      ->run();
}

}  // namespace finsim::server
