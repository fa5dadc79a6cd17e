// The live sessions of one server: the default shared session ("default") and named ones that
// clients create and close. Thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <nlohmann/json.hpp>

#include "finsim/result.hpp"
#include "live_session.hpp"

namespace finsim::server {

class SessionRegistry {
 public:
  static constexpr std::string_view kDefaultId = "default";

  /// `max_sessions` counts the default session.
  SessionRegistry(boost::asio::any_io_executor executor, std::size_t max_sessions, LiveSession::Options options);

  /// Creates the default session (calm scenario, paused). Errors: the engine's.
  Status start();

  /// The session called `id`; "" means the default. Error unknown_session.
  [[nodiscard]] Result<std::shared_ptr<LiveSession>> find(std::string_view id) const;

  /// A new paused session. `id` "" picks a fresh one ("s-" and 8 hex digits). Errors: bad_request
  /// (id not 1–64 of [A-Za-z0-9_-]), session_exists, too_many_sessions, shutting_down, and the
  /// engine's codes for a bad reset body.
  Result<std::shared_ptr<LiveSession>> create(std::string id, const nlohmann::json& reset_body);

  /// Closes a named session: its viewers get a close frame (1000, "session closed") and it is
  /// forgotten. Returns how many viewers were disconnected. Errors: unknown_session, conflict (the
  /// default session cannot be closed).
  Result<std::size_t> close(std::string_view id);

  /// {"sessions":[status…] (by id), "max_sessions":n}.
  [[nodiscard]] nlohmann::json list() const;

  /// Shutdown: closes every session with `reason` and refuses creations from now on.
  void close_all(const CloseReason& reason);

  /// Whether `id` is acceptable as a session name.
  static bool valid_id(std::string_view id);

 private:
  [[nodiscard]] std::string fresh_id_locked();

  boost::asio::any_io_executor executor_;
  const std::size_t max_sessions_;
  const LiveSession::Options options_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<LiveSession>, std::less<>> sessions_;
  std::mt19937_64 id_generator_;
  bool stopping_ = false;
};

}  // namespace finsim::server
