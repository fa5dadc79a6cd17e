// WebSocket permessage-deflate (RFC 7692) as a broadcasting server uses it: every message is
// compressed on its own, without the context of the messages before it, so its compressed bytes
// are the same for every viewer and are computed once (frame_wire.hpp). The server declares this
// with server_no_context_takeover. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace finsim::server {

/// The server's Sec-WebSocket-Extensions answer to a client's offers (the header's value, the
/// values of repeated headers joined by commas): "permessage-deflate; server_no_context_takeover"
/// (with "; server_max_window_bits=15" when the offer named it: RFC 7692 section 7.1.2.1 has the
/// answer echo it) for the first permessage-deflate offer this server can honour, nullopt when none
/// (then the connection runs uncompressed). An offer is declined when it limits the server's
/// window below 15 bits (server_max_window_bits: the shared compressed bytes use a 32 KB window)
/// or is malformed (an unknown or repeated parameter, a bad value) — RFC 7692 section 7.1.
std::optional<std::string> accept_permessage_deflate(std::string_view offers);

/// `text` as the payload of one compressed message: raw DEFLATE (RFC 1951, 32 KB window) ending in
/// a sync flush whose trailing 00 00 FF FF is removed (RFC 7692 section 7.2.1). zlib level 9 with
/// the filtered strategy, which suits JSON full of decimal numbers best (a 100-bank STATE_UPDATE:
/// 76 KB → 9.4 KB; level 6 gives 9.7 KB).
std::string deflate_message(std::string_view text);

/// The receiver's side of deflate_message (RFC 7692 section 7.2.2: 00 00 FF FF appended, raw
/// inflate, 32 KB window), on its own: the message's text, or nullopt for bytes that are not
/// DEFLATE data (a message cut short may decode to a prefix of its text: DEFLATE cannot tell). The server never inflates (clients send no data); the tests and
/// the fuzzer check with it that what the server sends decodes as a browser decodes it.
std::optional<std::string> inflate_message(std::string_view payload);

}  // namespace finsim::server
