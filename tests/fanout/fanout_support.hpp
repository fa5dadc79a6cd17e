// Helpers of the fan-out tests: the test Redis, instances on it, requests with the token, and reading
// and comparing viewers' streams.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

namespace finsim::test {

inline const std::string kToken = "fanout-token";

/// The test Redis (scripts/redis_server.sh, started by CTest) with database `db`, emptied.
std::string redis_url(int db);

/// Instances a, b, c on one Redis (a URL, or a database of the test Redis), started in that order
/// (so a owns the default session).
struct Instances {
  explicit Instances(int db, int count = 3) : Instances(redis_url(db), count) {}
  Instances(const std::string& url, int count);
  [[nodiscard]] int port(std::size_t i) const { return servers.at(i)->port(); }
  std::vector<std::unique_ptr<ServerProcess>> servers;
};

/// A Redis of a test's own (Debian's redis-server on a free loopback port, nothing saved), which the
/// test may stop and start again on the same port; stopped when destroyed.
class OwnRedis {
 public:
  OwnRedis();
  ~OwnRedis();
  OwnRedis(const OwnRedis&) = delete;
  OwnRedis& operator=(const OwnRedis&) = delete;
  [[nodiscard]] std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  /// Starts it (REQUIREs that it answers within 5 s).
  void start();
  /// Stops it at once (SIGKILL: its data goes, as after a crash or a restart without persistence).
  void kill();
  /// Stalls it (SIGSTOP: connections stay open, nothing is answered), and resumes it (SIGCONT).
  void pause();
  void resume();

 private:
  int port_ = 0;
  pid_t pid_ = -1;
  std::string dir_;
};

/// POST with a JSON body, with the control token unless told otherwise.
HttpReply post(int port, const std::string& target, const std::string& body = "", bool with_token = true);
/// The reply's JSON, REQUIRing 200.
nlohmann::json ok(const HttpReply& r);

/// Every contract message `viewer` receives until the STATE_UPDATE of step `last` (included), or
/// until the stream stops for 3 s. Makes no assertion: it may run on a thread of its own.
std::vector<std::string> read_stream(WsViewer& viewer, int last,
                                     std::chrono::milliseconds timeout = std::chrono::milliseconds(15000));
/// read_stream(), REQUIRing that the STATE_UPDATE of step `last` came.
std::vector<std::string> read_through(WsViewer& viewer, int last);
/// The messages after the last STATE_UPDATE of step `from` (exclusive): after a reset's, not a join's.
std::vector<std::string> after_state(const std::vector<std::string>& messages, int from);
/// The STATE_UPDATE steps a viewer saw, and how its stream ended.
struct Seen {
  std::vector<int> steps;
  WsRead end;
};
/// Reads `viewer` (STATUS messages included) until the STATE_UPDATE of step `last`, a close, or `quiet`
/// without a message. Makes no assertion: it may run on a thread of its own.
Seen watch(WsViewer& viewer, int last, std::chrono::milliseconds quiet = std::chrono::milliseconds(8000));
/// Whether each step follows the one before it.
bool consecutive(const std::vector<int>& steps);

/// "" when `a` and `b` are the same messages, else where they first differ (types and steps, not texts).
std::string difference(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace finsim::test
