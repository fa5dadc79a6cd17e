// libFuzzer target: what a WebSocket client can send the server, and what the server compresses.
// Byte 0 picks one; the rest is the input:
//   0 — bytes from a client, read by WsClientFrameReader in chunks whose sizes come from byte 1:
//       every call consumes what it is given or stops at an event having consumed something,
//       control payloads stay within
//       125 bytes, and after a protocol error the reader answers nothing else;
//   1 — a Sec-WebSocket-Extensions header, negotiated by accept_permessage_deflate: an accepted
//       offer is always answered the same way;
//   2 — a message, compressed by deflate_message and inflated as a browser does: the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "permessage_deflate.hpp"
#include "websocket_frames.hpp"

namespace {

void read_client_bytes(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::size_t chunk = 1 + data[0] % 64;
  ++data;
  --size;
  finsim::server::WsClientFrameReader reader;
  bool failed = false;
  using Kind = finsim::server::WsClientFrameReader::Event::Kind;
  for (std::size_t at = 0; at < size;) {
    const std::size_t n = std::min(chunk, size - at);
    for (std::size_t done = 0; done < n;) {
      std::size_t used = 0;
      const auto e = reader.read(data + at + done, n - done, used);
      if (used > n - done) __builtin_trap();
      if (failed && e.kind != Kind::protocol_error) __builtin_trap();
      if (e.payload.size() > 125) __builtin_trap();
      if (e.kind == Kind::none && used != n - done) __builtin_trap();
      if (e.kind != Kind::protocol_error && used == 0) __builtin_trap();  // no progress: a hang
      if (e.kind == Kind::protocol_error) {
        failed = true;
        break;
      }
      done += used;
    }
    at += n;
  }
}

void negotiate(std::string_view offers) {
  const auto answer = finsim::server::accept_permessage_deflate(offers);
  if (answer && *answer != "permessage-deflate; server_no_context_takeover") __builtin_trap();
}

void round_trip(std::string_view text) {
  if (finsim::server::inflate_message(finsim::server::deflate_message(text)) != text) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: read_client_bytes(data + 1, size - 1); break;
    case 1: negotiate(rest); break;
    default: round_trip(rest); break;
  }
  return 0;
}
