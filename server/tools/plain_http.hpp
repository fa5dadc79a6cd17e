// A deliberately plain HTTP/1.1 client over blocking POSIX sockets, for finsim-load's controls and
// the server tests: it sends exactly the bytes it is given (tests send malformed, oversized and
// traversal requests with it) and parses one answer. Thread-safe (no shared state).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace finsim::tools {

struct HttpReply {
  int status = 0;                              ///< 0 when no (parsable) answer came
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;

  /// The header's value, or "" when absent.
  [[nodiscard]] std::string header(const std::string& lower_name) const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// Parses one raw answer (status line, headers, Content-Length body). status 0 when it is not one.
HttpReply raw_http_parse(const std::string& raw);

/// A connected TCP socket to `host` (an IPv4 address) and `port`; -1 on failure. `receive_buffer`
/// > 0 sets SO_RCVBUF before connecting; a `source` address is bound first (else the system picks).
int connect_tcp(const std::string& host, int port, int receive_buffer = 0, const std::string& source = "");

/// Sends raw bytes on a new connection, reads until the server closes or `timeout` passes, and
/// parses the first answer.
HttpReply raw_http(const std::string& host, int port, const std::string& bytes,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

/// `method target` with `body` (Content-Length set when non-empty or for POST), `headers` and
/// "Connection: close"; "Host: host:port" and, for a non-empty body, "Content-Type: application/json"
/// unless `headers` name their own. Status 0 when no answer came within `timeout`.
HttpReply http(const std::string& host, int port, const std::string& method, const std::string& target,
               const std::string& body = "", const Headers& headers = {},
               std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

/// As http(), from the local address `source` (on loopback, "127.0.0.2" is another client as the
/// server sees it).
HttpReply http_from(const std::string& source, const std::string& host, int port, const std::string& method,
                    const std::string& target, const std::string& body = "", const Headers& headers = {});

}  // namespace finsim::tools
