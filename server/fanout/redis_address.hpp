// Where Redis listens: --redis redis://host[:port][/db] (docs/deploy.md). Pure.
#pragma once

#include <string>
#include <string_view>

#include "finsim/result.hpp"

namespace finsim::server {

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;  ///< SELECTed after connecting; 0 .. 15 on a stock Redis
};

/// Parses redis://host[:port][/db] (host an IP address, a name, or [IPv6]). Error code "usage" with a
/// one-line message naming what is wrong; user names, passwords and TLS (rediss://) are not supported.
Result<RedisAddress> parse_redis_address(std::string_view url);

}  // namespace finsim::server
