// A chunked request's trailer counts against the header limit (issue "Hardening", item 2): a trailer
// beyond 8 KiB is answered 431 and costs the server no memory, where a 300 MB trailer once took it to
// 961 MB; a small trailer is still fine.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "http_client.hpp"
#include "server_process.hpp"

using namespace finsim::test;

namespace {

/// The peak resident set of process `pid` so far, in KiB (VmHWM in /proc/<pid>/status). The peak, not
/// the resident set now (VmRSS): a buffered trailer is freed, and given back, when its connection ends.
long peak_resident_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

bool readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, timeout_ms) == 1;
}

/// Sends `head`, then trailer bytes ('a') in 64 KiB pieces up to `trailer_bytes` unless the server
/// answers (or closes) first, then the trailer's end; returns the answer, read until the server closes.
HttpReply send_trailer(int port, const std::string& head, std::size_t trailer_bytes) {
  const int fd = connect_loopback(port);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  bool sending = send(fd, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size());
  const std::string piece(64 * 1024, 'a');
  for (std::size_t sent = 0; sending && sent < trailer_bytes && !readable(fd, 0); sent += piece.size())
    sending = send(fd, piece.data(), std::min(piece.size(), trailer_bytes - sent), MSG_NOSIGNAL) > 0;
  if (sending && !readable(fd, 0)) send(fd, "\r\n\r\n", 4, MSG_NOSIGNAL);
  std::string raw;
  char buffer[4096];
  while (readable(fd, 5000)) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    raw.append(buffer, static_cast<std::size_t>(n));
    const HttpReply partial = finsim::tools::raw_http_parse(raw);
    const std::string length = partial.header("content-length");
    if (partial.status != 0 && !length.empty() && partial.body.size() >= std::stoul(length)) break;
  }
  close(fd);
  return finsim::tools::raw_http_parse(raw);
}

/// A chunked POST /control/pause whose body is "{}", up to the value of its trailer field.
std::string chunked_head(int port) {
  return "POST /control/pause HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
         "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Trailer: ";
}

}  // namespace

TEST_CASE("a chunked request whose trailer exceeds the header limit gets 431 and costs no memory") {
  ServerProcess server;
  const int port = server.port();
  REQUIRE(control_status(port)["running"] == false);
  const long before = peak_resident_kib(server.pid());
  REQUIRE(before > 0);

  const HttpReply r = send_trailer(port, chunked_head(port), 64u << 20);  // up to 64 MiB of trailer
  CHECK(r.status == 431);
  CHECK(json_of(r)["error"]["code"] == "header_too_large");
  const long after = peak_resident_kib(server.pid());
  INFO("VmHWM " << before << " KiB before, " << after << " KiB after");
  CHECK(after - before < 8 * 1024);  // buffering the trailer took the peak from 16 to 107 MB

  // It goes on serving, and a small trailer is still taken.
  CHECK(send_trailer(port, chunked_head(port), 1000).status == 200);
  CHECK(control_status(port)["running"] == false);
}
