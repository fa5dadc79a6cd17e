// RFC 6455 framing as the server writes and reads it: the lengths of its headers at each size
// boundary, close and control frames, and what a client may send — masked frames only, control
// frames whole and short, data noticed at its header and skipped however long it is.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "websocket_frames.hpp"

using namespace finsim::server;
using Kind = WsClientFrameReader::Event::Kind;

namespace {

std::vector<std::uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

/// A client frame: FIN and `opcode` in the first byte (plus `flags`), masked with a fixed key.
std::vector<std::uint8_t> client_frame(std::uint8_t first_byte, const std::string& payload, bool masked = true) {
  std::vector<std::uint8_t> f{first_byte};
  const std::uint8_t mask_bit = masked ? 0x80 : 0;
  if (payload.size() < 126) {
    f.push_back(static_cast<std::uint8_t>(mask_bit | payload.size()));
  } else if (payload.size() <= 0xFFFF) {
    f.push_back(mask_bit | 126);
    f.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
    f.push_back(static_cast<std::uint8_t>(payload.size()));
  } else {
    f.push_back(mask_bit | 127);
    for (int shift = 56; shift >= 0; shift -= 8) f.push_back(static_cast<std::uint8_t>(payload.size() >> shift));
  }
  const std::uint8_t key[4] = {0xA1, 0x07, 0x3C, 0xE9};
  if (masked) f.insert(f.end(), key, key + 4);
  for (std::size_t i = 0; i < payload.size(); ++i)
    f.push_back(static_cast<std::uint8_t>(payload[i]) ^ (masked ? key[i % 4] : 0));
  return f;
}

/// Every event the reader finds in `stream`, fed `chunk` bytes at a time.
std::vector<WsClientFrameReader::Event> read_all(const std::vector<std::uint8_t>& stream, std::size_t chunk) {
  WsClientFrameReader reader;
  std::vector<WsClientFrameReader::Event> events;
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t n = std::min(chunk, stream.size() - at);
    for (std::size_t done = 0; done < n;) {
      std::size_t used = 0;
      auto e = reader.read(stream.data() + at + done, n - done, used);
      done += used;
      if (e.kind != Kind::none) events.push_back(e);
      if (e.kind == Kind::protocol_error) return events;
    }
    at += n;
  }
  return events;
}

}  // namespace

TEST_CASE("server frame headers use the shortest length encoding, FIN set, RSV1 only when compressed") {
  CHECK(bytes(ws_frame_header(WsOpcode::text, 0)) == std::vector<std::uint8_t>{0x81, 0});
  CHECK(bytes(ws_frame_header(WsOpcode::text, 125)) == std::vector<std::uint8_t>{0x81, 125});
  CHECK(bytes(ws_frame_header(WsOpcode::text, 126)) == std::vector<std::uint8_t>{0x81, 126, 0, 126});
  CHECK(bytes(ws_frame_header(WsOpcode::text, 65535)) == std::vector<std::uint8_t>{0x81, 126, 0xFF, 0xFF});
  CHECK(bytes(ws_frame_header(WsOpcode::text, 65536)) ==
        std::vector<std::uint8_t>{0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0});
  CHECK(bytes(ws_frame_header(WsOpcode::text, 76543, true)) ==
        std::vector<std::uint8_t>{0xC1, 127, 0, 0, 0, 0, 0, 1, 0x2A, 0xFF});
}

TEST_CASE("a close frame carries its code and a reason cut to 123 bytes at a character boundary") {
  CHECK(bytes(ws_close_frame(1001, "bye")) == std::vector<std::uint8_t>{0x88, 5, 0x03, 0xE9, 'b', 'y', 'e'});
  std::string long_reason(122, 'x');
  long_reason += "é";  // two bytes: the 123rd and 124th
  const std::string frame = ws_close_frame(1000, long_reason);
  CHECK(frame.size() == 2 + 2 + 122);  // the é does not fit whole, so it is left out whole
  CHECK(bytes(ws_control_frame(WsOpcode::pong, std::string(200, 'p'))).size() == 2 + 125);
}

TEST_CASE("the reader unmasks pings, pongs and close frames, however the bytes are split") {
  std::vector<std::uint8_t> stream;
  for (const auto& f : {client_frame(0x89, "are you there"), client_frame(0x8A, ""),
                        client_frame(0x88, std::string("\x03\xE8going", 7)), client_frame(0x88, "")})
    stream.insert(stream.end(), f.begin(), f.end());
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{3}, stream.size()}) {
    const auto events = read_all(stream, chunk);
    REQUIRE(events.size() == 4);
    CHECK(events[0].kind == Kind::ping);
    CHECK(events[0].payload == "are you there");
    CHECK(events[1].kind == Kind::pong);
    CHECK(events[2].kind == Kind::close);
    CHECK(events[2].close_code == 1000);
    CHECK(events[3].kind == Kind::close);
    CHECK(events[3].close_code == 1005);  // a close frame without a code
  }
}

TEST_CASE("a data frame is reported at its header and its payload skipped, however long") {
  std::vector<std::uint8_t> stream = client_frame(0x81, std::string(70000, 'd'));
  const auto ping = client_frame(0x89, "after");
  stream.insert(stream.end(), ping.begin(), ping.end());
  for (const std::size_t chunk : {std::size_t{7}, std::size_t{4096}}) {
    const auto events = read_all(stream, chunk);
    REQUIRE(events.size() == 2);
    CHECK(events[0].kind == Kind::data);
    CHECK(events[0].payload.empty());
    CHECK(events[1].kind == Kind::ping);
    CHECK(events[1].payload == "after");
  }
  // A compressed data frame (RSV1) is data too, once compression was negotiated (below); without it,
  // a protocol error (the next test).
}

TEST_CASE("frames that break RFC 6455 are protocol errors, and the reader stays failed") {
  const std::vector<std::vector<std::uint8_t>> broken = {
      client_frame(0x81, "unmasked", false),       // a client must mask
      client_frame(0xA1, "rsv2"),                  // reserved bits without an extension for them
      client_frame(0xC9, "rsv1 ping"),             // RSV1 means compressed, which a control frame cannot be
      client_frame(0x83, "opcode 3"),              // a reserved data opcode
      client_frame(0x8B, "opcode 11"),             // a reserved control opcode
      client_frame(0x09, "fragmented ping"),       // control frames are never fragmented
      client_frame(0x89, std::string(126, 'p')),   // nor longer than 125 bytes
      client_frame(0x88, "x"),                     // a close payload of one byte has half a code
      client_frame(0xC1, "rsv1 text"),             // RSV1 on data without negotiated compression
      client_frame(0x88, std::string("\x03\xE7", 2)),   // close code 999: below the range
      client_frame(0x88, std::string("\x03\xED", 2)),   // 1005 (no status) is never sent
      client_frame(0x88, std::string("\x03\xEE", 2)),   // nor 1006
      client_frame(0x88, std::string("\x03\xF7", 2)),   // 1015 neither
      client_frame(0x88, std::string("\x0B\xB7", 2)),   // 2999: reserved
      client_frame(0x88, std::string("\x13\x88", 2)),   // 5000: beyond
  };
  for (const auto& frame : broken) {
    WsClientFrameReader reader;
    std::size_t used = 0;
    CHECK(reader.read(frame.data(), frame.size(), used).kind == Kind::protocol_error);
    const auto fine = client_frame(0x89, "");
    CHECK(reader.read(fine.data(), fine.size(), used).kind == Kind::protocol_error);
  }
}

TEST_CASE("a close's code must be one an endpoint may send, its reason UTF-8, and RSV1 needs compression") {
  for (std::uint16_t code : {1000, 1001, 1003, 1007, 1011, 1014, 3000, 4999}) {
    INFO(code);
    CHECK(WsClientFrameReader::sendable_close_code(code));
  }
  for (std::uint16_t code : {0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535}) {
    INFO(code);
    CHECK_FALSE(WsClientFrameReader::sendable_close_code(code));
  }
  // A reason that is not UTF-8: its own event (the session closes with 1007), and nothing after it.
  WsClientFrameReader reader;
  std::size_t used = 0;
  const auto bad_reason = client_frame(0x88, std::string("\x03\xE8\xC3\x28", 4));
  CHECK(reader.read(bad_reason.data(), bad_reason.size(), used).kind == Kind::invalid_payload);
  const auto fine = client_frame(0x89, "");
  CHECK(reader.read(fine.data(), fine.size(), used).kind == Kind::protocol_error);
  const auto good_reason = client_frame(0x88, std::string("\x03\xE8") + "bye \xC3\xA9");
  WsClientFrameReader other;
  const auto e = other.read(good_reason.data(), good_reason.size(), used);
  CHECK(e.kind == Kind::close);
  CHECK(e.close_code == 1000);
  // With compression negotiated, RSV1 marks a compressed data frame: data, not an error.
  WsClientFrameReader compressed(true);
  const auto rsv1 = client_frame(0xC1, "deflated");
  CHECK(compressed.read(rsv1.data(), rsv1.size(), used).kind == Kind::data);
}
