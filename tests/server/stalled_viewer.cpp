#include "stalled_viewer.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "http_client.hpp"

namespace finsim::test {

StalledViewer::StalledViewer(int port, const std::string& target) {
  fd_ = connect_loopback(port, 4096);
  const std::string request = "GET " + target +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  REQUIRE(send(fd_, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
  // Read only the handshake answer, byte by byte, so no frame is consumed.
  std::string answer;
  char c = 0;
  while (answer.find("\r\n\r\n") == std::string::npos && recv(fd_, &c, 1, 0) == 1) answer.push_back(c);
  REQUIRE(answer.rfind("HTTP/1.1 101", 0) == 0);
}

StalledViewer::~StalledViewer() { close(fd_); }

void StalledViewer::shutdown_write() { ::shutdown(fd_, SHUT_WR); }

}  // namespace finsim::test
