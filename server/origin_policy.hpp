// Who may change the server's state from a browser (docs/http-api.md, "Writes come from the server's
// own pages"). A write — POST, PUT, PATCH, DELETE — must name this server in its Host header (a page
// that reaches the server through DNS rebinding names its own domain there) and, when the browser says
// which page sent it (Origin), come from the server's own origin or one named by --allow-origin (a page
// of another site sending a form or a fetch: CSRF). Reads stay open to everyone. Without this, any web
// page a user of a token-less server visits could trade their portfolios.
// Pure; thread-safe (const after construction).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finsim/result.hpp"
#include "http_message.hpp"

namespace finsim::server {

/// A web origin (RFC 6454): scheme, host and port.
struct WebOrigin {
  std::string scheme;  ///< "http" or "https"
  std::string host;    ///< lower case; an IPv6 address keeps its brackets ("[::1]")
  int port = 0;        ///< as written, or the scheme's default (80, 443)
  friend bool operator==(const WebOrigin&, const WebOrigin&) = default;
};

/// "http(s)://host[:port]", as an Origin header or --allow-origin names one (one trailing "/" is
/// tolerated; a path, query, user or an empty host is not). nullopt otherwise (also for "null").
std::optional<WebOrigin> parse_origin(std::string_view text);

/// Whether a request with this method may change state: every method but GET, HEAD and OPTIONS.
bool changes_state(std::string_view method);

class OriginPolicy {
 public:
  /// `port`: the port the server listens on; `allowed`: the origins of --allow-origin.
  explicit OriginPolicy(int port, std::vector<WebOrigin> allowed = {});

  /// Whether a write may go on. Host must be `localhost` or an IP address (names no attacker can
  /// rebind) with the listening port (none written means 80), or the host and port of an allowed
  /// origin. Origin, when present, must be http://<that Host> or an allowed origin. Errors (403):
  /// wrong_host, cross_origin.
  [[nodiscard]] Status admit(const HttpRequest& request) const;

  /// The Access-Control-Allow-Origin for the answer to a write or to a write's preflight: the
  /// request's Origin when admit() accepts the request, else "" (no header: the browser keeps the
  /// answer from the page).
  [[nodiscard]] std::string cors_origin(const HttpRequest& request) const;

 private:
  int port_;
  std::vector<WebOrigin> allowed_;
};

}  // namespace finsim::server
