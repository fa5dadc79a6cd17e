// A WebSocket viewer for tests, built on Beast (the only test file that includes it: Beast takes
// seconds to compile). Every call has a timeout; after a timeout the viewer is unusable.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace finsim::test {

struct WsRead {
  enum class Kind { message, closed, timeout, error } kind = Kind::error;
  std::string text;      ///< the message (Kind::message)
  int close_code = 0;    ///< the server's close code (Kind::closed)
  std::string error;     ///< what failed (Kind::error)

  [[nodiscard]] bool is_message() const { return kind == Kind::message; }
  /// "STATE_UPDATE", "METRICS_UPDATE", "EVENT" (parses the text).
  [[nodiscard]] std::string type() const;
  /// payload.timestep of a STATE_UPDATE or METRICS_UPDATE (-1 otherwise).
  [[nodiscard]] int timestep() const;
};

class WsViewer {
 public:
  /// Connects to ws://127.0.0.1:port<target> and completes the handshake within 5 s; throws
  /// std::runtime_error when it fails (the message includes the HTTP status).
  explicit WsViewer(int port, const std::string& target = "/ws/simulation");
  ~WsViewer();
  WsViewer(const WsViewer&) = delete;
  WsViewer& operator=(const WsViewer&) = delete;

  /// The next message, a close, an error, or a timeout.
  WsRead read(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  /// Reads until a STATE_UPDATE with timestep >= `timestep` arrives; false on timeout/close.
  bool read_until_state(int timestep, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  /// Sends a text message (the server should close the socket for it).
  void send_text(const std::string& text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finsim::test
