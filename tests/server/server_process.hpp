// A real finsim-server started as a child process on a free loopback port (--port 0; the port is
// read from the URL it prints first), stopped by SIGTERM when the test is done.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace finsim::test {

class ServerProcess {
 public:
  /// Starts build/server/finsim-server with `args` (plus --port 0 and, unless given, --db in a fresh
  /// temporary folder and --web pointing at a folder that does not exist). Waits for its URL line;
  /// throws std::runtime_error if it does not come within 10 s.
  explicit ServerProcess(std::vector<std::string> args = {});
  ~ServerProcess();  ///< SIGTERM, then SIGKILL after 5 s
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  /// The temporary folder of this server (its database lives there unless --db was given).
  [[nodiscard]] const std::string& dir() const { return dir_; }

  /// Sends `signal` (0 sends nothing: only waits) and waits up to `timeout` for the exit. Returns the exit code (128 + signal
  /// when killed by one), or -1 after a timeout (the process is then killed).
  int stop(int signal, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
  std::string dir_;
};

/// The path of the built finsim-server.
std::string server_binary();

/// A fresh empty temporary folder (removed by nobody: under /tmp).
std::string make_temp_dir();

}  // namespace finsim::test
