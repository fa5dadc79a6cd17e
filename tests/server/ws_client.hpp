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
  /// std::runtime_error when it fails (the message includes the HTTP status). With `deflate` it
  /// offers permessage-deflate as browsers do, and Beast inflates what arrives compressed.
  explicit WsViewer(int port, const std::string& target = "/ws/simulation", bool deflate = false);
  ~WsViewer();
  WsViewer(const WsViewer&) = delete;
  WsViewer& operator=(const WsViewer&) = delete;

  /// The next contract message (STATE_UPDATE, EVENT, METRICS_UPDATE), a close, an error, or a
  /// timeout; the server's STATUS messages are skipped.
  WsRead read(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  /// The next message of any type, STATUS included.
  WsRead read_any(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  /// Reads until a STATE_UPDATE with timestep >= `timestep` arrives; false on timeout/close.
  bool read_until_state(int timestep, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  /// The handshake answer's Sec-WebSocket-Extensions ("" when none was agreed).
  [[nodiscard]] std::string extensions() const;
  /// Sends a ping and reads on until its pong arrives (messages read meanwhile are lost), within
  /// `timeout`. Beast reports pongs only during a read: call it while the session plays.
  bool ping(const std::string& payload, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  /// Sends a text message (the server should close the socket for it).
  void send_text(const std::string& text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finsim::test
