// One connection to Redis through hiredis' blocking API, as the fan-out uses it: commands (alone or
// pipelined) on a command connection, and a subscription read in a loop on a connection of its own.
// Replies are copied into plain values, so no hiredis type leaves this file. Not thread-safe: one
// thread uses a connection at a time (the fan-out guards its command connection with a mutex), except
// interrupt(), which any thread may call to end a blocking read.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "fanout/redis_address.hpp"
#include "finsim/result.hpp"

struct redisContext;

namespace finsim::server {

/// A Redis reply: nil, an integer, a string (bulk or status), an error, or an array of these.
struct RedisReply {
  enum class Kind { nil, integer, string, error, array } kind = Kind::nil;
  long long integer = 0;
  std::string text;  ///< a string's or an error's text
  std::vector<RedisReply> elements;

  [[nodiscard]] bool is_nil() const { return kind == Kind::nil; }
  [[nodiscard]] bool is_string() const { return kind == Kind::string; }
};

using RedisCommand = std::vector<std::string>;

class RedisConnection {
 public:
  /// Connects within `timeout` and selects the address's database; commands then fail after `timeout`
  /// without an answer, or, with `blocking_reads` (a subscription), wait as long as it takes. Error
  /// redis_unavailable.
  static Result<std::unique_ptr<RedisConnection>> open(const RedisAddress& address, std::chrono::milliseconds timeout,
                                                       bool blocking_reads = false);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  /// One command and its reply (a Redis error reply is a reply, kind error). Error redis_unavailable
  /// when the connection failed: it is unusable from then on (open another).
  Result<RedisReply> command(const RedisCommand& command);
  /// Several commands in one round trip; their replies in order. Errors as command().
  Result<std::vector<RedisReply>> pipeline(const std::vector<RedisCommand>& commands);
  /// Sends a command without reading its reply (SUBSCRIBE, whose confirmations come through read()).
  Status send(const RedisCommand& command);
  /// The next reply or pushed message, waiting for it. Error redis_unavailable (also after interrupt()).
  Result<RedisReply> read();
  /// Makes a blocked read() (or any later call) fail at once. Thread-safe; idempotent.
  void interrupt();

 private:
  explicit RedisConnection(redisContext* context);
  Error fail(const char* what);
  redisContext* context_;
};

}  // namespace finsim::server
