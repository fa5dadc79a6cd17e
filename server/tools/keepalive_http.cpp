#include "keepalive_http.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>

namespace finsim::tools {
namespace {

std::size_t content_length(const std::string& head) {
  std::string lower = head;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = lower.find("\r\ncontent-length:");
  return at == std::string::npos ? 0 : std::strtoul(lower.c_str() + at + 17, nullptr, 10);
}

}  // namespace

KeepAliveConnection::~KeepAliveConnection() { disconnect(); }

void KeepAliveConnection::disconnect() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  pending_.clear();
}

HttpReply KeepAliveConnection::request(const std::string& method, const std::string& target, const std::string& body,
                                       const Headers& headers) {
  if (fd_ < 0) fd_ = connect_tcp(host_, port_);
  if (fd_ < 0) return {};
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + ":" + std::to_string(port_) + "\r\n";
  for (const auto& [name, value] : headers) req += name + ": " + value + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  for (std::size_t sent = 0; sent < req.size();) {
    const ssize_t n = send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      disconnect();
      return {};
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string& raw = pending_;
  std::size_t head_end = std::string::npos;
  for (;;) {
    if (head_end == std::string::npos) head_end = raw.find("\r\n\r\n");
    if (head_end != std::string::npos && raw.size() >= head_end + 4 + content_length(raw.substr(0, head_end + 2))) break;
    char buf[65536];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      disconnect();
      return {};
    }
    raw.append(buf, static_cast<std::size_t>(n));
  }
  const std::size_t total = head_end + 4 + content_length(raw.substr(0, head_end + 2));
  const HttpReply reply = raw_http_parse(raw.substr(0, total));
  raw.erase(0, total);
  if (reply.header("connection") == "close") disconnect();
  return reply;
}

}  // namespace finsim::tools
