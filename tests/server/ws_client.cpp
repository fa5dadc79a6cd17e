#include "ws_client.hpp"

#include <algorithm>

#include <stdexcept>
#include <string_view>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace finsim::test {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

// Both read the engine's fixed layout ({"type":"…", payload first fields) instead of parsing
// megabytes of JSON per message.
std::string WsRead::type() const {
  constexpr std::string_view kPrefix = "{\"type\":\"";
  if (kind != Kind::message || text.rfind(kPrefix, 0) != 0) return "";
  const auto end = text.find('"', kPrefix.size());
  return end == std::string::npos ? "" : text.substr(kPrefix.size(), end - kPrefix.size());
}

int WsRead::timestep() const {
  if (kind != Kind::message) return -1;
  const auto at = text.substr(0, 1000).find("\"timestep\":");
  if (at == std::string::npos) return -1;
  return std::stoi(text.substr(at + 11, 12));
}

struct WsViewer::Impl {
  net::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
  websocket::response_type response;  ///< the handshake's answer
  bool broken = false;

  /// Runs the io_context until `done` or the timeout; on timeout cancels and marks the viewer broken.
  bool run(const bool& done, std::chrono::milliseconds timeout) {
    io.restart();
    io.run_for(timeout);
    if (done) return true;
    broken = true;
    beast::get_lowest_layer(ws).cancel();
    io.restart();
    io.run();
    return false;
  }
};

WsViewer::WsViewer(int port, const std::string& target, bool deflate) : impl_(std::make_unique<Impl>()) {
  auto& ws = impl_->ws;
  if (deflate) {
    websocket::permessage_deflate pmd;
    pmd.client_enable = true;
    ws.set_option(pmd);
  }
  bool done = false;
  beast::error_code ec;
  const net::ip::tcp::endpoint ep(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
  beast::get_lowest_layer(ws).async_connect(ep, [&](beast::error_code e) {
    if (e) {
      ec = e;
      done = true;
      return;
    }
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws.read_message_max(256u << 20);
    ws.async_handshake(impl_->response, "127.0.0.1", target, [&](beast::error_code e2) {
      ec = e2;
      done = true;
    });
  });
  if (!impl_->run(done, std::chrono::milliseconds(5000))) throw std::runtime_error("websocket connect timed out");
  if (ec)
    throw std::runtime_error("websocket handshake failed: " + ec.message() + " (HTTP " +
                             std::to_string(impl_->response.result_int()) + ")");
}

WsViewer::~WsViewer() {
  beast::error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
}

WsRead WsViewer::read(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    WsRead r = read_any(std::chrono::duration_cast<std::chrono::milliseconds>(
        std::max(deadline - std::chrono::steady_clock::now(), std::chrono::steady_clock::duration::zero())));
    if (!r.is_message() || r.text.rfind(R"({"type":"STATUS")", 0) != 0) return r;
  }
}

WsRead WsViewer::read_any(std::chrono::milliseconds timeout) {
  WsRead r;
  if (impl_->broken) {
    r.error = "viewer unusable after an earlier timeout or error";
    return r;
  }
  bool done = false;
  beast::error_code ec;
  impl_->buffer.clear();
  impl_->ws.async_read(impl_->buffer, [&](beast::error_code e, std::size_t) {
    ec = e;
    done = true;
  });
  if (!impl_->run(done, timeout)) {
    r.kind = WsRead::Kind::timeout;
    return r;
  }
  if (ec == websocket::error::closed) {
    r.kind = WsRead::Kind::closed;
    r.close_code = impl_->ws.reason().code;
    impl_->broken = true;
    return r;
  }
  if (ec) {
    r.error = ec.message();
    impl_->broken = true;
    return r;
  }
  r.kind = WsRead::Kind::message;
  r.text = beast::buffers_to_string(impl_->buffer.data());
  return r;
}

bool WsViewer::read_until_state(int timestep, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    const WsRead r = read(left);
    if (!r.is_message()) return false;
    if (r.type() == "STATE_UPDATE" && r.timestep() >= timestep) return true;
  }
}

std::string WsViewer::extensions() const {
  return std::string(impl_->response[beast::http::field::sec_websocket_extensions]);
}

bool WsViewer::ping(const std::string& payload, std::chrono::milliseconds timeout) {
  if (impl_->broken) return false;
  bool ponged = false;
  impl_->ws.control_callback([&](websocket::frame_type kind, beast::string_view body) {
    if (kind == websocket::frame_type::pong && body == payload) ponged = true;
  });
  bool sent = false;
  impl_->ws.async_ping(websocket::ping_data(payload.c_str()), [&](beast::error_code) { sent = true; });
  const bool ok = impl_->run(sent, timeout);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ok && !ponged && std::chrono::steady_clock::now() < deadline) {
    const WsRead r = read_any(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
    if (r.kind != WsRead::Kind::message) break;
  }
  impl_->ws.control_callback();
  return ponged;
}

void WsViewer::send_text(const std::string& text) {
  bool done = false;
  impl_->ws.async_write(net::buffer(text), [&](beast::error_code, std::size_t) { done = true; });
  impl_->run(done, std::chrono::milliseconds(3000));
}

}  // namespace finsim::test
