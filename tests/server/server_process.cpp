#include "server_process.hpp"
#include "test_store.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <regex>
#include <stdexcept>
#include <thread>

#include "test_paths.hpp"

namespace finsim::test {

std::string server_binary() { return binary_dir() + "/server/finsim-server"; }

std::string make_temp_dir() {
  std::string pattern = "/tmp/finsim-server-test-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

ServerProcess::ServerProcess(std::vector<std::string> args) : dir_(make_temp_dir()) {
  bool has_db = false, has_web = false;
  for (const auto& a : args) {
    has_db = has_db || a == "--db";
    has_web = has_web || a == "--web";
  }
  std::vector<std::string> argv{server_binary(), "--port", "0", "--threads", "2"};
  if (!has_db) argv.insert(argv.end(), {"--db", fresh_store(dir_, "finsim")});
  if (!has_web) argv.insert(argv.end(), {"--web", dir_ + "/no-web"});
  argv.insert(argv.end(), args.begin(), args.end());

  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  signal(SIGPIPE, SIG_IGN);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    std::vector<char*> raw;
    for (auto& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    execv(raw[0], raw.data());
    _exit(127);
  }
  close(out[1]);
  out_fd_ = out[0];

  // The first line is "finsim-server: serving http://127.0.0.1:PORT/".
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[512];
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(R"(serving http://127\.0\.0\.1:(\d+)/)"))) {
    stop(SIGKILL, std::chrono::milliseconds(1000));
    throw std::runtime_error("finsim-server did not start; it printed: " + text);
  }
  port_ = std::stoi(m[1]);
}

int ServerProcess::stop(int signal, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGTERM);
  if (out_fd_ >= 0) close(out_fd_);
}

}  // namespace finsim::test
