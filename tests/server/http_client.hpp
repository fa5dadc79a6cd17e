// A deliberately plain HTTP/1.1 client over POSIX sockets: it sends exactly the bytes it is given
// (so tests can send malformed, oversized or traversal requests) and parses the answer.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace finsim::test {

struct HttpReply {
  int status = 0;                             ///< 0 when no answer came
  std::map<std::string, std::string> headers; ///< names in lower case
  std::string body;

  [[nodiscard]] std::string header(const std::string& lower_name) const;
  /// The body parsed as JSON (throws when it is not).
  [[nodiscard]] nlohmann::json json() const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// Sends `method target` with `body` (Content-Length set when non-empty or for POST) and `headers`
/// on a new connection to 127.0.0.1:port ("Connection: close") and reads the whole answer.
HttpReply http(int port, const std::string& method, const std::string& target, const std::string& body = "",
               const Headers& headers = {});

/// Sends raw bytes, reads until the server closes or `timeout` passes, and parses the first answer.
HttpReply raw_http(int port, const std::string& bytes,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

/// GET /control/status[?session=ID] as JSON (REQUIREs status 200).
nlohmann::json control_status(int port, const std::string& session = "");

/// A connected TCP socket to 127.0.0.1:port (throws on failure). `receive_buffer` > 0 sets
/// SO_RCVBUF before connecting.
int connect_loopback(int port, int receive_buffer = 0);

}  // namespace finsim::test
