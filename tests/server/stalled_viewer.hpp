// A WebSocket viewer that completes the handshake and then never reads: the slowest client there
// is. Plain POSIX sockets with a small receive buffer, so the server's writes block quickly.
#pragma once

#include <string>

namespace finsim::test {

class StalledViewer {
 public:
  /// Connects and sends the upgrade request; REQUIREs a 101 answer.
  explicit StalledViewer(int port, const std::string& target = "/ws/simulation");
  ~StalledViewer();
  /// Half-closes: sends FIN (the client's end is done) and still never reads.
  void shutdown_write();
  StalledViewer(const StalledViewer&) = delete;
  StalledViewer& operator=(const StalledViewer&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace finsim::test
