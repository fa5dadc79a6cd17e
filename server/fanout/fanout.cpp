#include "fanout/fanout.hpp"

#include <cstdio>
#include <future>

#include <boost/asio/post.hpp>

#include "live_session.hpp"

namespace finsim::server {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr std::chrono::milliseconds kCommandTimeout{2000};
constexpr std::chrono::milliseconds kRetry{250};
constexpr std::string_view kDefault = SessionRegistry::kDefaultId;

/// Renews a lease only while it is this instance's (KEYS[1] owner key, ARGV[1] instance, ARGV[2] ms).
constexpr const char* kRenewScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
/// One publication, fenced: written (the latest hash's fields ARGV[3..], then the message ARGV[2] on
/// channel KEYS[3], unless empty) only while KEYS[1] names this instance (ARGV[1]) as the owner, so that
/// an instance that lost its lease can never overwrite or speak for a session another took over.
constexpr const char* kPublishScript =
    "if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end "
    "if #ARGV > 2 then redis.call('hset', KEYS[2], unpack(ARGV, 3)) end "
    "if ARGV[2] ~= '' then redis.call('publish', KEYS[3], ARGV[2]) end "
    "return 1";
/// Gives a lease up only while it is this instance's.
constexpr const char* kReleaseScript =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

std::string lease_ms() { return std::to_string(Fanout::kLease.count()); }

std::string session_name(const std::string& id) { return id.empty() ? std::string(kDefault) : id; }

/// Field `name` of an HGETALL reply, or "".
std::string field(const RedisReply& hash, std::string_view name) {
  for (std::size_t i = 0; i + 1 < hash.elements.size(); i += 2)
    if (hash.elements[i].text == name) return hash.elements[i + 1].text;
  return {};
}

json parsed(const std::string& text) {
  if (text.empty()) return json();
  return json::parse(text, nullptr, false);
}

Error unknown(const std::string& id) { return make_error("unknown_session", "no session '" + id + "'"); }

/// Restores what is not part of a run: its speed, and whether it played (from a stored status). The
/// speed control also tells every viewer the new status (the new owner) at once.
void restore_pace(LiveSession& live, const json& status) {
  const SessionBound unbounded{kMaxBanks, false};
  const json speed = status.is_object() && status.contains("speed") ? status["speed"] : live.status()["speed"];
  (void)live.control("speed", {{"steps_per_second", speed}}, unbounded);
  if (status.is_object() && status.value("running", false)) (void)live.control("play", json::object(), unbounded);
}

}  // namespace

Fanout::Fanout(RedisAddress address, std::string instance, boost::asio::any_io_executor io,
               std::unique_ptr<RedisConnection> commands)
    : address_(std::move(address)), instance_(std::move(instance)), io_(std::move(io)), commands_(std::move(commands)) {}

Fanout::~Fanout() { stop(); }

Result<std::shared_ptr<Fanout>> Fanout::connect(const RedisAddress& address, std::string instance,
                                               boost::asio::any_io_executor io) {
  auto connection = RedisConnection::open(address, kCommandTimeout);
  if (!connection.ok()) return connection.error();
  auto pong = (*connection)->command({"PING"});
  if (!pong.ok()) return pong.error();
  if (pong->kind == RedisReply::Kind::error) return make_error("redis_unavailable", "Redis: PING: " + pong->text);
  return std::shared_ptr<Fanout>(new Fanout(address, std::move(instance), std::move(io), std::move(connection).value()));
}

Result<RedisReply> Fanout::command(const RedisCommand& c, bool retry) {
  auto replies = pipeline({c}, retry);
  if (!replies.ok()) return replies.error();
  return std::move(replies->front());
}

Result<std::vector<RedisReply>> Fanout::pipeline(const std::vector<RedisCommand>& commands, bool retry) {
  std::lock_guard lock(command_mutex_);
  for (int attempt = 0;; ++attempt) {
    if (commands_) {
      auto replies = commands_->pipeline(commands);
      if (replies.ok()) return replies;
      commands_.reset();
      // Sent but unanswered may have been done: only what may run twice is sent again.
      if (attempt > 0 || !retry) return replies.error();
    }
    auto reopened = RedisConnection::open(address_, kCommandTimeout);
    if (!reopened.ok()) return reopened.error();
    commands_ = std::move(reopened).value();
  }
}

Status Fanout::start(std::shared_ptr<SessionRegistry> sessions) {
  sessions_ = std::move(sessions);
  // Subscribed before anything is relayed, so that no publication falls between a relay's seed and
  // its stream.
  std::promise<Status> subscribed;
  auto ready = subscribed.get_future();
  subscriber_thread_ = std::thread([this, promise = std::move(subscribed)]() mutable {
    bool told = false;
    bool subscribed_before = false;
    auto tell = [&](Status st) {
      if (!told) promise.set_value(std::move(st));
      told = true;
    };
    while (!stopping_) {
      auto connection = RedisConnection::open(address_, kCommandTimeout, true);
      if (!connection.ok()) {
        tell(connection.error());
        std::this_thread::sleep_for(kRetry);
        continue;
      }
      {
        std::lock_guard lock(subscriber_mutex_);
        subscriber_ = connection->get();
      }
      RedisConnection& c = **connection;
      Status sent = c.send({"PSUBSCRIBE", redis_names::publications_pattern(address_.db)});
      if (sent.ok()) sent = c.send({"SUBSCRIBE", redis_names::instance(address_.db, instance_)});
      int confirmations = 0;
      while (sent.ok() && !stopping_) {
        auto reply = c.read();
        if (!reply.ok()) break;
        const auto& e = reply->elements;
        if (reply->kind != RedisReply::Kind::array || e.empty()) continue;
        const std::string& kind = e[0].text;
        if ((kind == "psubscribe" || kind == "subscribe") && ++confirmations == 2) {
          tell({});
          // Publications sent while the subscription was down are lost to the relays: their viewers
          // reconnect (1012) and get fresh relays, seeded from Redis.
          if (subscribed_before) close_relays(CloseReason{1012, "the server lost the session's stream: reconnect"});
          subscribed_before = true;
        }
        try {  // whatever a message holds, the subscription goes on
          if (kind == "pmessage" && e.size() == 4) on_message(e[2].text, e[3].text);
          else if (kind == "message" && e.size() == 3) on_message(e[1].text, e[2].text);
        } catch (const std::exception& error) {
          std::fprintf(stderr, "finsim-server: a Redis message was ignored: %s\n", error.what());
        }
      }
      {
        std::lock_guard lock(subscriber_mutex_);
        subscriber_ = nullptr;
      }
      if (!stopping_) {
        tell(make_error("redis_unavailable", "Redis: the subscription failed"));
        std::fprintf(stderr, "finsim-server: the Redis subscription was lost; reconnecting\n");
        std::this_thread::sleep_for(kRetry);
      }
    }
    tell(make_error("shutting_down", "stopping"));
  });
  if (Status st = ready.get(); !st.ok()) {
    stop();
    return st;
  }
  writer_thread_ = std::thread([this] { writer_loop(); });

  // The default session: built here by the first instance; taken over when its owner is gone.
  const std::string id(kDefault);
  auto known = command({"SISMEMBER", std::string(redis_names::kSessions), id});
  if (!known.ok()) {
    stop();
    return known.error();
  }
  if (known->integer == 0 && try_own(id)) {
    (void)command({"SADD", std::string(redis_names::kSessions), id});
    if (Status st = sessions_->start(); !st.ok()) {
      stop();
      return st;
    }
    wait_written();  // the other instances can relay it from now on
  } else if (auto owner = command({"GET", redis_names::owner(id)}); owner.ok() && owner->is_nil()) {
    (void)take_over(id);  // the previous owner is gone; another instance may be quicker, then it is relayed
  }
  keeper_thread_ = std::thread([this] { keeper_loop(); });
  watcher_thread_ = std::thread([this] { watcher_loop(); });
  return {};
}

void Fanout::stop() {
  if (stopping_.exchange(true)) return;
  requests_.stop();  // the request in progress ends; those waiting are dropped, as their connections will be
  // No lease renewed or taken from now on; then what was published reaches Redis; then the leases go.
  keeper_wake_.notify_all();
  if (keeper_thread_.joinable()) keeper_thread_.join();
  if (watcher_thread_.joinable()) watcher_thread_.join();
  queue_ready_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  run_written_waiters(true);  // the writer is gone: nothing more will be written
  if (sessions_) {
    std::vector<RedisCommand> releases;
    for (const std::string& id : sessions_->ids())
      releases.push_back({"EVAL", kReleaseScript, "1", redis_names::owner(id), instance_});
    if (!releases.empty()) (void)pipeline(releases);
  }
  {
    std::lock_guard lock(subscriber_mutex_);
    if (subscriber_) subscriber_->interrupt();
  }
  if (subscriber_thread_.joinable()) subscriber_thread_.join();
  std::map<std::uint64_t, Pending> pending;
  {
    std::lock_guard lock(pending_mutex_);
    pending.swap(pending_);
  }
  for (auto& [req, p] : pending) p.answer(make_error("shutting_down", "the server is shutting down"));
}

bool Fanout::try_own(const std::string& id) {
  if (stopping_) return false;
  auto set = command({"SET", redis_names::owner(id), instance_, "NX", "PX", lease_ms()}, false);
  return set.ok() && set->is_string() && set->text == "OK";
}

Status Fanout::claim(const std::string& id) {
  auto known = command({"SISMEMBER", std::string(redis_names::kSessions), id});
  if (!known.ok()) return known.error();
  if (known->integer != 0 || !try_own(id))
    return make_error("session_exists", "session '" + id + "' exists (on another instance)");
  auto added = command({"SADD", std::string(redis_names::kSessions), id});
  if (!added.ok()) return added.error();
  return {};
}

void Fanout::release(const std::string& id) {
  (void)pipeline({{"EVAL", kReleaseScript, "1", redis_names::owner(id), instance_},
                  {"SREM", std::string(redis_names::kSessions), id}});
}

void Fanout::release_lease(const std::string& id) {
  (void)command({"EVAL", kReleaseScript, "1", redis_names::owner(id), instance_});
}

void Fanout::ended(const std::string& id) {
  {
    std::lock_guard lock(queue_mutex_);
    latest_fields_.erase(id);
  }
  Publication closed;
  closed.owner = instance_;
  closed.closed = true;
  enqueue({{"SREM", std::string(redis_names::kSessions), id},
           {"DEL", redis_names::latest(id)},
           {"PUBLISH", redis_names::publications(address_.db, id), encode_publication(closed)},
           {"EVAL", kReleaseScript, "1", redis_names::owner(id), instance_}});
  wait_written();  // gone everywhere before the DELETE is answered, and never taken over again
}

void Fanout::published(std::string_view session, const std::vector<Frame>& frames, const json& status,
                       const json& replay_body, bool tell) {
  if (stopping_) return;
  Publication p;
  p.owner = instance_;
  p.status = status;
  p.tell = tell;
  p.seq = frames.empty() ? 0 : frames.front().publication;
  RedisCommand script{"EVAL", kPublishScript, "3", redis_names::owner(session), redis_names::latest(session),
                      redis_names::publications(address_.db, session), instance_, "",
                      "status", status.dump(), "replay", replay_body.dump(), "owner", instance_};
  for (const Frame& f : frames) {
    p.messages.push_back(*f.text);
    if (f.kind == FrameKind::state) script.insert(script.end(), {"state", *f.text});
    if (f.kind == FrameKind::metrics) script.insert(script.end(), {"metrics", *f.text});
  }
  if (p.seq != 0) script.insert(script.end(), {"seq", std::to_string(p.seq)});
  // A session being taken over first publishes the state its viewers already have: the hash alone.
  const bool first_of_takeover = !tell && adopting(std::string(session));
  if (!first_of_takeover) script[7] = encode_publication(p);
  {
    std::lock_guard lock(queue_mutex_);
    auto& fields = latest_fields_[std::string(session)];
    for (std::size_t i = 8; i + 1 < script.size(); i += 2) fields[script[i]] = script[i + 1];
  }
  enqueue({std::move(script)});
}

void Fanout::restore_latest(const std::string& id) {
  RedisCommand script{"EVAL", kPublishScript, "3", redis_names::owner(id), redis_names::latest(id),
                      redis_names::publications(address_.db, id), instance_, ""};
  {
    std::lock_guard lock(queue_mutex_);
    auto it = latest_fields_.find(id);
    if (it == latest_fields_.end()) return;
    for (const auto& [field, value] : it->second) script.insert(script.end(), {field, value});
  }
  enqueue({std::move(script)});
}

std::chrono::steady_clock::duration Fanout::unclaimed_for(const std::string& id) {
  const auto now = Clock::now();
  std::lock_guard lock(adopting_mutex_);
  auto [it, first] = unclaimed_since_.try_emplace(id, now);
  // A sighting long ago belongs to another episode: this one starts now.
  if (!first && now - it->second > 10 * kLease) it->second = now;
  return now - it->second;
}

void Fanout::enqueue(std::vector<RedisCommand> commands) {
  {
    std::lock_guard lock(queue_mutex_);
    if (queue_.size() >= kMaxQueued) {
      queue_.pop_front();
      ++dropped_;
      ++finished_;
    }
    queue_.push_back(std::move(commands));
    ++queued_;
  }
  queue_ready_.notify_one();
}

void Fanout::created(const std::string&) { wait_written(); }

void Fanout::when_written(std::function<void()> done) {
  {
    std::lock_guard lock(queue_mutex_);
    if (finished_ < queued_ && !stopping_) {
      written_waiters_.emplace_back(queued_, std::move(done));
      return;
    }
  }
  done();
}

void Fanout::run_written_waiters(bool all) {
  std::vector<std::function<void()>> ready;
  {
    std::lock_guard lock(queue_mutex_);
    auto kept = written_waiters_.begin();
    for (auto& waiter : written_waiters_) {
      if (all || waiter.first <= finished_) ready.push_back(std::move(waiter.second));
      else *kept++ = std::move(waiter);
    }
    written_waiters_.erase(kept, written_waiters_.end());
  }
  for (auto& done : ready) done();
}

void Fanout::wait_written() {
  std::unique_lock lock(queue_mutex_);
  const std::uint64_t target = queued_;
  queue_done_.wait_for(lock, kControlTimeout, [&] { return finished_ >= target || stopping_; });
}

void Fanout::writer_loop() {
  std::unique_ptr<RedisConnection> connection;
  for (;;) {
    std::vector<RedisCommand> batch;
    std::size_t publications = 0;
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything written
      for (auto& commands : queue_) {
        for (auto& c : commands) batch.push_back(std::move(c));
        ++publications;
      }
      queue_.clear();
    }
    // Written or given up, the batch is finished for those waiting on it (created(), when_written()).
    struct Finish {
      Fanout& self;
      std::size_t count;
      ~Finish() {
        {
          std::lock_guard lock(self.queue_mutex_);
          self.finished_ += count;
        }
        self.queue_done_.notify_all();
        self.run_written_waiters(false);
      }
    } finish{*this, publications};
    // Never sent twice: a batch that fails may have been partly done (relays would see steps twice).
    if (!connection) {
      auto opened = RedisConnection::open(address_, kCommandTimeout);
      if (opened.ok()) connection = std::move(opened).value();
    }
    if (connection && connection->pipeline(batch).ok()) {
      written_ += publications;
      continue;
    }
    connection.reset();
    dropped_ += publications;
    std::fprintf(stderr, "finsim-server: Redis unavailable: %zu publications not shared\n", publications);
    if (!stopping_) std::this_thread::sleep_for(kRetry);
  }
}

void Fanout::on_message(const std::string& channel, const std::string& payload) {
  if (channel == redis_names::instance(address_.db, instance_)) {
    const json message = json::parse(payload, nullptr, false);
    if (message.is_object()) on_instance_message(message);
    return;
  }
  const auto session = redis_names::session_of_channel(address_.db, channel);
  if (!session) return;
  auto publication = decode_publication(payload);
  if (!publication || publication->owner == instance_) return;
  std::shared_ptr<RelaySession> relay;
  {
    std::lock_guard lock(relays_mutex_);
    auto it = relays_.find(*session);
    if (it == relays_.end()) return;
    relay = it->second;
    if (publication->closed) relays_.erase(it);
  }
  relay->receive(*publication);
  ++relayed_;
}

void Fanout::on_instance_message(const json& message) {
  if (!message.contains("op") || !message["op"].is_string()) return;
  const std::string op = message["op"].get<std::string>();
  if (op == "control") {
    boost::asio::post(io_, [self = shared_from_this(), message] { self->run_forwarded(message); });
  } else if (op == "answer") {
    answer_forwarded(message);
  }
}

Result<json> Fanout::act_here(const std::string& id, const std::string& name, const json& body,
                              const SessionBound& bound) {
  if (name == "close") {
    auto closed = sessions_->close(id);
    if (!closed.ok()) return closed.error();
    return json{{"closed", id}, {"viewers_disconnected", *closed}};
  }
  auto live = sessions_->find(id);
  if (!live.ok()) return live.error();
  return (*live)->control(name, body, bound);
}

std::shared_ptr<RelaySession> Fanout::open_relay(const std::string& id) {
  std::lock_guard lock(relays_mutex_);
  auto it = relays_.find(id);
  return it != relays_.end() && !it->second->closed() ? it->second : nullptr;
}

void Fanout::run_forwarded(const json& request) {
  json answer{{"op", "answer"}, {"req", request.value("req", 0)}};
  try {
    const std::string id = request.at("session").get<std::string>();
    const std::string name = request.at("name").get<std::string>();
    const SessionBound bound{request.value("banks", kDefaultMaxBanks), request.value("replays_bounded", true)};
    const Result<json> result = act_here(id, name, request.at("body"), bound);
    if (result.ok()) answer["value"] = result.value();
    else answer["error"] = {{"code", result.error().code}, {"message", result.error().message}};
  } catch (const json::exception& e) {
    answer["error"] = {{"code", "bad_request"}, {"message", std::string("a forwarded control: ") + e.what()}};
  }
  const std::string from = request.value("from", "");
  if (!from.empty()) enqueue({{"PUBLISH", redis_names::instance(address_.db, from), answer.dump()}});
}

void Fanout::answer_forwarded(const json& reply) {
  if (!reply.contains("req") || !reply["req"].is_number_unsigned()) return;
  Answer answer;
  {
    std::lock_guard lock(pending_mutex_);
    auto it = pending_.find(reply["req"].get<std::uint64_t>());
    if (it == pending_.end()) return;
    answer = std::move(it->second.answer);
    pending_.erase(it);
  }
  if (reply.contains("error") && reply["error"].is_object())
    answer(make_error(reply["error"].value("code", "internal"), reply["error"].value("message", "")));
  else
    answer(reply.value("value", json::object()));
}

void Fanout::forward(const std::string& raw_id, const std::string& name, const json& body, const SessionBound& bound,
                     Answer answer) {
  const std::string id = session_name(raw_id);
  auto owner = command({"GET", redis_names::owner(id)});
  if (!owner.ok()) return answer(owner.error());
  if (owner->is_nil()) {
    // The owner is gone: this instance takes the session over and answers itself.
    auto live = take_over(id);
    if (!live.ok()) return answer(live.error());
    return answer(act_here(id, name, body, bound));
  }
  if (owner->text == instance_) {
    // Being built here (a creation or a takeover under way): answered here once it is.
    if (sessions_->find(id).ok()) return answer(act_here(id, name, body, bound));
    return answer(make_error("owner_unavailable", "session '" + id + "' is being set up here; try again"));
  }
  std::uint64_t req = 0;
  {
    std::lock_guard lock(pending_mutex_);
    req = next_request_++;
    pending_[req] = Pending{Clock::now() + kControlTimeout, std::move(answer)};
  }
  const json request{{"op", "control"}, {"req", req},   {"from", instance_},
                     {"session", id},   {"name", name}, {"body", body},
                     {"banks", bound.banks}, {"replays_bounded", bound.replays_bounded}};
  auto sent = command({"PUBLISH", redis_names::instance(address_.db, owner->text), request.dump()}, false);
  if (!sent.ok() || sent->integer == 0) {
    Answer lost;
    {
      std::lock_guard lock(pending_mutex_);
      auto it = pending_.find(req);
      if (it == pending_.end()) return;
      lost = std::move(it->second.answer);
      pending_.erase(it);
    }
    lost(make_error("owner_unavailable", "the instance running session '" + id + "' does not answer; try again"));
  }
}

Result<std::shared_ptr<LiveSession>> Fanout::take_over(const std::string& id) {
  // Owned first, read second: the replay body read is the last one the previous owner wrote.
  if (!try_own(id)) return make_error("owner_unavailable", "another instance is taking session '" + id + "' over");
  auto latest = command({"HGETALL", redis_names::latest(id)});
  json replay = latest.ok() ? parsed(field(*latest, "replay")) : json();
  // No stored run: a Redis that restarted empty under a live owner — who claims the session back
  // within a renewal and stores its run again —, or an owner that died before its first publication
  // reached Redis. The default session, which always exists, starts afresh, but only once it has gone
  // unclaimed for longer than a live owner could take; until then the caller is told to try again.
  if (!replay.is_object() && id == kDefault && latest.ok()) {
    if (unclaimed_for(id) < kLease + kRenewEvery) {
      release_lease(id);
      return make_error("owner_unavailable", "session '" + id + "' has no owner just now; try again");
    }
    replay = json::object();
  }
  if (!replay.is_object()) {
    release_lease(id);
    return latest.ok() ? unknown(id) : latest.error();
  }
  {
    std::lock_guard lock(adopting_mutex_);
    unclaimed_since_.erase(id);
  }
  Result<std::shared_ptr<LiveSession>> live = make_error("internal", "not built");
  {
    AdoptingMark mark(*this, id);  // the lease is renewed while the run is rebuilt, however long
    live = sessions_->adopt(id, replay);
  }
  if (!live.ok()) {
    std::fprintf(stderr, "finsim-server: cannot take session '%s' over: %s\n", id.c_str(), live.error().message.c_str());
    release_lease(id);  // listed still: another instance may manage
    return live.error();
  }
  ++takeovers_;
  restore_pace(**live, latest.ok() ? parsed(field(*latest, "status")) : json());
  std::shared_ptr<RelaySession> relay;
  {
    std::lock_guard lock(relays_mutex_);
    if (auto it = relays_.find(id); it != relays_.end()) {
      relay = it->second;
      relays_.erase(it);
    }
  }
  if (relay) relay->close(CloseReason{1012, "the session moved to this server: reconnect"});
  std::fprintf(stderr, "finsim-server: took session '%s' over at step %d\n", id.c_str(), replay.value("to_step", 0));
  return live;
}

bool Fanout::adopting(const std::string& id) {
  std::lock_guard lock(adopting_mutex_);
  return adopting_.count(id) > 0;
}

Fanout::AdoptingMark::AdoptingMark(Fanout& fanout, std::string id) : fanout_(fanout), id_(std::move(id)) {
  std::lock_guard lock(fanout_.adopting_mutex_);
  fanout_.adopting_.insert(id_);
}

Fanout::AdoptingMark::~AdoptingMark() {
  std::lock_guard lock(fanout_.adopting_mutex_);
  fanout_.adopting_.erase(id_);
}

void Fanout::close_relays(const CloseReason& reason) {
  std::map<std::string, std::shared_ptr<RelaySession>, std::less<>> relays;
  {
    std::lock_guard lock(relays_mutex_);
    relays.swap(relays_);
  }
  for (auto& [id, relay] : relays) relay->close(reason);
}

std::shared_ptr<RelaySession> Fanout::relay_of(const std::string& id) {
  if (auto open = open_relay(id)) return open;
  auto relay = std::make_shared<RelaySession>(io_, id, instance_);
  {
    std::lock_guard lock(relays_mutex_);
    auto [it, added] = relays_.try_emplace(id, relay);
    if (!added) {
      if (!it->second->closed()) return it->second;
      it->second = relay;
    }
  }
  // Registered first, read second: a publication after the read reaches the relay through the stream.
  auto latest = command({"HGETALL", redis_names::latest(id)});
  const json status = latest.ok() ? parsed(field(*latest, "status")) : json();
  if (!status.is_object()) {
    {
      std::lock_guard lock(relays_mutex_);
      if (auto it = relays_.find(id); it != relays_.end() && it->second == relay) relays_.erase(it);
    }
    relay->close(CloseReason{kCloseNormal, "session closed"});  // whoever joined meanwhile
    return nullptr;
  }
  const std::string seq = field(*latest, "seq");
  relay->seed(field(*latest, "state"), field(*latest, "metrics"), status, field(*latest, "owner"),
              seq.empty() ? 0 : std::strtoull(seq.c_str(), nullptr, 10));
  return relay;
}

Result<std::shared_ptr<Channel>> Fanout::channel(const std::string& raw_id) {
  const std::string id = session_name(raw_id);
  if (auto live = sessions_->find(id); live.ok()) return std::shared_ptr<Channel>(std::move(live).value());
  if (!SessionRegistry::valid_id(id)) return unknown(id);
  // A crowd joining a relayed session costs Redis nothing: the relay is there, and its owner's lease
  // is watched by the watcher (check_owners).
  if (auto open = open_relay(id)) return std::shared_ptr<Channel>(open);
  auto owner = command({"GET", redis_names::owner(id)});
  if (!owner.ok()) return owner.error();
  if (owner->is_nil()) {
    auto live = take_over(id);
    if (live.ok()) return std::shared_ptr<Channel>(std::move(live).value());
    owner = command({"GET", redis_names::owner(id)});
    if (!owner.ok()) return owner.error();
    if (owner->is_nil() && live.error().code == "owner_unavailable") return live.error();  // 503: try again
  }
  if (owner->is_string() && owner->text == instance_) {
    // Built here (another thread's takeover or creation won): never a relay of this instance's own.
    if (auto live = sessions_->find(id); live.ok()) return std::shared_ptr<Channel>(std::move(live).value());
    return make_error("owner_unavailable", "session '" + id + "' is being set up here; try again");
  }
  if (auto relay = relay_of(id)) return std::shared_ptr<Channel>(relay);
  return unknown(id);
}

void Fanout::channel_async(const std::string& raw_id, ChannelDone done) {
  const std::string id = session_name(raw_id);
  if (auto live = sessions_->find(id); live.ok()) return done(std::shared_ptr<Channel>(std::move(live).value()));
  if (SessionRegistry::valid_id(id))
    if (auto open = open_relay(id)) return done(std::shared_ptr<Channel>(open));
  Status posted = requests_.post([self = shared_from_this(), id, done] { done(self->channel(id)); });
  if (!posted.ok()) done(posted.error());
}

bool Fanout::local(const std::string& raw_id) const { return sessions_->find(session_name(raw_id)).ok(); }

Status Fanout::on_requests_lane(std::function<void()> job) { return requests_.post(std::move(job)); }

bool Fanout::remote(const std::string& raw_id) {
  const std::string id = session_name(raw_id);
  if (!SessionRegistry::valid_id(id) || sessions_->find(id).ok()) return false;
  if (open_relay(id)) return true;
  auto known = command({"SISMEMBER", std::string(redis_names::kSessions), id});
  return known.ok() && known->integer != 0;
}

Result<json> Fanout::remote_status(const std::string& raw_id) {
  const std::string id = session_name(raw_id);
  if (auto relay = relay_of(id)) return relay->status();
  return unknown(id);
}

std::vector<json> Fanout::remote_statuses() {
  std::vector<json> out;
  auto ids = command({"SMEMBERS", std::string(redis_names::kSessions)});
  if (!ids.ok()) return out;
  for (const RedisReply& r : ids->elements) {
    if (sessions_->find(r.text).ok()) continue;
    if (auto status = remote_status(r.text); status.ok()) out.push_back(std::move(status).value());
  }
  return out;
}

Result<json> Fanout::remote_replay_body(const std::string& raw_id) {
  const std::string id = session_name(raw_id);
  auto replay = command({"HGET", redis_names::latest(id), "replay"});
  if (!replay.ok()) return replay.error();
  json body = replay->is_string() ? parsed(replay->text) : json();
  if (!body.is_object()) return unknown(id);
  return body;
}

void Fanout::keeper_loop() {
  auto next_renewal = Clock::now();
  std::unique_lock lock(keeper_mutex_);
  while (!stopping_) {
    keeper_wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_.load(); });
    if (stopping_) return;
    lock.unlock();
    expire_forwarded();
    if (Clock::now() >= next_renewal) {
      next_renewal = Clock::now() + kRenewEvery;
      renew_leases();
    }
    lock.lock();
  }
}

void Fanout::watcher_loop() {
  // Takeovers rebuild runs, which may take long: on a thread of their own, never holding up renewals.
  std::unique_lock lock(keeper_mutex_);
  while (!stopping_) {
    keeper_wake_.wait_for(lock, kRenewEvery, [&] { return stopping_.load(); });
    if (stopping_) return;
    lock.unlock();
    check_owners();
    lock.lock();
  }
}

void Fanout::renew_leases() {
  std::vector<std::string> ids = sessions_->ids();
  {
    std::lock_guard lock(adopting_mutex_);
    ids.insert(ids.end(), adopting_.begin(), adopting_.end());
  }
  if (ids.empty()) return;
  std::vector<RedisCommand> renewals;
  for (const std::string& id : ids) renewals.push_back({"EVAL", kRenewScript, "1", redis_names::owner(id), instance_, lease_ms()});
  auto replies = pipeline(renewals);
  if (!replies.ok()) return;  // Redis is away: nobody can take the sessions over either
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const RedisReply& renewed = (*replies)[i];
    if (renewed.kind != RedisReply::Kind::integer || renewed.integer != 0) continue;  // renewed, or Redis erred
    if (stopping_ || !sessions_->find(ids[i]).ok()) continue;  // closed meanwhile, or still being built
    auto owner = command({"GET", redis_names::owner(ids[i])});
    if (!owner.ok() || owner->kind == RedisReply::Kind::error) continue;
    // The lease ran out (this instance stalled, or Redis restarted empty): keep the session if nobody
    // took it — listed again; its next publication restores its latest hash — else let it go.
    if (owner->is_nil() && try_own(ids[i])) {
      (void)command({"SADD", std::string(redis_names::kSessions), ids[i]});
      restore_latest(ids[i]);  // a Redis that restarted empty lost the hash too: relays seed from it
      continue;
    }
    if (owner->is_string() && owner->text == instance_) continue;
    std::fprintf(stderr, "finsim-server: session '%s' is now run by another instance\n", ids[i].c_str());
    sessions_->drop(ids[i], CloseReason{1012, "the session moved to another server: reconnect"});
  }
}

void Fanout::check_owners() {
  auto ids = command({"SMEMBERS", std::string(redis_names::kSessions)});
  if (!ids.ok() || ids->kind != RedisReply::Kind::array) return;
  std::vector<std::string> others;
  for (const RedisReply& r : ids->elements)
    if (!sessions_->find(r.text).ok()) others.push_back(r.text);
  if (others.empty()) return;
  std::vector<RedisCommand> owners;
  for (const std::string& id : others) owners.push_back({"EXISTS", redis_names::owner(id)});
  auto replies = pipeline(owners);
  if (!replies.ok()) return;
  for (std::size_t i = 0; i < others.size() && !stopping_; ++i)
    if ((*replies)[i].kind == RedisReply::Kind::integer && (*replies)[i].integer == 0) (void)take_over(others[i]);
}

void Fanout::expire_forwarded() {
  std::vector<Answer> expired;
  {
    std::lock_guard lock(pending_mutex_);
    const auto now = Clock::now();
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->second.deadline > now) {
        ++it;
        continue;
      }
      expired.push_back(std::move(it->second.answer));
      it = pending_.erase(it);
    }
  }
  for (auto& answer : expired)
    answer(make_error("owner_unavailable", "the instance running the session did not answer within " +
                                               std::to_string(kControlTimeout.count() / 1000) + " s; try again"));
}

json Fanout::counters() const {
  return {{"instance", instance_},       {"publications_written", written_.load()},
          {"publications_dropped", dropped_.load()}, {"publications_relayed", relayed_.load()},
          {"takeovers", takeovers_.load()}};
}

}  // namespace finsim::server
