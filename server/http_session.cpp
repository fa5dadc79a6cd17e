#include "http_session.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "api_responses.hpp"
#include "fail.hpp"
#include "plain_request.hpp"
#include "websocket_session.hpp"

namespace finsim::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

class HttpSession : public std::enable_shared_from_this<HttpSession>, public Connection {
 public:
  HttpSession(net::ip::tcp::socket&& socket, std::shared_ptr<const ServerContext> context,
              ConnectionTracker::Ticket ticket)
      : stream_(std::move(socket)),
        buffer_(context->limits.header_limit),  // (before context_ takes `context`: declared first)
        context_(std::move(context)),
        ticket_(std::move(ticket)) {}

  void run() {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) client_ = peer.address().to_string();
    ticket_.bind(weak_from_this());
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

  void shutdown() override {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (!self->writing_) self->stream_.cancel();  // an idle keep-alive read ends now
    });
  }

 private:
  void do_read() {
    if (stopping_) return do_close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(context_->limits.header_limit));
    // The larger limit until the target is known (on_header sets the request's own).
    body_limit_ = std::max(context_->limits.body_limit, context_->limits.import_body_limit);
    parser_->body_limit(body_limit_);
    stream_.expires_after(context_->limits.http_timeout);
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_header(ec);
    });
  }

  /// A client that sent "Expect: 100-continue" (curl does for larger bodies) waits for a 100 before
  /// sending the body; a body over the limit has already failed here with 413.
  void on_header(beast::error_code ec) {
    if (ec) return on_read(ec);
    const auto target = parser_->get().target();
    body_limit_ = context_->router->takes_large_body(std::string_view(target.data(), target.size()))
                      ? context_->limits.import_body_limit
                      : context_->limits.body_limit;
    if (parser_->content_length() && *parser_->content_length() > body_limit_) return on_read(http::error::body_limit);
    parser_->body_limit(body_limit_);  // what a chunked body may still bring
    auto read_body = [self = shared_from_this()] {
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       [self](beast::error_code e, std::size_t) { self->on_read(e); });
    };
    if (!parser_->is_done() && beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue), [read_body](beast::error_code e, std::size_t) {
        if (!e) read_body();
      });
      return;
    }
    read_body();
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return do_close();
    if (ec == http::error::body_limit)
      return send_error("payload_too_large", "the body exceeds " + std::to_string(body_limit_) + " bytes");
    if (ec == http::error::header_limit)
      return send_error("header_too_large",
                        "the headers exceed " + std::to_string(context_->limits.header_limit) + " bytes");
    // Only the unparsed input waits in buffer_: the header, then a chunk-size line or the trailer.
    if (ec == http::error::buffer_overflow)
      return send_error("header_too_large", "a chunk-size line or the trailer exceeds " +
                                                std::to_string(context_->limits.header_limit) + " bytes");
    if (ec == beast::error::timeout || ec == net::error::operation_aborted) return do_close();
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
      return send_error("bad_request", "malformed HTTP request: " + ec.message());
    if (ec) {
      fail(ec, "http read");
      return do_close();
    }
    auto& req = parser_->get();
    const bool keep_alive = req.keep_alive();
    const bool head = req.method() == http::verb::head;
    if (beast::websocket::is_upgrade(req)) {
      // RFC 6455 §4.2.1: the key is the base64 of 16 bytes, 24 characters. Beast answers 101 to an empty one.
      if (req[http::field::sec_websocket_key].size() != 24)
        return send_error("bad_request", "a WebSocket handshake needs a 24-character Sec-WebSocket-Key");
      return upgrade();
    }
    HttpRequest plain = to_plain(req, client_);
    // The answer may come from another thread (the portfolio service, once its change is durable):
    // it is sent from this connection's strand. Nothing thrown while serving one request may end the
    // server: it becomes this request's 500.
    try {
      context_->router->handle(std::move(plain), [self = shared_from_this(), head, keep_alive](HttpResponse r) {
        net::post(self->stream_.get_executor(), [self, r = std::move(r), head, keep_alive]() mutable {
          self->send(std::move(r), head, keep_alive);
        });
      });
    } catch (const std::exception& e) {
      fail_thrown("request", e.what());
      send_error("internal_error", "the server could not answer this request");
    }
  }

  /// What to watch may be known only after the portfolio service has looked a portfolio up: the
  /// handshake is answered from this connection's strand once the router has answered.
  void upgrade() {
    auto req = std::make_shared<http::request<http::string_body>>(parser_->release());
    const HttpRequest plain = to_plain(*req, client_);
    auto open = [self = shared_from_this(), req](Result<std::shared_ptr<Channel>> live) {
      net::post(self->stream_.get_executor(), [self, req, live = std::move(live)]() mutable {
        self->open_websocket(std::move(*req), std::move(live));
      });
    };
    try {
      context_->router->viewer_channel(plain, open);
    } catch (const std::exception& e) {
      fail_thrown("WebSocket upgrade", e.what());
      open(make_error("internal_error", "the server could not open this WebSocket"));
    }
  }

  void open_websocket(http::request<http::string_body> req, Result<std::shared_ptr<Channel>> live) {
    if (stopping_) return do_close();
    if (!live.ok()) {
      HttpResponse r = error_response(live.error());
      r.close = true;
      return send(std::move(r), false, false);
    }
    stream_.expires_never();
    start_websocket_session(stream_.release_socket(), std::move(req), std::move(live).value(), context_,
                            std::move(ticket_));
  }

  void send_error(const std::string& code, const std::string& message) {
    HttpResponse r = error_response(make_error(code, message));
    r.close = true;
    drain_after_write_ = true;
    send(std::move(r), false, false);
  }

  void send(HttpResponse r, bool head, bool keep_alive) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), 11);
    res->set(http::field::server, "finsim-server");
    res->set("X-FinSim-Server", FINSIM_VERSION);  // how the web app recognizes its server
    res->set("X-Content-Type-Options", "nosniff");  // every answer: a browser never guesses a type
    for (auto& [name, value] : r.headers) res->insert(name, value);
    const bool close = r.close || !keep_alive || stopping_;
    res->keep_alive(!close);
    const bool bodiless = r.status / 100 == 1 || r.status == 204 || r.status == 304;
    if (!bodiless) res->content_length(r.body.size());
    if (!head && !bodiless) res->body() = std::move(r.body);
    writing_ = true;
    stream_.expires_after(context_->limits.http_timeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res, close](beast::error_code ec, std::size_t) {
      self->on_write(ec, close);
    });
  }

  void on_write(beast::error_code ec, bool close) {
    writing_ = false;
    if (ec) {
      fail(ec, "http write");
      return do_close();
    }
    if (close && drain_after_write_) return drain();
    if (close) return do_close();
    do_read();
  }

  /// After refusing a request whose body is still arriving: stop sending, read and discard what the
  /// client still sends (up to 1 MiB or 2 s) so that closing does not reset the connection before
  /// the client has read the answer.
  void drain() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    drain_step();
  }

  void drain_step() {
    if (drained_ > (1u << 20)) return do_close();
    stream_.expires_after(std::chrono::seconds(2));
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec) return self->do_close();
      self->drain_step();
    });
  }

  void do_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  /// What was read and not yet parsed, at most the header limit: bodies pass through into the parser's
  /// string, so this bounds the header, each chunk-size line and a chunked request's trailer (Beast
  /// counts only the header against its header limit) — a 300 MB trailer once took 961 MB.
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<const ServerContext> context_;
  ConnectionTracker::Ticket ticket_;
  bool stopping_ = false;  // the members below are touched on the strand only
  bool writing_ = false;
  bool drain_after_write_ = false;
  std::size_t drained_ = 0;
  std::size_t body_limit_ = 0;  ///< of the request being read
  std::string client_;          ///< the peer's address, for every request of this connection
  std::array<char, 16384> drain_buffer_{};
};

}  // namespace

void start_http_session(net::ip::tcp::socket socket, std::shared_ptr<const ServerContext> context,
                        ConnectionTracker::Ticket ticket) {
  std::make_shared<HttpSession>(std::move(socket), std::move(context), std::move(ticket))->run();
}

}  // namespace finsim::server
