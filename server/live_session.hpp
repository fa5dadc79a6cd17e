// One shared simulation: an engine Session, the timer that advances it while it runs, and the
// viewers it publishes to. The adapter's whole job (architecture.md): controls in, engine messages
// out, unchanged; all control semantics and error codes are the engine's (finsim/session.hpp).
//
// Publication: each engine message is wrapped once in a Frame (shared_ptr) and offered to every
// viewer under the session's lock, so every viewer sees the same order and a late joiner's snapshot
// is never older than what follows it. Offering only queues (ViewerQueue): no viewer can slow the
// timer, a control, or another viewer.
//
// Thread-safety: every public member is thread-safe (one mutex). Lock order: a LiveSession's mutex
// may be held while a viewer's lock is taken (offer), never the reverse.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "finsim/result.hpp"
#include "channel.hpp"
#include "finsim/session.hpp"
#include "frame.hpp"
#include "viewer.hpp"

namespace finsim::server {

class LiveSession : public Channel, public std::enable_shared_from_this<LiveSession> {
 public:
  struct Options {
    bool stamp = false;  ///< add "published_at_ms" to states and metrics (see make_frame)
  };

  /// A paused session configured by `reset_body` (the engine's reset body). Errors: the engine's.
  static Result<std::shared_ptr<LiveSession>> create(boost::asio::any_io_executor executor, std::string id,
                                                     const nlohmann::json& reset_body, Options options);

  [[nodiscard]] const std::string& id() const { return id_; }

  /// Applies a control (the engine's names and bodies), publishes its messages and then a STATUS,
  /// starts or stops the timer as `running` and `speed` now say, and returns the status (see
  /// status()). Errors: the engine's codes, or unknown_session once closed. A failing control
  /// changes nothing and publishes nothing.
  Result<nlohmann::json> control(std::string_view name, const nlohmann::json& body);

  /// The engine's status plus "viewers" (connected now) and "session" (the id).
  [[nodiscard]] nlohmann::json status() const;

  /// Registers a viewer and offers it the current STATE_UPDATE and METRICS_UPDATE at once. Every
  /// viewer (the new one included) gets a STATUS with the new viewer count within
  /// kViewerCountDelay: joins and leaves are batched, so a crowd arriving costs O(viewers) frames
  /// per delay, not O(viewers²).
  /// Returns the id to leave() with. Error unknown_session once the session is closed.
  Result<std::uint64_t> join(const std::shared_ptr<Viewer>& viewer) override;
  /// Forgets a viewer (no-op for unknown ids); the others get a STATUS with the new count within
  /// kViewerCountDelay.
  void leave(std::uint64_t viewer_id) override;

  /// Stops the timer, refuses controls and viewers from now on, and closes every viewer with
  /// `reason`. Returns how many viewers were closed. Idempotent.
  std::size_t close(const CloseReason& reason);

  [[nodiscard]] std::size_t viewers() const;

  /// The banking simulation's metrics after its latest step (what the portfolio market's banking
  /// link reads: conditions_from_banking).
  [[nodiscard]] Metrics metrics() const;

  /// Calls `listener` with the metrics of every step from now on (timer ticks and the step control),
  /// under the session's lock: it must only queue work, never block or call into this session.
  /// `key` names it (a later add with the same key replaces it). A market tied to the session uses this.
  void add_step_listener(std::int64_t key, std::function<void(const Metrics&)> listener);
  void remove_step_listener(std::int64_t key);

  /// How long a change in the number of viewers may wait before viewers are told.
  static constexpr std::chrono::milliseconds kViewerCountDelay{250};

 private:
  using Clock = std::chrono::steady_clock;

  LiveSession(boost::asio::any_io_executor executor, std::string id, Session session, Options options);
  void publish_locked(std::vector<std::string> messages);
  /// Tells every viewer the current status (viewer count included).
  void publish_status_locked();
  /// Schedules publish_status_locked within kViewerCountDelay unless already scheduled.
  void schedule_status_locked();
  void sync_timer_locked();
  void arm_locked();
  void on_tick(std::uint64_t generation);
  [[nodiscard]] Clock::duration period_locked() const;
  [[nodiscard]] nlohmann::json status_locked(nlohmann::json engine_status) const;

  const std::string id_;
  const Options options_;
  mutable std::mutex mutex_;
  Session session_;
  boost::asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;  ///< a tick whose generation is stale does nothing
  bool timer_armed_ = false;
  boost::asio::steady_timer status_timer_;
  bool status_scheduled_ = false;
  Clock::duration armed_period_{};
  Clock::time_point next_tick_{};
  void notify_step_locked();
  std::map<std::int64_t, std::function<void(const Metrics&)>> step_listeners_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Viewer>> viewers_;
  std::uint64_t next_viewer_id_ = 1;
  std::uint64_t publications_ = 0;  ///< numbers each publication, for the viewers' queues
  Frame last_state_;
  Frame last_metrics_;
  bool closed_ = false;
};

}  // namespace finsim::server
