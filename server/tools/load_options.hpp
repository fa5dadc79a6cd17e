// The command line of finsim-load (docs/server.md, "Load test").
#pragma once

#include <string>
#include <vector>

#include <sys/types.h>

#include "finsim/result.hpp"

namespace finsim::tools {

struct LoadOptions {
  std::string host = "127.0.0.1";  ///< IPv4 address of the server
  int port = 8080;
  int viewers = 100;
  double seconds = 20.0;           ///< how long the simulation plays while measured
  double speed = 10.0;             ///< steps per second
  std::string session;             ///< "" = the default session
  std::string token;               ///< control token, when the server has one
  /// Ports the viewers connect to, round robin (--viewer-port, repeatable: instances sharing the session
  /// through Redis, docs/deploy.md); empty = `port`. Controls always go to `port`.
  std::vector<int> viewer_ports;
  std::vector<pid_t> server_pids;  ///< for CPU and memory figures, summed (--server-pid, repeatable)
  int threads = 1;                 ///< load generator threads (each owns a share of the viewers)
  int receive_buffer = 0;          ///< SO_RCVBUF of each viewer, bytes; 0 = kernel autotuning
  double settle_seconds = 10.0;    ///< after pausing, how long to wait for every viewer's final state
  bool deflate = false;            ///< viewers offer permessage-deflate (--deflate), as browsers do
  bool help = false;
};

const char* load_usage();

/// Error code "usage" with a one-line message.
Result<LoadOptions> parse_load_options(const std::vector<std::string>& args);

}  // namespace finsim::tools
