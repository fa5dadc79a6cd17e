#include "raw_ws_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "http_client.hpp"

namespace finsim::test {

RawWsClient::RawWsClient(int port, const std::string& extensions, const std::string& target, int receive_buffer) {
  fd_ = connect_loopback(port, receive_buffer);
  std::string request = "GET " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  if (!extensions.empty()) request += "Sec-WebSocket-Extensions: " + extensions + "\r\n";
  request += "\r\n";
  send_bytes(request);
  // Only the handshake answer, byte by byte, so no frame is consumed.
  char c = 0;
  while (handshake_.find("\r\n\r\n") == std::string::npos && recv(fd_, &c, 1, 0) == 1) handshake_.push_back(c);
  REQUIRE(handshake_.rfind("HTTP/1.1 101", 0) == 0);
}

RawWsClient::~RawWsClient() { close(fd_); }

void RawWsClient::shutdown_write() { ::shutdown(fd_, SHUT_WR); }

void RawWsClient::send_bytes(const std::string& bytes) {
  REQUIRE(send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
}

std::string RawWsClient::read_until_quiet(std::chrono::milliseconds quiet, std::chrono::milliseconds limit) {
  std::string got;
  const auto end = std::chrono::steady_clock::now() + limit;
  char buffer[65536];
  while (!eof_ && std::chrono::steady_clock::now() < end) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(quiet.count())) != 1) break;
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) eof_ = true;
    else got.append(buffer, static_cast<std::size_t>(n));
  }
  return got;
}

std::string RawWsClient::frame(std::uint8_t first_byte, const std::string& payload, bool masked) {
  std::string f(1, static_cast<char>(first_byte));
  const auto mask_bit = static_cast<unsigned char>(masked ? 0x80 : 0);
  REQUIRE(payload.size() < 126);  // the tests' frames are short
  f.push_back(static_cast<char>(mask_bit | payload.size()));
  const char key[4] = {0x5A, 0x11, 0x7C, 0x03};
  if (masked) f.append(key, 4);
  for (std::size_t i = 0; i < payload.size(); ++i) f.push_back(static_cast<char>(payload[i] ^ (masked ? key[i % 4] : 0)));
  return f;
}

}  // namespace finsim::test
