#include "websocket_frames.hpp"

#include <algorithm>

#include "finsim/utf8.hpp"

namespace finsim::server {
namespace {

constexpr std::size_t kControlPayloadMax = 125;  // RFC 6455 section 5.5

bool is_control(WsOpcode op) { return (static_cast<std::uint8_t>(op) & 0x8) != 0; }

bool is_known(std::uint8_t op) { return op <= 0x2 || (op >= 0x8 && op <= 0xA); }

/// Header length from its first two bytes: 2, plus 2 or 8 for an extended length, plus 4 for a mask.
std::size_t header_length(const std::uint8_t* h) {
  const std::uint8_t len = h[1] & 0x7f;
  return 2 + (len == 126 ? 2 : len == 127 ? 8 : 0) + ((h[1] & 0x80) ? 4 : 0);
}

/// The length of the longest prefix of `text` of at most `max` bytes that does not end inside a
/// UTF-8 sequence.
std::size_t utf8_cut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<std::uint8_t>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

std::string ws_frame_header(WsOpcode opcode, std::size_t payload_size, bool compressed) {
  std::string h;
  h.push_back(static_cast<char>(0x80 | (compressed ? 0x40 : 0) | static_cast<std::uint8_t>(opcode)));
  if (payload_size < 126) {
    h.push_back(static_cast<char>(payload_size));
  } else if (payload_size <= 0xFFFF) {
    h.push_back(static_cast<char>(126));
    h.push_back(static_cast<char>(payload_size >> 8));
    h.push_back(static_cast<char>(payload_size & 0xFF));
  } else {
    h.push_back(static_cast<char>(127));
    for (int shift = 56; shift >= 0; shift -= 8)
      h.push_back(static_cast<char>((static_cast<std::uint64_t>(payload_size) >> shift) & 0xFF));
  }
  return h;
}

std::string ws_close_frame(std::uint16_t code, std::string_view reason) {
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  payload.append(reason.substr(0, utf8_cut(reason, kControlPayloadMax - 2)));
  std::string frame = ws_frame_header(WsOpcode::close, payload.size());
  frame += payload;
  return frame;
}

std::string ws_control_frame(WsOpcode opcode, std::string_view payload) {
  payload = payload.substr(0, kControlPayloadMax);
  std::string frame = ws_frame_header(opcode, payload.size());
  frame += payload;
  return frame;
}

WsClientFrameReader::Event WsClientFrameReader::read(const std::uint8_t* data, std::size_t size, std::size_t& used) {
  used = 0;
  if (failed_) return failure();
  while (used < size) {
    if (!in_payload_) {
      // Gather the header: first the two bytes that say how long it is, then the rest.
      const std::size_t want = header_have_ < 2 ? 2 : header_length(header_);
      const std::size_t take = std::min(want - header_have_, size - used);
      std::copy(data + used, data + used + take, header_ + header_have_);
      header_have_ += take;
      used += take;
      if (header_have_ < 2 || header_have_ < header_length(header_)) continue;
      header_have_ = 0;
      const bool fin = (header_[0] & 0x80) != 0;
      const std::uint8_t op = header_[0] & 0x0F;
      // RSV1 marks a compressed data message (RFC 7692), when compression was negotiated; nothing gives
      // RSV2, RSV3 or a control frame's RSV1 a meaning.
      const bool reserved = (header_[0] & 0x30) != 0 || ((header_[0] & 0x40) != 0 && ((op & 0x8) != 0 || !compressed_));
      const bool masked = (header_[1] & 0x80) != 0;
      std::uint64_t len = header_[1] & 0x7F;
      std::size_t at = 2;
      if (len == 126) {
        len = (std::uint64_t{header_[2]} << 8) | header_[3];
        at = 4;
      } else if (len == 127) {
        len = 0;
        for (int i = 2; i < 10; ++i) len = (len << 8) | header_[i];
        at = 10;
      }
      opcode_ = static_cast<WsOpcode>(op);
      if (reserved || !masked || !is_known(op) ||
          (is_control(opcode_) && (!fin || len > kControlPayloadMax)) || (opcode_ == WsOpcode::close && len == 1)) {
        return failure();
      }
      std::copy(header_ + at, header_ + at + 4, mask_);
      payload_left_ = len;
      payload_seen_ = 0;
      control_.clear();
      in_payload_ = true;
      // A data frame is reported at once: its payload, however long, is only skipped.
      if (!is_control(opcode_)) {
        if (payload_left_ == 0) in_payload_ = false;
        return event(Event::Kind::data);
      }
      if (payload_left_ == 0) return frame_complete();
      continue;
    }
    const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(payload_left_, size - used));
    if (is_control(opcode_))
      for (std::size_t i = 0; i < take; ++i)
        control_.push_back(static_cast<char>(data[used + i] ^ mask_[(payload_seen_ + i) % 4]));
    used += take;
    payload_seen_ += take;
    payload_left_ -= take;
    if (payload_left_ == 0) {
      if (is_control(opcode_)) return frame_complete();
      in_payload_ = false;
    }
  }
  return event(Event::Kind::none);
}

WsClientFrameReader::Event WsClientFrameReader::event(Event::Kind kind) {
  Event e;
  e.kind = kind;
  return e;
}

WsClientFrameReader::Event WsClientFrameReader::failure() {
  failed_ = true;
  return event(Event::Kind::protocol_error);
}

WsClientFrameReader::Event WsClientFrameReader::frame_complete() {
  in_payload_ = false;
  Event e;
  e.payload = std::move(control_);
  control_.clear();
  switch (opcode_) {
    case WsOpcode::ping: e.kind = Event::Kind::ping; break;
    case WsOpcode::pong: e.kind = Event::Kind::pong; break;
    default:
      e.kind = Event::Kind::close;
      e.close_code = e.payload.size() >= 2 ? static_cast<std::uint16_t>((static_cast<std::uint8_t>(e.payload[0]) << 8) |
                                                                        static_cast<std::uint8_t>(e.payload[1]))
                                           : 1005;
      if (e.payload.size() >= 2 && !sendable_close_code(e.close_code)) return failure();
      if (e.payload.size() > 2 && !is_valid_utf8(std::string_view(e.payload).substr(2))) {
        failed_ = true;  // nothing after it is read
        e.kind = Event::Kind::invalid_payload;
      }
  }
  return e;
}

bool WsClientFrameReader::sendable_close_code(std::uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

}  // namespace finsim::server
