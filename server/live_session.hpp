// One shared simulation: an engine Session, the timer that advances it while it runs, and the
// viewers it publishes to. The adapter's whole job (architecture.md): controls in, engine messages
// out, unchanged; all control semantics and error codes are the engine's (finsim/session.hpp).
//
// Publication: each engine message is wrapped once in a Frame (shared_ptr) and offered to every
// viewer under the session's lock, so every viewer sees the same order and a late joiner's snapshot
// is never older than what follows it. Offering only queues (ViewerQueue): no viewer can slow the
// timer, a control, or another viewer.
//
// Thread-safety: every public member is thread-safe. Two locks, so that a long step (a large network)
// never holds up what does not need the engine: the engine lock (a FifoMutex, granted in arrival
// order) is held by a step, a control and close(); the publication lock (a std::mutex, held briefly)
// guards the viewers, the frames for late joiners and a copy of the status and metrics, so status(),
// join(), leave() and metrics() never wait for a step. Lock order: engine lock, then publication lock,
// then a viewer's lock (offer); never the reverse.
//
// The timers (and so the steps) run on the executor given at creation: the session registry gives each
// session a simulation lane (a thread) of its own, so one session's step never waits for another's.
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
#include "fifo_mutex.hpp"
#include "frame.hpp"
#include "session_mirror.hpp"
#include "session_size.hpp"
#include "viewer.hpp"
#include "viewer_channel.hpp"

namespace finsim::server {

class LiveSession : public ViewerChannel {
 public:
  struct Options {
    bool stamp = false;  ///< add "published_at_ms" to states and metrics (see make_frame)
    /// Told of every publication (fanout/fanout.hpp: other instances relay the session); may be null.
    std::shared_ptr<SessionMirror> mirror;
    /// This instance's name in a fan-out ("" alone): statuses then carry "instance" and "owner".
    std::string instance;
  };

  /// A paused session configured by `reset_body` (the engine's reset body), within `bound`
  /// (session_size.hpp: its banks, and the banks × steps of a `to_step` replay): a larger one is refused
  /// before it is built. Errors: the engine's, too_many_banks, replay_too_large.
  static Result<std::shared_ptr<LiveSession>> create(boost::asio::any_io_executor executor, std::string id,
                                                     const nlohmann::json& reset_body, Options options,
                                                     const SessionBound& bound);

  /// Applies a control (the engine's names and bodies), publishes its messages and then a STATUS,
  /// starts or stops the timer as `running` and `speed` now say, and returns the status (see
  /// status()). A reset that would build more banks than `bound` allows, or a reset's `to_step` or a
  /// rewind that would replay more banks × steps than it allows, is refused before it runs. Errors: the
  /// engine's codes, too_many_banks, replay_too_large, or unknown_session once closed. A failing control
  /// changes nothing and publishes nothing. Waits at most for the step in progress (and holds the
  /// session's lane for a replay's duration).
  Result<nlohmann::json> control(std::string_view name, const nlohmann::json& body, const SessionBound& bound);

  /// What the engine would explain for "why did this bank fail?" ({bank}: Session::failure_question):
  /// the run's recipe up to the current step and the bank, copied under the engine lock, so that the
  /// replays run elsewhere (why_api.hpp). Errors: the engine's (bad_request, unknown_bank,
  /// bank_not_failed), unknown_session once closed. Changes nothing; waits at most for the step in progress.
  [[nodiscard]] Result<FailureQuestion> failure_question(const nlohmann::json& body) const;

  /// The engine's status (as after the latest step or control) plus "viewers" (connected now) and
  /// "session" (the id). Never waits for a step.
  [[nodiscard]] nlohmann::json status() const;

  // join(), leave() and viewers(): ViewerChannel's (the current STATE_UPDATE and METRICS_UPDATE at
  // once, the viewer count batched).

  /// Stops the timer, refuses controls and viewers from now on, and closes every viewer with
  /// `reason`. Returns how many viewers were closed. Idempotent. Waits for the step in progress.
  std::size_t close(const CloseReason& reason);

  /// The banking simulation's metrics after its latest step (what the portfolio market's banking
  /// link reads: conditions_from_banking). Never waits for a step.
  [[nodiscard]] Metrics metrics() const;

  /// Calls `listener` with the metrics of every step from now on (timer ticks and the step control),
  /// under the session's locks: it must only queue work, never block or call into this session.
  /// `key` names it (a later add with the same key replaces it). A market tied to the session uses this.
  void add_step_listener(std::int64_t key, std::function<void(const Metrics&)> listener);
  void remove_step_listener(std::int64_t key);

 private:
  using Clock = std::chrono::steady_clock;

  LiveSession(boost::asio::any_io_executor executor, std::string id, Session session, Options options);
  // Under the publication lock (mutex_):
  /// Offers `messages` to every viewer as one publication; the frames offered.
  std::vector<Frame> publish_locked(std::vector<std::string> messages);
  void notify_step_locked();
  [[nodiscard]] nlohmann::json status_locked() const override;
  [[nodiscard]] std::weak_ptr<LiveSession> weak_self();
  // Under the engine lock (engine_mutex_):
  void sync_timer_locked();
  void arm_locked();
  void on_tick(std::uint64_t generation);
  [[nodiscard]] Clock::duration period_locked() const;
  /// Takes the publication lock and publishes what the engine just did: `messages`, the engine's new
  /// status and metrics (kept for status() and metrics()), the step to the listeners when `stepped`,
  /// and a STATUS to every viewer when `tell_viewers`.
  void publish_engine_locked(std::vector<std::string> messages, bool stepped, bool tell_viewers);

  const Options options_;

  // The engine side, under engine_mutex_.
  mutable FifoMutex engine_mutex_;
  Session session_;
  boost::asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;  ///< a tick whose generation is stale does nothing
  bool timer_armed_ = false;
  Clock::duration armed_period_{};
  Clock::time_point next_tick_{};

  // The publication side, under ViewerChannel's mutex_ (with the viewers, the late joiners' frames and
  // closed_, which is written under both locks, so either lock suffices to read it).
  nlohmann::json engine_status_;  ///< Session::status() after the latest step or control
  Metrics metrics_;               ///< the simulation's metrics after the latest step or control
  std::map<std::int64_t, std::function<void(const Metrics&)>> step_listeners_;
  std::uint64_t publications_ = 0;  ///< numbers each publication, for the viewers' queues
};

}  // namespace finsim::server
