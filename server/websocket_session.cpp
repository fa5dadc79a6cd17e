#include "websocket_session.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "fail.hpp"
#include "permessage_deflate.hpp"
#include "viewer_queue.hpp"
#include "websocket_frames.hpp"

namespace finsim::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

// Beast's suggested server settings, which this session used before it wrote its own frames: a
// connection that sends nothing for half the idle time is pinged, and dropped when the other half
// passes in silence too.
constexpr auto kIdleTimeout = std::chrono::seconds(300);
// How long a close frame waits for the client's answer before the TCP connection is closed anyway.
constexpr auto kCloseTimeout = std::chrono::seconds(5);
// One write carries at most this many queued frames (a step's events, state and metrics).
constexpr std::size_t kFramesPerWrite = 64;

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession>, public Viewer, public Connection {
 public:
  WebSocketSession(net::ip::tcp::socket&& socket, http::request<http::string_body> request,
                   std::shared_ptr<Channel> live, std::shared_ptr<const ServerContext> context,
                   ConnectionTracker::Ticket ticket)
      : executor_(socket.get_executor()),
        socket_(executor_),
        handshake_(std::make_unique<websocket::stream<beast::tcp_stream>>(std::move(socket))),
        idle_timer_(executor_),
        close_timer_(executor_),
        request_(std::move(request)),
        live_(std::move(live)),
        context_(std::move(context)),
        ticket_(std::move(ticket)),
        queue_(context_->limits.viewer_event_queue) {}

  void run() {
    ticket_.bind(weak_from_this());
    std::string offers;  // every Sec-WebSocket-Extensions header, wherever it is among the others
    for (const auto& field : request_)
      if (field.name() == http::field::sec_websocket_extensions) {
        if (!offers.empty()) offers += ", ";
        offers += field.value();
      }
    const std::optional<std::string> deflate = accept_permessage_deflate(offers);
    compressed_ = deflate.has_value();
    reader_ = WsClientFrameReader(compressed_);  // RSV1 marks a compressed message only if negotiated
    // Beast checks the upgrade request (answering 400 to a malformed one) and writes the 101; the
    // frames after it are this session's own.
    handshake_->set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    handshake_->set_option(websocket::stream_base::decorator([deflate](websocket::response_type& res) {
      res.set(http::field::server, "finsim-server");
      if (deflate && res.result() == http::status::switching_protocols)
        res.set(http::field::sec_websocket_extensions, *deflate);
    }));
    net::dispatch(executor_, [self = shared_from_this()] {
      self->handshake_->async_accept(self->request_, [self](beast::error_code ec) { self->on_accept(ec); });
    });
  }

  void offer(std::span<const Frame> frames) override {
    std::lock_guard lock(mutex_);
    if (closing_ || dead_) return;
    if (writing_ && write_started_ && Clock::now() - *write_started_ > context_->limits.viewer_stall) {
      dead_ = true;  // too far behind: drop it without waiting for the socket
      queue_.clear();
      net::post(executor_, [self = shared_from_this()] { self->abort(); });
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
    // The close is bounded from now, not from its write: a write ahead of it may never finish.
    if (open_) net::post(executor_, [self = shared_from_this()] { self->arm_close_timer(); });
  }

  void shutdown() override { close(CloseReason{kCloseGoingAway, "server shutting down"}); }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return;  // a malformed handshake: Beast has answered it with a 400 already
    socket_ = handshake_->next_layer().release_socket();
    // Destroying the Beast stream inside its own completion handler is safe: its operations hold
    // only weak references to its state, and accept's keeps a strong one until this handler returns
    // (boost/beast/websocket/impl/accept.hpp); release_socket() has cancelled the stream's timer.
    handshake_.reset();
    bool closing = false;
    {
      std::lock_guard lock(mutex_);
      open_ = true;
      closing = closing_.has_value();
      if (closing) start_writing_locked();  // a shutdown came during the handshake: just close
    }
    if (closing) arm_close_timer();
    if (!closing) {
      auto id = live_->join(shared_from_this());
      if (id.ok()) viewer_id_ = *id;
      else close(CloseReason{kCloseNormal, "session closed"});
    }
    arm_idle_timer();
    do_read();
  }

  /// A read is always pending: it answers pings and close frames, and notices data from the client.
  void do_read() {
    socket_.async_read_some(net::buffer(read_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->on_read(ec, n);
    });
  }

  void on_read(beast::error_code ec, std::size_t n) {
    if (ec) {
      // The client is gone or its end is closed (EOF): close the socket too, which also ends a
      // write that would otherwise wait for a reader that no longer reads.
      fail(ec, "websocket read");
      return abort();
    }
    heard_ = true;
    // After data or a broken frame the rest of the stream cannot be read as frames (it may be the
    // payload of whatever length the client claimed): it is read and discarded until the client
    // closes the connection or the close times out, so that closing does not reset the connection
    // before the client has read the close frame.
    for (std::size_t at = 0; at < n && !unreadable_;) {
      std::size_t used = 0;
      const auto event = reader_.read(read_buffer_.data() + at, n - at, used);
      at += used;
      using Kind = WsClientFrameReader::Event::Kind;
      switch (event.kind) {
        case Kind::none:
        case Kind::pong: break;
        case Kind::data:
          unreadable_ = true;
          close(CloseReason{kClosePolicyViolation, "this WebSocket is server to client only"});
          break;
        case Kind::ping: answer_ping(event.payload); break;
        case Kind::close:
          if (close_sent_) return abort();  // the answer to ours: the handshake is done
          close_received_ = true;
          // A valid code is echoed; a close without one (1005) is answered 1000 (RFC 6455 section 7.4).
          close(CloseReason{WsClientFrameReader::sendable_close_code(event.close_code) ? event.close_code : kCloseNormal, ""});
          break;
        case Kind::protocol_error:
          unreadable_ = true;
          close(CloseReason{kCloseProtocolError, "protocol error"});
          break;
        case Kind::invalid_payload:
          unreadable_ = true;
          close(CloseReason{kCloseInvalidPayload, "a close reason that is not UTF-8"});
          break;
      }
    }
    do_read();
  }

  /// Only the latest ping is answered (RFC 6455 section 5.5.3 allows it), so a client that pings
  /// without reading cannot grow the queue.
  void answer_ping(std::string payload) {
    std::lock_guard lock(mutex_);
    if (closing_ || dead_) return;
    pending_pong_ = std::move(payload);
    start_writing_locked();
  }

  void arm_idle_timer() {
    idle_timer_.expires_after(kIdleTimeout / 2);
    idle_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      {
        // The wait may have completed just before finish() cancelled it.
        std::lock_guard lock(self->mutex_);
        if (self->dead_) return;
      }
      if (self->heard_) {
        self->heard_ = false;
        self->ping_unanswered_ = false;
      } else if (self->ping_unanswered_) {
        return self->abort();  // silent for the whole idle time: the client is gone
      } else {
        self->ping_unanswered_ = true;
        std::lock_guard lock(self->mutex_);
        self->pending_ping_ = true;
        self->start_writing_locked();
      }
      self->arm_idle_timer();
    });
  }

  void start_writing_locked() {
    if (writing_ || !open_) return;  // nothing is written before the handshake is complete
    writing_ = true;
    net::post(executor_, [self = shared_from_this()] { self->write_next(); });
  }

  /// Writes what is pending in one gathered write: an answer to a ping, then either the close
  /// frame or up to kFramesPerWrite queued frames, each as its shared header and payload.
  void write_next() {
    std::unique_lock lock(mutex_);
    controls_.clear();
    in_flight_.clear();
    if (dead_ || close_sent_) {
      writing_ = false;
      return;
    }
    if (pending_pong_) controls_.push_back(ws_control_frame(WsOpcode::pong, *pending_pong_));
    if (pending_ping_) controls_.push_back(ws_control_frame(WsOpcode::ping, ""));
    pending_pong_.reset();
    pending_ping_ = false;
    bool sends_close = false;
    if (closing_) {
      controls_.push_back(ws_close_frame(closing_->code, closing_->reason));
      sends_close = true;
    } else {
      while (in_flight_.size() < kFramesPerWrite) {
        auto frame = queue_.pop();
        if (!frame) break;
        in_flight_.push_back(std::move(*frame));
      }
    }
    if (controls_.empty() && in_flight_.empty()) {
      writing_ = false;
      write_started_.reset();
      lock.unlock();
      set_cork(false);  // the burst is written: send what the kernel holds back
      return;
    }
    const bool more = !queue_.empty();
    write_started_ = Clock::now();
    lock.unlock();
    set_cork(more && !sends_close);

    buffers_.clear();
    for (const std::string& c : controls_) buffers_.push_back(net::buffer(c));
    try {
      for (const Frame& f : in_flight_) {
        if (compressed_) {
          const FrameWire::Compressed& z = f.wire->compressed();  // may compress it, for everyone
          buffers_.push_back(net::buffer(z.header));
          buffers_.push_back(net::buffer(z.payload));
        } else {
          buffers_.push_back(net::buffer(f.wire->plain_header()));
          buffers_.push_back(net::buffer(f.wire->text()));
        }
      }
    } catch (const std::exception& e) {  // out of memory while compressing: this viewer goes
      fail_thrown("websocket write", e.what());
      return abort();
    }
    net::async_write(socket_, buffers_, [self = shared_from_this(), sends_close](beast::error_code ec, std::size_t) {
      if (ec) {
        fail(ec, "websocket write");
        return self->abort();
      }
      if (sends_close) return self->on_close_sent();
      self->write_next();
    });
  }

  /// The close frame is out: the connection ends when the client answers it (or has already sent
  /// its own), or when the close times out. A client whose stream is unreadable cannot answer: the
  /// server half-closes (FIN) and waits for the client to close its end.
  void on_close_sent() {
    {
      std::lock_guard lock(mutex_);
      close_sent_ = true;
      writing_ = false;
    }
    if (close_received_) return abort();
    if (unreadable_) {
      beast::error_code ignored;
      socket_.shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    }
  }

  /// A close waits at most kCloseTimeout from when it is decided — for the writes ahead of it, for
  /// the client to take it (its socket may be full) and to answer it. Strand only; arms once.
  void arm_close_timer() {
    if (close_timer_armed_) return;
    close_timer_armed_ = true;
    close_timer_.expires_after(kCloseTimeout);
    close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->abort();
    });
  }

  /// While a burst of frames (a step's events, state, metrics) is being written, TCP_CORK lets the
  /// kernel pack them into full segments instead of one packet per small frame; uncorking after the
  /// last one sends the rest at once. Strand only.
  void set_cork(bool on) {
    if (corked_ == on || !socket_.is_open()) return;
    corked_ = on;
    const int value = on ? 1 : 0;
    ::setsockopt(socket_.native_handle(), IPPROTO_TCP, TCP_CORK, &value, sizeof value);
  }

  /// Ends the connection at once (a dropped viewer, a finished close handshake): closing the socket
  /// ends the pending write and read. Strand only.
  void abort() {
    beast::error_code ignored;
    socket_.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    finish();
  }

  /// The viewer is gone (closed, failed or dropped): stop counting it. Strand only; idempotent.
  void finish() {
    {
      std::lock_guard lock(mutex_);
      dead_ = true;
      queue_.clear();
    }
    idle_timer_.cancel();
    close_timer_.cancel();
    if (viewer_id_ != 0) {
      live_->leave(viewer_id_);
      viewer_id_ = 0;
    }
  }

  static constexpr std::uint16_t kCloseProtocolError = 1002;
  static constexpr std::uint16_t kCloseInvalidPayload = 1007;

  net::any_io_executor executor_;  // the connection's strand
  net::ip::tcp::socket socket_;    // open once the handshake is done
  std::unique_ptr<websocket::stream<beast::tcp_stream>> handshake_;  // until the handshake is done
  net::steady_timer idle_timer_;
  net::steady_timer close_timer_;
  http::request<http::string_body> request_;
  std::shared_ptr<Channel> live_;
  std::shared_ptr<const ServerContext> context_;
  ConnectionTracker::Ticket ticket_;
  bool compressed_ = false;  ///< permessage-deflate was negotiated; set before the handshake

  // Strand only.
  std::array<std::uint8_t, 4096> read_buffer_{};
  WsClientFrameReader reader_;
  std::uint64_t viewer_id_ = 0;
  std::vector<Frame> in_flight_;         // keeps the frames alive while they are written
  std::vector<std::string> controls_;    // the control frames being written
  std::vector<net::const_buffer> buffers_;
  bool corked_ = false;
  bool heard_ = false;            ///< bytes arrived since the idle timer last fired
  bool ping_unanswered_ = false;  ///< the idle timer sent a ping and nothing has arrived since
  bool close_received_ = false;
  bool close_timer_armed_ = false;
  bool unreadable_ = false;  ///< the client sent data or broke the protocol: its bytes are discarded

  std::mutex mutex_;  // guards the members below (offer and close come from other threads)
  ViewerQueue queue_;
  std::optional<std::string> pending_pong_;
  bool pending_ping_ = false;
  bool open_ = false;        ///< the handshake is complete
  bool writing_ = false;     ///< a write_next is scheduled or a write is in flight
  bool close_sent_ = false;  ///< nothing may follow the close frame
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
