// Live sessions shared by several server instances through Redis (--redis; docs/deploy.md, "N
// instances"). Every instance can serve every session:
//
// - Ownership. One instance owns a session's simulation: the one that created it (the default
//   session: the first instance to start). Its claim is a Redis key with a lease (kLease), renewed
//   every kRenewEvery; an instance that finds a session's lease gone (its owner died or was stopped)
//   claims it and takes the session over, rebuilding it from the latest replay body the owner stored
//   (Session::replay_body: the same run, the same step, byte for byte) and restoring its speed and
//   whether it ran. Viewers of other instances see the stream go on after a pause of at most
//   kLease + kRenewEvery; the new owner's own viewers of the session are closed with 1012 ("the session
//   moved here: reconnect") and reconnect to the session, now local. A graceful shutdown gives its
//   sessions up at once.
// - Publication. The owner publishes each publication (a step's or a control's messages, byte for
//   byte, and the engine's status) on the session's channel and keeps the latest state, metrics,
//   status and replay body in a hash, so that a viewer joining on any instance gets the current state
//   at once (RelaySession) and then the same stream.
// - Controls sent to an instance that does not own the session are forwarded to the owner through its
//   instance channel and answered through the sender's; the control token is checked where the request
//   arrives (every instance runs with the same token). No answer within kControlTimeout: 503
//   owner_unavailable. Every control is answered only once its publication has reached Redis (the
//   owner's answer to a forwarded control follows its publication on the same connection; a local one
//   waits for the writer: when_written), so that once a control is acknowledged every instance's
//   joiners start from its state, never from the one before.
//
// A Redis that restarts empty loses leases and hashes while owners run on: an owner claims its
// sessions back at its next renewal and writes its latest hash again (restore_latest); another instance
// finding the default session with no owner and no stored run waits (503 owner_unavailable) for longer
// than that before it starts the session afresh (take_over).
//
// Publications are fenced: each is written by one script that checks the lease first, so an instance
// that lost a session (a stall longer than the lease) can never speak for it again. Each carries the
// owner's publication number, so a relay seeded from a newer hash drops older publications still in
// flight. A batch that fails is never sent again (it may have been partly done): relays then miss those
// steps, and the next one brings the whole state.
//
// Threads: one reads the subscription, one writes publications (so a session's lock never waits for
// Redis), one renews the leases (and expires forwarded controls), one takes over orphaned sessions (a
// rebuild may be long; the lease of a session being rebuilt is renewed meanwhile), and one — the
// requests lane — makes the Redis round trips that requests need (a join of a session not relayed here
// yet, other instances' statuses and lists, forwarding a control, creating or closing a session), so
// that a slow or stalled Redis never holds a network thread: those requests wait in the lane's queue
// (at most kMaxWaitingRequests; then 503 redis_unavailable) while every other request is answered.
// Requests use a command connection under a lock. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <nlohmann/json.hpp>

#include "analysis_lane.hpp"
#include "channel.hpp"
#include "fanout/redis_address.hpp"
#include "fanout/redis_connection.hpp"
#include "fanout/relay_session.hpp"
#include "finsim/result.hpp"
#include "session_mirror.hpp"
#include "session_registry.hpp"
#include "session_size.hpp"

namespace finsim::server {

class Fanout : public SessionMirror, public SessionClaims, public std::enable_shared_from_this<Fanout> {
 public:
  static constexpr std::chrono::milliseconds kLease{3000};
  static constexpr std::chrono::milliseconds kRenewEvery{1000};
  static constexpr std::chrono::milliseconds kControlTimeout{5000};
  /// Publications waiting for Redis beyond this many: the oldest are dropped (and counted).
  static constexpr std::size_t kMaxQueued = 4096;
  /// Requests waiting for the requests lane beyond this many are refused (503 redis_unavailable).
  static constexpr std::size_t kMaxWaitingRequests = 1024;

  using Answer = std::function<void(Result<nlohmann::json>)>;

  /// Connects to Redis (error redis_unavailable). `io` runs forwarded controls and relays' timers;
  /// `instance` names this instance (unique among those sharing the Redis).
  static Result<std::shared_ptr<Fanout>> connect(const RedisAddress& address, std::string instance,
                                                 boost::asio::any_io_executor io);
  ~Fanout() override;

  [[nodiscard]] const std::string& instance() const { return instance_; }

  /// Joins the fan-out with `sessions` (whose LiveSession::Options carry this as mirror): the default
  /// session is claimed — and built here, from its stored replay body if another instance ran it
  /// before — or relayed; the threads start. Errors: redis_unavailable, the engine's.
  Status start(std::shared_ptr<SessionRegistry> sessions);
  /// Gives this instance's sessions up (their leases end, so others take them over at once) and stops
  /// the threads. Idempotent; call before the sessions are closed.
  void stop();

  /// What viewers of session `id` ("" = default) join here: the local session, or a relay of the
  /// owner's. A session whose owner is gone is taken over first. Error unknown_session. Makes Redis
  /// round trips: from a request, call channel_async.
  Result<std::shared_ptr<Channel>> channel(const std::string& id);
  using ChannelDone = std::function<void(Result<std::shared_ptr<Channel>>)>;
  /// channel() for a request: answered at once when no Redis is needed (a local session, an open
  /// relay), else on the requests lane — `done` may then run on the lane's thread.
  void channel_async(const std::string& id, ChannelDone done);
  /// Whether session `id` ("" = default) runs on this instance (known without Redis).
  [[nodiscard]] bool local(const std::string& id) const;
  /// Runs `job` on the requests lane (see the header). Errors: redis_unavailable (kMaxWaitingRequests
  /// jobs wait already), shutting_down; the job is then not run.
  Status on_requests_lane(std::function<void()> job);
  /// Whether `id` is a session of another instance (known to Redis, not local).
  bool remote(const std::string& id);
  /// The status of a session of another instance (RelaySession::status). Error unknown_session.
  Result<nlohmann::json> remote_status(const std::string& id);
  /// The statuses of the sessions of other instances.
  [[nodiscard]] std::vector<nlohmann::json> remote_statuses();
  /// The stored replay body of a session of another instance (Session::replay_body). Error unknown_session.
  Result<nlohmann::json> remote_replay_body(const std::string& id);

  /// Sends control `name` with `body` to the owner of session `id`, checked there against `bound`;
  /// `answer` gets the owner's answer (its status, or its error) on another thread, or
  /// owner_unavailable after kControlTimeout. Name "close" closes the session (answer: {"closed":id,
  /// "viewers_disconnected":n}, counting the owner's viewers).
  void forward(const std::string& id, const std::string& name, const nlohmann::json& body, const SessionBound& bound,
               Answer answer);

  // SessionMirror: queues the publication and the latest hash's update for the writer thread.
  void published(std::string_view session, const std::vector<Frame>& frames, const nlohmann::json& status,
                 const nlohmann::json& replay_body, bool tell) override;
  // SessionClaims
  Status claim(const std::string& id) override;
  void release(const std::string& id) override;
  /// Returns once the session's first publication is written to Redis (wait_written).
  void created(const std::string& id) override;
  /// Runs `done` once everything queued so far has been written to Redis or given up (a stalled Redis:
  /// within the writer's command timeout): at once on this thread when nothing waits, else on the
  /// writer's thread. Never blocks, so a network thread may call it.
  void when_written(std::function<void()> done);
  void ended(const std::string& id) override;

  /// Counters for the load figures and tests: publications written, dropped, relayed; takeovers.
  [[nodiscard]] nlohmann::json counters() const;

 private:
  Fanout(RedisAddress address, std::string instance, boost::asio::any_io_executor io,
         std::unique_ptr<RedisConnection> commands);

  /// A command on the command connection, reopened when it failed; sent again then only with `retry`
  /// (what may not run twice — a SET NX, a forwarded control — is not).
  Result<RedisReply> command(const RedisCommand& command, bool retry = true);
  Result<std::vector<RedisReply>> pipeline(const std::vector<RedisCommand>& commands, bool retry = true);
  /// Gives up this instance's lease of `id` (the session stays listed).
  void release_lease(const std::string& id);
  /// Waits (at most kControlTimeout) until what was queued before has been written to Redis.
  void wait_written();
  /// Runs when_written's waiters whose publications are finished (outside queue_mutex_); with `all`, every one.
  void run_written_waiters(bool all);
  /// Whether `id` is being rebuilt here by a takeover (its lease is renewed meanwhile).
  bool adopting(const std::string& id);
  /// Marks `id` as being rebuilt here for its lifetime.
  struct AdoptingMark {
    AdoptingMark(Fanout& fanout, std::string id);
    ~AdoptingMark();
    Fanout& fanout_;
    std::string id_;
  };
  /// Closes every relay with `reason` (their viewers reconnect to fresh ones).
  void close_relays(const CloseReason& reason);
  /// SET owner NX with a lease: whether this instance now owns `id`.
  bool try_own(const std::string& id);
  /// Claims `id` whose owner is gone and rebuilds it here from its stored replay body; the local
  /// session, or an error (another instance was quicker: then the caller relays it).
  Result<std::shared_ptr<LiveSession>> take_over(const std::string& id);
  std::shared_ptr<RelaySession> relay_of(const std::string& id);
  /// This instance's relay of `id` if it has one still open, else null.
  std::shared_ptr<RelaySession> open_relay(const std::string& id);
  /// Control `name` (or "close": closing the session) of session `id` run here, as its owner.
  /// Errors: unknown_session, and the session's.
  Result<nlohmann::json> act_here(const std::string& id, const std::string& name, const nlohmann::json& body,
                                  const SessionBound& bound);

  void subscriber_loop();
  void writer_loop();
  void keeper_loop();
  void watcher_loop();
  void on_message(const std::string& channel, const std::string& payload);
  void on_instance_message(const nlohmann::json& message);
  void run_forwarded(const nlohmann::json& request);
  void answer_forwarded(const nlohmann::json& reply);
  void renew_leases();
  void check_owners();
  void expire_forwarded();
  void enqueue(std::vector<RedisCommand> commands);
  /// Queues the hash of session `id` as it last published it (fenced, with no message to relays).
  void restore_latest(const std::string& id);
  /// How long session `id` has been seen with no owner and no stored run (0 the first time).
  std::chrono::steady_clock::duration unclaimed_for(const std::string& id);

  const RedisAddress address_;
  const std::string instance_;
  boost::asio::any_io_executor io_;
  std::shared_ptr<SessionRegistry> sessions_;

  std::mutex command_mutex_;
  std::unique_ptr<RedisConnection> commands_;

  std::mutex adopting_mutex_;
  std::set<std::string> adopting_;
  /// Sessions found with no owner and no stored run, and since when (under adopting_mutex_): a Redis that
  /// restarted empty under a live owner, who claims them back within a renewal (take_over waits for it).
  std::map<std::string, std::chrono::steady_clock::time_point> unclaimed_since_;

  std::mutex relays_mutex_;
  std::map<std::string, std::shared_ptr<RelaySession>, std::less<>> relays_;

  struct Pending {
    std::chrono::steady_clock::time_point deadline;
    Answer answer;
  };
  std::mutex pending_mutex_;
  std::map<std::uint64_t, Pending> pending_;
  std::uint64_t next_request_ = 1;

  std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::deque<std::vector<RedisCommand>> queue_;
  /// The latest hash fields each local session published (under queue_mutex_): written again when its
  /// lease is claimed back after Redis lost it (restore_latest), so that relays seed from them at once.
  std::map<std::string, std::map<std::string, std::string>, std::less<>> latest_fields_;
  std::uint64_t queued_ = 0;    ///< publications queued so far (under queue_mutex_)
  std::uint64_t finished_ = 0;  ///< of which written or given up (under queue_mutex_)
  std::condition_variable queue_done_;
  /// Callers of when_written and the count of finished publications each waits for (under queue_mutex_).
  std::vector<std::pair<std::uint64_t, std::function<void()>>> written_waiters_;

  std::atomic<bool> stopping_{false};
  std::mutex subscriber_mutex_;
  RedisConnection* subscriber_ = nullptr;  ///< the subscriber thread's connection, to interrupt it
  std::thread subscriber_thread_;
  std::thread writer_thread_;
  std::thread keeper_thread_;   ///< renews leases, expires forwarded controls
  std::thread watcher_thread_;  ///< takes over sessions whose owner is gone
  std::mutex keeper_mutex_;
  std::condition_variable keeper_wake_;

  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<std::uint64_t> relayed_{0};
  std::atomic<std::uint64_t> takeovers_{0};

  AnalysisLane requests_{kMaxWaitingRequests, "redis_unavailable", "requests to the shared sessions' Redis"};
};

}  // namespace finsim::server
