// libFuzzer target: what a WebSocket client can send the server, and what the server compresses.
// Byte 0 picks one; the rest is the input:
//   0 — bytes from a client, read by WsClientFrameReader in chunks whose sizes come from byte 1
//       and whole: every call consumes what it is given or stops at an event having consumed
//       something, control payloads stay within 125 bytes, a protocol error is final, and the
//       events (kinds, payloads, close codes) are the same however the bytes are split;
//   1 — a Sec-WebSocket-Extensions header, negotiated by accept_permessage_deflate: only an offer
//       of permessage-deflate is answered, and a window limit is echoed only when offered;
//   2 — a message, compressed by deflate_message and inflated as a browser does: the same bytes.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "permessage_deflate.hpp"
#include "websocket_frames.hpp"

namespace {

using Event = finsim::server::WsClientFrameReader::Event;
using Kind = Event::Kind;

/// The events `data` gives when read `chunk` bytes at a time, checking each call's contract.
std::vector<Event> read_in_chunks(const std::uint8_t* data, std::size_t size, std::size_t chunk) {
  finsim::server::WsClientFrameReader reader;
  std::vector<Event> events;
  for (std::size_t at = 0; at < size;) {
    const std::size_t n = std::min(chunk, size - at);
    for (std::size_t done = 0; done < n;) {
      std::size_t used = 0;
      Event e = reader.read(data + at + done, n - done, used);
      if (used > n - done) __builtin_trap();
      if (e.payload.size() > 125) __builtin_trap();
      if (e.kind == Kind::none && used != n - done) __builtin_trap();
      if (e.kind != Kind::protocol_error && used == 0) __builtin_trap();  // no progress: a hang
      done += used;
      if (e.kind == Kind::none) continue;
      const bool failed = e.kind == Kind::protocol_error;
      events.push_back(std::move(e));
      if (failed) {  // final: the reader answers nothing else
        std::size_t again = 0;
        if (reader.read(data, size, again).kind != Kind::protocol_error) __builtin_trap();
        return events;
      }
    }
    at += n;
  }
  return events;
}

/// However the bytes are split, the reader finds the same events.
void read_client_bytes(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::size_t chunk = 1 + data[0] % 64;
  const auto split = read_in_chunks(data + 1, size - 1, chunk);
  const auto whole = read_in_chunks(data + 1, size - 1, size);
  if (split.size() != whole.size()) __builtin_trap();
  for (std::size_t i = 0; i < split.size(); ++i)
    if (split[i].kind != whole[i].kind || split[i].payload != whole[i].payload ||
        split[i].close_code != whole[i].close_code)
      __builtin_trap();
}

/// An answer is given only to an offer of permessage-deflate, and echoes a window limit it named.
void negotiate(std::string_view offers) {
  const auto answer = finsim::server::accept_permessage_deflate(offers);
  if (!answer) return;
  std::string lower(offers);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("permessage-deflate") == std::string::npos) __builtin_trap();
  if (answer->rfind("permessage-deflate; server_no_context_takeover", 0) != 0) __builtin_trap();
  if (answer->find("server_max_window_bits=15") != std::string::npos &&
      lower.find("server_max_window_bits") == std::string::npos)
    __builtin_trap();
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
