// RFC 6455 framing as a server-to-client stream needs it: the headers of the frames the server
// sends (never masked, never fragmented), and a reader of the frames a client sends (always
// masked). Pure and independent of any socket, so every rule is unit-tested
// (tests/server/websocket_frames_test.cpp); websocket_session.cpp does the I/O.
//
// The server writes frames itself, rather than through Beast's websocket::stream, so that one
// message's bytes — its header and its payload, plain or compressed (permessage_deflate.hpp) — are
// built once and written unchanged to every viewer (docs/server.md, "Publication and fan-out").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace finsim::server {

enum class WsOpcode : std::uint8_t { continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA };

/// The header of an unmasked frame with FIN set: 2, 4 or 10 bytes. `compressed` sets RSV1, which
/// marks a permessage-deflate message (RFC 7692 section 6); only data frames may set it.
std::string ws_frame_header(WsOpcode opcode, std::size_t payload_size, bool compressed = false);

/// A complete close frame: the code (network byte order) and the reason, cut to the 123 bytes a
/// control frame's payload leaves for it (at a UTF-8 boundary).
std::string ws_close_frame(std::uint16_t code, std::string_view reason);

/// A complete ping or pong frame; `payload` is cut to 125 bytes.
std::string ws_control_frame(WsOpcode opcode, std::string_view payload);

/// Reads the frames a client sends, from the bytes as they arrive. Control frames are returned
/// whole and unmasked; data frames are reported once, at their header, and their payload skipped
/// (this server accepts no data from clients). Not thread-safe: one per connection.
class WsClientFrameReader {
 public:
  struct Event {
    enum class Kind {
      none,        ///< more bytes are needed
      data,        ///< a data frame's header (text, binary or continuation): the client sent data
      ping,        ///< `payload` is to be echoed in a pong
      pong,
      close,       ///< `close_code` (1005 when the frame has none) and `payload` the whole close payload
      protocol_error,  ///< the stream breaks RFC 6455: an unmasked frame, reserved bits or opcodes
                       ///< (RSV1 on a data frame too, unless compression was negotiated), a fragmented
                       ///< or over-long control frame, a close payload of one byte, a close code no
                       ///< endpoint may send (section 7.4: below 1000, 1004–1006, 1015–2999, 5000 and up)
      invalid_payload,  ///< a close frame whose reason is not UTF-8 (section 5.5.1: close with 1007)
    } kind = Kind::none;
    std::string payload;
    std::uint16_t close_code = 0;
  };

  /// `compressed`: permessage-deflate was negotiated, so RSV1 may mark a data frame (RFC 7692).
  explicit WsClientFrameReader(bool compressed = false) : compressed_(compressed) {}

  /// Whether a close frame may carry `code` (RFC 6455 section 7.4.1–7.4.2).
  static bool sendable_close_code(std::uint16_t code);

  /// Consumes bytes from `data` until one event is complete or the bytes run out; `used` is how many
  /// it took. Call again with the rest. After protocol_error the reader only ever answers it again.
  Event read(const std::uint8_t* data, std::size_t size, std::size_t& used);

 private:
  static Event event(Event::Kind kind);
  Event failure();
  Event frame_complete();

  bool compressed_ = false;
  std::uint8_t header_[14]{};
  std::size_t header_have_ = 0;
  bool in_payload_ = false;
  bool failed_ = false;
  WsOpcode opcode_ = WsOpcode::continuation;
  std::uint8_t mask_[4]{};
  std::uint64_t payload_left_ = 0;
  std::uint64_t payload_seen_ = 0;  ///< of the current frame, for unmasking
  std::string control_;             ///< the current control frame's payload, unmasked
};

}  // namespace finsim::server
