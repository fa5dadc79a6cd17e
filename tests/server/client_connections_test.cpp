// The per-client connection limit (issue "Hardening", item 8; docs/server.md, "Limits and timeouts"):
// one client's idle sockets cannot use up the connections of everyone else. On Linux loopback,
// 127.0.0.2 is another client than 127.0.0.1 as the server sees it.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>

#include "client_address.hpp"
#include "connection_tracker.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

using namespace finsim::test;

namespace {

/// Whether the server closed `fd` without an answer within 2 s (recv sees the end of the stream).
bool closed_by_server(int fd) {
  char c;
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return recv(fd, &c, 1, 0) == 0;
}

/// GET /control/status on an already open connection; the status of the answer (0 if none).
int status_on(int fd) {
  const std::string request = "GET /control/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) return 0;
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string raw;
  char buffer[4096];
  while (raw.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  return finsim::tools::raw_http_parse(raw).status;
}

}  // namespace

TEST_CASE("a client holding its full quota of idle sockets cannot stop another address from being served") {
  ServerProcess server({"--max-connections-per-client", "4", "--max-connections", "100"});
  const int port = server.port();
  std::vector<int> idle;
  for (int i = 0; i < 4; ++i) idle.push_back(connect_loopback(port));  // from 127.0.0.1, sending nothing
  const int extra = connect_loopback(port);
  CHECK(closed_by_server(extra));  // the fifth from 127.0.0.1 is refused
  close(extra);

  // Another address is served, again and again, while 127.0.0.1 holds its quota.
  for (int i = 0; i < 3; ++i) {  // (fewer than its quota: a closed connection's slot is freed just after)
    const HttpReply r = http_from("127.0.0.2", port, "GET", "/control/status");
    CHECK(r.status == 200);
  }
  // The idle sockets were not dropped for it: each is still served.
  CHECK(status_on(idle[0]) == 200);
  CHECK(status_on(idle[3]) == 200);

  // Once one of them is gone, 127.0.0.1 gets a connection again.
  close(idle.back());
  idle.pop_back();
  HttpReply r;
  for (int attempt = 0; attempt < 50 && r.status != 200; ++attempt) {
    r = http(port, "GET", "/control/status");
    if (r.status != 200) usleep(20000);
  }
  CHECK(r.status == 200);
  for (int fd : idle) close(fd);
}

TEST_CASE("the tracker counts connections per client and frees a slot when one closes") {
  using finsim::server::ConnectionTracker;
  auto tracker = std::make_shared<ConnectionTracker>(5, 2);
  auto a1 = tracker->admit("192.0.2.1");
  auto a2 = tracker->admit("192.0.2.1");
  REQUIRE(a1);
  REQUIRE(a2);
  CHECK_FALSE(tracker->admit("192.0.2.1"));  // its quota
  auto b1 = tracker->admit("192.0.2.2");
  auto b2 = tracker->admit("192.0.2.2");
  auto c1 = tracker->admit("192.0.2.3");
  REQUIRE(b1);
  REQUIRE(b2);
  REQUIRE(c1);
  CHECK_FALSE(tracker->admit("192.0.2.4"));  // the global limit still holds
  CHECK(tracker->count() == 5);
  CHECK(tracker->count("192.0.2.1") == 2);
  a1.reset();
  CHECK(tracker->count("192.0.2.1") == 1);
  CHECK(tracker->admit("192.0.2.1"));  // admitted, and released at once (the ticket is a temporary)
  CHECK(tracker->count("192.0.2.1") == 1);
  a2.reset();
  CHECK(tracker->count("192.0.2.1") == 0);
  CHECK(tracker->count() == 3);
}

TEST_CASE("a client is an IPv4 address, or an IPv6 /64") {
  using boost::asio::ip::make_address;
  using finsim::server::client_address;
  CHECK(client_address(make_address("127.0.0.2")) == "127.0.0.2");
  CHECK(client_address(make_address("::ffff:192.0.2.7")) == "192.0.2.7");
  CHECK(client_address(make_address("2001:db8:0:1::1")) == "2001:db8:0:1::/64");
  CHECK(client_address(make_address("2001:db8:0:1:ffff:1:2:3")) == "2001:db8:0:1::/64");
  CHECK(client_address(make_address("2001:db8:0:2::1")) != client_address(make_address("2001:db8:0:1::1")));
  CHECK(client_address(make_address("::1")) == "::/64");
}
