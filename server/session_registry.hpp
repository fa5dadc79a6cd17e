// The live sessions of one server: the default shared session ("default") and named ones that
// clients create and close. Each session's timers and steps run on a simulation lane (one thread) of
// its own while there are at least as many lanes as sessions, so that no session's step waits for
// another's (docs/server.md, "Threads and locks"). Thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <nlohmann/json.hpp>

#include "finsim/result.hpp"
#include "live_session.hpp"

namespace finsim::server {

/// Who may own a session when several instances share sessions (fanout/fanout.hpp): a session is
/// created only once claimed, and its claim is given up when it is closed or its creation fails.
class SessionClaims {
 public:
  virtual ~SessionClaims() = default;
  /// Error session_exists when another instance has the id; redis_unavailable when it cannot be asked.
  virtual Status claim(const std::string& id) = 0;
  /// The session will not exist here (its creation failed): the claim is given up.
  virtual void release(const std::string& id) = 0;
  /// The session was built: returns once every instance can see it (its first publication is out).
  virtual void created(const std::string& id) = 0;
  /// The session was closed for good (DELETE): every instance forgets it.
  virtual void ended(const std::string& id) = 0;
};

class SessionRegistry {
 public:
  static constexpr std::string_view kDefaultId = "default";

  /// `lanes` (at least one) run the sessions' timers, each lane on one thread: a new session goes to a
  /// lane with the fewest sessions. A session stays on its lane, so its step's memory stays in one
  /// thread's allocator arena (a 20,000-bank session moving between 16 threads peaked at ~650 MB
  /// instead of ~275). `max_sessions` counts the default session; `max_banks` is --max-banks, the bound for clients
  /// without the control token (session_size.hpp).
  SessionRegistry(std::vector<boost::asio::any_io_executor> lanes, std::size_t max_sessions, int max_banks,
                  LiveSession::Options options);

  /// Claims of a fan-out (null: this instance alone). Call before start().
  void set_claims(std::shared_ptr<SessionClaims> claims) { claims_ = std::move(claims); }

  /// Creates the default session (calm scenario, paused). Errors: the engine's.
  Status start();

  /// Builds session `id` (the default's too) from `reset_body` without a bound or a claim: a session
  /// this instance takes over from another (fanout.hpp), rebuilt from its replay body. Errors:
  /// session_exists, shutting_down, and the engine's.
  Result<std::shared_ptr<LiveSession>> adopt(const std::string& id, const nlohmann::json& reset_body);

  /// Forgets session `id` (the default's too) and closes its viewers with `reason`: a session another
  /// instance now owns. No-op for an unknown id.
  void drop(std::string_view id, const CloseReason& reason);

  /// The ids of the sessions of this instance.
  [[nodiscard]] std::vector<std::string> ids() const;

  /// The session called `id`; "" means the default. Error unknown_session.
  [[nodiscard]] Result<std::shared_ptr<LiveSession>> find(std::string_view id) const;

  /// A new paused session within `bound` (session_bound() in session_size.hpp). `id` ""
  /// picks a fresh one ("s-" and 8 hex digits). Errors: bad_request (id not 1–64 of [A-Za-z0-9_-]),
  /// session_exists, too_many_sessions, shutting_down, too_many_banks, replay_too_large, and the
  /// engine's codes for a bad reset body.
  Result<std::shared_ptr<LiveSession>> create(std::string id, const nlohmann::json& reset_body, const SessionBound& bound);

  /// Closes a named session: its viewers get a close frame (1000, "session closed") and it is
  /// forgotten. Returns how many viewers were disconnected. Errors: unknown_session, conflict (the
  /// default session cannot be closed).
  Result<std::size_t> close(std::string_view id);

  /// {"sessions":[status…] (by id), "max_sessions":n, "max_banks":m}.
  [[nodiscard]] nlohmann::json list() const;

  /// --max-banks: the most banks a session may have when built without the control token.
  [[nodiscard]] int max_banks() const { return max_banks_; }

  /// Shutdown: closes every session with `reason` and refuses creations from now on.
  void close_all(const CloseReason& reason);

  /// Whether `id` is acceptable as a session name.
  static bool valid_id(std::string_view id);

 private:
  [[nodiscard]] std::string fresh_id_locked();
  /// The lane with the fewest sessions, counted as taken from now on.
  [[nodiscard]] std::size_t take_lane_locked();
  /// Builds `id` on a lane of its own and registers it, checking again what may have changed while
  /// it was built. Errors: shutting_down, too_many_sessions (unless `adopted`), session_exists, the engine's.
  Result<std::shared_ptr<LiveSession>> build(const std::string& id, const nlohmann::json& reset_body,
                                             const SessionBound& bound, bool adopted);
  /// Removes `id` from the registry; the session, or null.
  std::shared_ptr<LiveSession> take(std::string_view id);

  const std::vector<boost::asio::any_io_executor> lanes_;
  std::vector<std::size_t> lane_sessions_;  ///< sessions (or creations under way) per lane
  std::map<std::string, std::size_t, std::less<>> lane_of_;  ///< each session's lane
  const std::size_t max_sessions_;
  const int max_banks_;
  const LiveSession::Options options_;
  std::shared_ptr<SessionClaims> claims_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<LiveSession>, std::less<>> sessions_;
  std::mt19937_64 id_generator_;
  bool stopping_ = false;
};

}  // namespace finsim::server
