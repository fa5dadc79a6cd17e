#include "fanout/redis_connection.hpp"

#include <sys/socket.h>

#include <hiredis/hiredis.h>

namespace finsim::server {
namespace {

struct ReplyDeleter {
  void operator()(void* reply) const { freeReplyObject(reply); }
};
using OwnedReply = std::unique_ptr<void, ReplyDeleter>;

RedisReply copy(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.kind = RedisReply::Kind::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      out.kind = RedisReply::Kind::string;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.kind = RedisReply::Kind::error;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.kind = RedisReply::Kind::array;
      out.elements.reserve(r->elements);
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(copy(r->element[i]));
      break;
    default:
      break;
  }
  return out;
}

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

Error unavailable(const std::string& why) { return make_error("redis_unavailable", "Redis: " + why); }

/// Queues `command` in the context's output buffer (nothing is sent yet).
bool append(redisContext* context, const RedisCommand& command) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(command.size());
  lengths.reserve(command.size());
  for (const std::string& part : command) {
    argv.push_back(part.data());
    lengths.push_back(part.size());
  }
  return redisAppendCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data()) == REDIS_OK;
}

}  // namespace

RedisConnection::RedisConnection(redisContext* context) : context_(context) {}

RedisConnection::~RedisConnection() { redisFree(context_); }

Result<std::unique_ptr<RedisConnection>> RedisConnection::open(const RedisAddress& address,
                                                               std::chrono::milliseconds timeout, bool blocking_reads) {
  redisContext* c = redisConnectWithTimeout(address.host.c_str(), address.port, to_timeval(timeout));
  if (c == nullptr) return unavailable("out of memory");
  std::unique_ptr<RedisConnection> connection(new RedisConnection(c));
  if (c->err != 0)
    return unavailable(std::string(c->errstr) + " (" + address.host + ":" + std::to_string(address.port) + ")");
  // A zero timeval means no timeout (SO_RCVTIMEO).
  if (redisSetTimeout(c, to_timeval(blocking_reads ? std::chrono::milliseconds(0) : timeout)) != REDIS_OK)
    return unavailable("cannot set a timeout");
  if (address.db != 0) {
    auto selected = connection->command({"SELECT", std::to_string(address.db)});
    if (!selected.ok()) return selected.error();
    if (selected->kind == RedisReply::Kind::error) return unavailable("SELECT " + std::to_string(address.db) + ": " + selected->text);
  }
  return connection;
}

Error RedisConnection::fail(const char* what) {
  return unavailable(std::string(what) + ": " + (context_->err != 0 ? context_->errstr : "no reply"));
}

Status RedisConnection::send(const RedisCommand& command) {
  if (!append(context_, command)) return fail("cannot queue a command");
  int done = 0;
  while (done == 0)
    if (redisBufferWrite(context_, &done) != REDIS_OK) return fail("cannot send");
  return {};
}

Result<RedisReply> RedisConnection::read() {
  void* raw = nullptr;
  if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) return fail("connection lost");
  OwnedReply reply(raw);
  return copy(static_cast<const redisReply*>(reply.get()));
}

Result<RedisReply> RedisConnection::command(const RedisCommand& command) {
  if (Status st = send(command); !st.ok()) return st.error();
  return read();
}

Result<std::vector<RedisReply>> RedisConnection::pipeline(const std::vector<RedisCommand>& commands) {
  for (const RedisCommand& c : commands)
    if (!append(context_, c)) return fail("cannot queue a command");
  std::vector<RedisReply> replies;
  replies.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    auto r = read();  // the first read flushes what was queued
    if (!r.ok()) return r.error();
    replies.push_back(std::move(r).value());
  }
  return replies;
}

void RedisConnection::interrupt() {
  if (context_->fd >= 0) ::shutdown(context_->fd, SHUT_RDWR);
}

}  // namespace finsim::server
