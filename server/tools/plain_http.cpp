#include "plain_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>

namespace finsim::tools {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

HttpReply parse_reply(const std::string& raw) {
  HttpReply r;
  const auto end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || end == std::string::npos || raw.size() < 12) return r;
  r.status = std::atoi(raw.substr(9, 3).c_str());
  std::size_t pos = raw.find("\r\n") + 2;
  while (pos < end) {
    const auto eol = raw.find("\r\n", pos);
    const std::string line = raw.substr(pos, eol - pos);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[lower(line.substr(0, colon))] = value;
    }
    pos = eol + 2;
  }
  r.body = raw.substr(end + 4);
  if (auto it = r.headers.find("content-length"); it != r.headers.end())
    r.body = r.body.substr(0, std::stoul(it->second));
  return r;
}

}  // namespace

HttpReply raw_http_parse(const std::string& raw) { return parse_reply(raw); }

std::string HttpReply::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

int connect_tcp(const std::string& host, int port, int receive_buffer, const std::string& source) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (receive_buffer > 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if ((!source.empty() && (inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1 ||
                           bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0)) ||
      inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
      connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

namespace {

/// Sends `bytes` on `fd`, reads until the server closes or `timeout` passes, closes `fd` and parses.
HttpReply exchange(int fd, const std::string& bytes, std::chrono::milliseconds timeout) {
  if (fd < 0) return {};
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse before the whole request is sent
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[65536];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return parse_reply(raw);
}

bool names(const Headers& headers, const std::string& lower_name) {
  for (const auto& h : headers)
    if (lower(h.first) == lower_name) return true;
  return false;
}

std::string request_text(const std::string& host, int port, const std::string& method, const std::string& target,
                         const std::string& body, const Headers& headers) {
  std::string request = method + " " + target + " HTTP/1.1\r\n";
  if (!names(headers, "host")) request += "Host: " + host + ":" + std::to_string(port) + "\r\n";
  request += "Connection: close\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  if (!body.empty() && !names(headers, "content-type")) request += "Content-Type: application/json\r\n";
  if (!body.empty() || method == "POST") request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return request + "\r\n" + body;
}

}  // namespace

HttpReply raw_http(const std::string& host, int port, const std::string& bytes, std::chrono::milliseconds timeout) {
  return exchange(connect_tcp(host, port), bytes, timeout);
}

HttpReply http(const std::string& host, int port, const std::string& method, const std::string& target,
               const std::string& body, const Headers& headers, std::chrono::milliseconds timeout) {
  return raw_http(host, port, request_text(host, port, method, target, body, headers), timeout);
}

HttpReply http_from(const std::string& source, const std::string& host, int port, const std::string& method,
                    const std::string& target, const std::string& body, const Headers& headers) {
  return exchange(connect_tcp(host, port, 0, source), request_text(host, port, method, target, body, headers),
                  std::chrono::milliseconds(3000));
}

}  // namespace finsim::tools
