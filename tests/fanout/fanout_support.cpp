#include "fanout_support.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "fanout/redis_address.hpp"
#include "fanout/redis_connection.hpp"

namespace finsim::test {

using nlohmann::json;
using std::chrono::milliseconds;

std::string redis_url(int db) {
  const char* dir = std::getenv("FINSIM_TEST_REDIS_DIR");
  REQUIRE(dir != nullptr);
  std::ifstream in(std::string(dir) + "/url");
  std::string url;
  in >> url;
  REQUIRE(!url.empty());
  url += "/" + std::to_string(db);
  auto address = finsim::server::parse_redis_address(url);
  REQUIRE(address.ok());
  auto redis = finsim::server::RedisConnection::open(*address, milliseconds(2000));
  REQUIRE(redis.ok());
  REQUIRE((*redis)->command({"FLUSHDB"}).ok());
  return url;
}

Instances::Instances(const std::string& url, int count) {
  const char* names[] = {"a", "b", "c"};
  for (int i = 0; i < count; ++i)
    servers.push_back(std::make_unique<ServerProcess>(
        std::vector<std::string>{"--redis", url, "--instance", names[i], "--control-token", kToken}));
}

HttpReply post(int port, const std::string& target, const std::string& body, bool with_token) {
  Headers headers{{"Content-Type", "application/json"}};
  if (with_token) headers.emplace_back("Authorization", "Bearer " + kToken);
  return http(port, "POST", target, body, headers);
}

json ok(const HttpReply& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return json_of(r);
}

std::vector<std::string> read_stream(WsViewer& viewer, int last, milliseconds timeout) {
  std::vector<std::string> out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    WsRead r = viewer.read(milliseconds(3000));
    if (!r.is_message()) break;
    out.push_back(r.text);
    if (r.type() == "STATE_UPDATE" && r.timestep() >= last) break;
  }
  return out;
}

std::vector<std::string> read_through(WsViewer& viewer, int last) {
  auto out = read_stream(viewer, last);
  INFO(out.size() << " messages");
  REQUIRE(!out.empty());
  WsRead r;
  r.kind = WsRead::Kind::message;
  r.text = out.back();
  REQUIRE(r.timestep() >= last);
  return out;
}

std::vector<std::string> after_state(const std::vector<std::string>& messages, int from) {
  for (std::size_t i = messages.size(); i-- > 0;) {
    WsRead r;
    r.kind = WsRead::Kind::message;
    r.text = messages[i];
    if (r.type() == "STATE_UPDATE" && r.timestep() == from) return {messages.begin() + static_cast<long>(i) + 1, messages.end()};
  }
  FAIL("no STATE_UPDATE of step " << from);
  return {};
}

std::string difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  auto what = [](const std::string& m) {
    WsRead r;
    r.kind = WsRead::Kind::message;
    r.text = m;
    return r.type() + "@" + std::to_string(r.timestep()) + " (" + std::to_string(m.size()) + " bytes)";
  };
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return "message " + std::to_string(i) + ": " + what(a[i]) + " against " + what(b[i]);
  if (a.size() != b.size()) return std::to_string(a.size()) + " messages against " + std::to_string(b.size());
  return "";
}

Seen watch(WsViewer& viewer, int last, milliseconds quiet) {
  Seen seen;
  while (seen.steps.empty() || seen.steps.back() < last) {
    seen.end = viewer.read_any(quiet);
    if (!seen.end.is_message()) break;
    if (seen.end.type() == "STATE_UPDATE") seen.steps.push_back(seen.end.timestep());
  }
  return seen;
}

bool consecutive(const std::vector<int>& steps) {
  for (std::size_t i = 1; i < steps.size(); ++i)
    if (steps[i] != steps[i - 1] + 1) return false;
  return true;
}

OwnRedis::OwnRedis() : dir_(make_temp_dir()) {
  // A free port: the kernel's choice for a socket bound to port 0, released for redis-server.
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  port_ = ntohs(a.sin_port);
  ::close(s);
  start();
}

OwnRedis::~OwnRedis() { kill(); }

void OwnRedis::start() {
  const std::string port = std::to_string(port_);
  pid_ = ::fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    ::execlp("redis-server", "redis-server", "--bind", "127.0.0.1", "--port", port.c_str(), "--save", "",
             "--appendonly", "no", "--dir", dir_.c_str(), "--logfile", (dir_ + "/redis.log").c_str(), nullptr);
    ::_exit(127);
  }
  auto address = server::parse_redis_address(url());
  REQUIRE(address.ok());
  for (int i = 0; i < 100; ++i) {
    auto redis = server::RedisConnection::open(*address, milliseconds(500));
    if (redis.ok() && (*redis)->command({"PING"}).ok()) return;
    std::this_thread::sleep_for(milliseconds(50));
  }
  FAIL("redis-server did not answer on port " << port_ << " (see " << dir_ << "/redis.log)");
}

void OwnRedis::pause() { REQUIRE(::kill(pid_, SIGSTOP) == 0); }
void OwnRedis::resume() { REQUIRE(::kill(pid_, SIGCONT) == 0); }

void OwnRedis::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace finsim::test
