// Request targets: splitting path from query, percent-decoding, query parameters.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace finsim::server {

/// A request target split at the first '?'. Both parts are still percent-encoded.
struct Target {
  std::string_view path;
  std::string_view query;  ///< without the '?'; empty when there is none
};

Target split_target(std::string_view target);

/// Decodes %XX escapes. `plus_is_space` decodes '+' as ' ' (query strings only). Returns nullopt
/// for a malformed escape ('%' not followed by two hex digits) and for an encoded or raw NUL byte,
/// which no path or parameter may contain.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

/// The decoded value of the first parameter `name` in a query string ("a=1&session=x"), or nullopt
/// when absent. A parameter given without '=' has the value ""; a value with a malformed escape is
/// returned undecoded (callers validate values anyway).
std::optional<std::string> query_parameter(std::string_view query, std::string_view name);

}  // namespace finsim::server
