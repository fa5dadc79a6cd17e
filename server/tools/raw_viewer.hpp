// One load-test viewer: a non-blocking socket, a hand-written WebSocket client (RFC 6455, the
// subset a server-to-client stream needs) that keeps only the first bytes of each message, and
// answers pings. Hand-written rather than Beast so that thousands of viewers cost the load
// generator little more than the kernel's copies (no UTF-8 validation, no message buffers). With
// permessage-deflate it inflates only those first bytes of each compressed message.
// Not thread-safe: one worker thread owns each viewer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <zlib.h>

namespace finsim::tools {

/// Receives the complete messages of a viewer.
class MessageSink {
 public:
  virtual ~MessageSink() = default;
  /// `prefix` is the first (at most RawViewer::kPrefixBytes) bytes of a text message of `size` bytes
  /// on the wire (compressed, when the viewer negotiated compression).
  virtual void on_message(std::size_t viewer, std::string_view prefix, std::size_t size) = 0;
};

class RawViewer {
 public:
  static constexpr std::size_t kPrefixBytes = 256;
  enum class State { connecting, handshaking, open, closed };

  /// Starts a non-blocking connect to host:port; state() is closed if that fails at once.
  /// `receive_buffer` > 0 fixes SO_RCVBUF (0 leaves the kernel's autotuning). With `deflate` it
  /// offers permessage-deflate, as browsers do.
  RawViewer(std::size_t index, const std::string& host, int port, const std::string& target, int receive_buffer,
            bool deflate = false);
  ~RawViewer();
  RawViewer(const RawViewer&) = delete;
  RawViewer& operator=(const RawViewer&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] std::uint16_t close_code() const { return close_code_; }
  /// The server agreed to compress (known once open).
  [[nodiscard]] bool compressed() const { return inflater_ != nullptr; }

  /// The socket became writable: finishes the connect and sends the upgrade request.
  void on_writable();
  /// Bytes arrived: the handshake answer, then frames. Completed messages go to `sink`.
  void on_bytes(const std::uint8_t* data, std::size_t size, MessageSink& sink);
  /// Marks the viewer closed and closes the socket.
  void close_now();

 private:
  void parse_frames(const std::uint8_t* data, std::size_t size, MessageSink& sink);
  void end_of_frame(MessageSink& sink);
  void send_control(std::uint8_t opcode, std::string_view payload);
  void take_prefix(const std::uint8_t* data, std::size_t size);

  struct Inflater {
    z_stream z{};
    Inflater() { inflateInit2(&z, -15); }
    ~Inflater() { inflateEnd(&z); }
  };

  std::size_t index_;
  int fd_ = -1;
  State state_ = State::closed;
  std::string request_;
  std::string handshake_;      ///< the 101 answer so far
  std::uint8_t header_[14]{};  ///< the frame header being read
  std::size_t header_have_ = 0;
  std::uint64_t payload_left_ = 0;
  std::uint8_t opcode_ = 0;     ///< of the current frame
  std::uint8_t message_op_ = 0; ///< of the current (possibly fragmented) message
  bool fin_ = false;
  bool in_payload_ = false;
  std::string prefix_;         ///< first bytes of the current data message
  std::size_t message_size_ = 0;
  std::string control_;        ///< payload of the current control frame (<= 125 bytes)
  std::uint16_t close_code_ = 0;
  bool offers_deflate_ = false;
  bool message_compressed_ = false;     ///< RSV1 on the current message's first frame
  std::unique_ptr<Inflater> inflater_;  ///< set when the server agreed to permessage-deflate
};

}  // namespace finsim::tools
