// The command line: bad arguments are one line on stderr and exit code 2; --help exits 0; the
// connection limit closes connections beyond it.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "child_process.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

using namespace finsim::test;

TEST_CASE("bad arguments print one line on stderr and exit 2") {
  const std::string db = make_temp_dir() + "/x.db";
  const std::vector<std::vector<std::string>> bad{
      {"--port", "http"},          {"--port", "70000"},       {"--bogus"},
      {"--threads", "0"},          {"--stall-timeout", "0"},  {"--control-token", ""},
      {"--max-sessions", "none"},  {"extra"},                  {"--host", "not-an-address", "--db", db},
      {"--port"},                  {"--allow-origin", "*"},   {"--allow-origin", "https://x.example/app"},
      {"--allow-origin", "ftp://x.example"},
      {"--max-banks", "1"},        {"--max-banks", "20001"},  {"--max-connections-per-client", "0"},
      {"--idempotency-retention", "0"}, {"--idempotency-retention", "1.5"}, {"--idempotency-retention", "31536001"},
      {"--idempotency-max-keys", "0"},  {"--idempotency-max-keys", "100000001"},
      {"--redis", "http://127.0.0.1"},  {"--redis", "redis://127.0.0.1:0"}, {"--instance", "a"},
      {"--redis", "redis://127.0.0.1:1", "--instance", "a b"},
      // A Redis that does not answer: said at start, not found out by the first viewer.
      {"--redis", "redis://127.0.0.1:1", "--db", db},
  };
  for (const auto& args : bad) {
    std::vector<std::string> argv{server_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    INFO(args.front());
    const ProcessResult r = run_process(argv);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("finsim-server: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  const ProcessResult help = run_process({server_binary(), "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--control-token") != std::string::npos);
  CHECK(help.out.find("--allow-origin") != std::string::npos);
  CHECK(help.out.find("--max-banks") != std::string::npos);
  CHECK(help.out.find("--max-connections-per-client") != std::string::npos);
  CHECK(help.out.find("--idempotency-retention") != std::string::npos);
  CHECK(help.out.find("--idempotency-max-keys") != std::string::npos);
  CHECK(help.out.find("--redis") != std::string::npos);
}

TEST_CASE("a port in use is a clear error with exit 2") {
  ServerProcess first;
  const std::string db = make_temp_dir() + "/x.db";
  const ProcessResult r =
      run_process({server_binary(), "--port", std::to_string(first.port()), "--db", db});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot listen") != std::string::npos);
}

TEST_CASE("connections beyond --max-connections are closed at once") {
  ServerProcess server({"--max-connections", "3"});
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(connect_loopback(server.port()));
  const int extra = connect_loopback(server.port());
  char c;
  timeval tv{2, 0};
  setsockopt(extra, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  CHECK(recv(extra, &c, 1, 0) == 0);  // closed by the server without an answer
  close(extra);
  for (int fd : held) close(fd);
  // Once they are gone the server answers again.
  HttpReply r;
  for (int attempt = 0; attempt < 50 && r.status != 200; ++attempt) {
    r = http(server.port(), "GET", "/control/status");
    if (r.status != 200) usleep(20000);
  }
  CHECK(r.status == 200);
}
