// A WebSocket client on a plain socket, for tests that need the bytes themselves: what the server
// writes on the wire (compressed or not), and its answers to frames a library would never send
// (unmasked, malformed). Blocking, with timeouts; one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace finsim::test {

class RawWsClient {
 public:
  /// Connects and sends the upgrade request, with `extensions` as Sec-WebSocket-Extensions when
  /// not empty; REQUIREs a 101 answer, which handshake() returns. `receive_buffer` > 0 fixes SO_RCVBUF.
  explicit RawWsClient(int port, const std::string& extensions = "", const std::string& target = "/ws/simulation",
                       int receive_buffer = 0);
  ~RawWsClient();
  RawWsClient(const RawWsClient&) = delete;
  RawWsClient& operator=(const RawWsClient&) = delete;

  [[nodiscard]] const std::string& handshake() const { return handshake_; }
  void send_bytes(const std::string& bytes);
  /// Half-closes: sends FIN (the client's end is done); reading stays possible.
  void shutdown_write();
  /// Everything that arrives until `quiet` passes without a byte, the server closes the
  /// connection, or `limit` passes.
  std::string read_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds limit = std::chrono::seconds(10));
  /// Whether the server has closed the connection (read_until_quiet saw the end).
  [[nodiscard]] bool closed_by_server() const { return eof_; }

  /// A client frame: `first_byte` (FIN, RSV bits, opcode) and the payload, masked unless `masked` is false.
  static std::string frame(std::uint8_t first_byte, const std::string& payload, bool masked = true);

 private:
  int fd_ = -1;
  std::string handshake_;
  bool eof_ = false;
};

}  // namespace finsim::test
