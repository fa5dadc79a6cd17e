// One persistent HTTP/1.1 connection (keep-alive) over a blocking socket: the benchmark's clients send
// request after request on it, as a real API client would. Not thread-safe (one per thread).
#pragma once

#include <string>

#include "plain_http.hpp"

namespace finsim::tools {

class KeepAliveConnection {
 public:
  KeepAliveConnection(std::string host, int port) : host_(std::move(host)), port_(port) {}
  ~KeepAliveConnection();
  KeepAliveConnection(const KeepAliveConnection&) = delete;
  KeepAliveConnection& operator=(const KeepAliveConnection&) = delete;

  /// Sends one request and reads its answer (Content-Length framed), reconnecting first when the
  /// connection is closed. status 0 when no answer came.
  HttpReply request(const std::string& method, const std::string& target, const std::string& body = "",
                    const Headers& headers = {});

 private:
  void disconnect();
  std::string host_;
  int port_;
  int fd_ = -1;
  std::string pending_;  ///< bytes received past the last answer
};

}  // namespace finsim::tools
