#include "http_client.hpp"

#include <thread>

#include <catch2/catch.hpp>

namespace finsim::test {

HttpReply http(int port, const std::string& method, const std::string& target, const std::string& body,
               const Headers& headers, std::chrono::milliseconds timeout) {
  return tools::http("127.0.0.1", port, method, target, body, headers, timeout);
}

HttpReply http_from(const std::string& source, int port, const std::string& method, const std::string& target,
                    const std::string& body, const Headers& headers) {
  return tools::http_from(source, "127.0.0.1", port, method, target, body, headers);
}

HttpReply raw_http(int port, const std::string& bytes, std::chrono::milliseconds timeout) {
  return tools::raw_http("127.0.0.1", port, bytes, timeout);
}

nlohmann::json json_of(const HttpReply& reply) { return nlohmann::json::parse(reply.body); }

nlohmann::json control_status(int port, const std::string& session) {
  const HttpReply r = http(port, "GET", "/control/status" + (session.empty() ? "" : "?session=" + session));
  REQUIRE(r.status == 200);
  return json_of(r);
}

bool wait_for_viewers(int port, int viewers, const std::string& session, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (control_status(port, session)["viewers"] != viewers) {
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

int connect_loopback(int port, int receive_buffer) {
  const int fd = tools::connect_tcp("127.0.0.1", port, receive_buffer);
  REQUIRE(fd >= 0);
  return fd;
}

}  // namespace finsim::test
