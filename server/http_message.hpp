// HTTP requests and responses as the server's routing layer sees them: plain values with no Beast
// types, so that routing, the control API and static files compile without Beast (see docs/server.md).
// http_session.cpp converts Beast's messages to and from these. Plain values: each belongs to one
// request's handling and is not shared between threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace finsim::server {

/// One received request. Header names keep their case as sent; header() compares case-insensitively.
struct HttpRequest {
  std::string method;  ///< "GET", "POST", ... as sent (methods are case-sensitive in HTTP)
  std::string target;  ///< the request target exactly as sent: path and optional "?query"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;    ///< at most the body limit (larger bodies never reach the router)
  std::string client;  ///< the peer's IP address ("127.0.0.1"; behind a proxy, the proxy's); "" if unknown

  /// The value of the first header called `name` (case-insensitive), or "" when absent.
  [[nodiscard]] std::string_view header(std::string_view name) const;
  /// The media type of Content-Type in lower case, without parameters or spaces
  /// ("Application/JSON; charset=utf-8" → "application/json"); "" when absent.
  [[nodiscard]] std::string media_type() const;
};

/// One response. Content-Length is added by the session; `close` ends the connection after it.
struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;

  /// Appends a header (no check for duplicates).
  HttpResponse& set(std::string name, std::string value);
  /// Removes every header called `name` (case-insensitive).
  HttpResponse& remove(std::string_view name);
  /// The value of the first header called `name` (case-insensitive), or "" when absent.
  [[nodiscard]] std::string_view header(std::string_view name) const;
};

/// ASCII case-insensitive equality, for header names and tokens.
bool iequals(std::string_view a, std::string_view b);

}  // namespace finsim::server
