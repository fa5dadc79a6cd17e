// A WebSocket viewer that completes the handshake and then never reads: the slowest client there
// is. A raw socket (RawWsClient) with a small receive buffer, so the server's writes block quickly.
#pragma once

#include <string>

#include "raw_ws_client.hpp"

namespace finsim::test {

class StalledViewer {
 public:
  /// Connects and sends the upgrade request; REQUIREs a 101 answer. No frame is read.
  explicit StalledViewer(int port, const std::string& target = "/ws/simulation") : client_(port, "", target, 4096) {}

  /// Half-closes: sends FIN (the client's end is done) and still never reads.
  void shutdown_write() { client_.shutdown_write(); }

 private:
  RawWsClient client_;
};

}  // namespace finsim::test
