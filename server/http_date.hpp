// HTTP dates (RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"). Pure, thread-safe.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace finsim::server {

/// Formats a POSIX time (seconds since the epoch, UTC) as an IMF-fixdate.
std::string format_http_date(std::time_t seconds);

/// Parses an IMF-fixdate; nullopt for anything else (the obsolete formats are not accepted, which
/// only costs a client a full response instead of a 304).
std::optional<std::time_t> parse_http_date(std::string_view text);

}  // namespace finsim::server
