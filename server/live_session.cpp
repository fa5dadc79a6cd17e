#include "live_session.hpp"

#include <array>

#include "session_size.hpp"

namespace finsim::server {

Result<std::shared_ptr<LiveSession>> LiveSession::create(boost::asio::any_io_executor executor, std::string id,
                                                         const nlohmann::json& reset_body, Options options,
                                                         const SessionBound& bound) {
  auto config = Session::create_config(reset_body);
  if (!config.ok()) return config.error();
  if (Status st = check_bank_bound(*config, bound.banks); !st.ok()) return st.error();
  if (Status st = check_control_replay("reset", reset_body, config->banks, bound); !st.ok()) return st.error();
  auto session = Session::create(reset_body);
  if (!session.ok()) return session.error();
  std::shared_ptr<LiveSession> live(
      new LiveSession(std::move(executor), std::move(id), std::move(session).value(), options));
  return live;
}

LiveSession::LiveSession(boost::asio::any_io_executor executor, std::string id, Session session, Options options)
    : ViewerChannel(executor, std::move(id)),
      options_(options),
      session_(std::move(session)),
      timer_(std::move(executor)) {
  // No viewers yet: this only sets the late joiners' snapshot and the status.
  std::lock_guard engine(engine_mutex_);
  publish_engine_locked(session_.snapshot(), false, false);
}

Result<nlohmann::json> LiveSession::control(std::string_view name, const nlohmann::json& body, const SessionBound& bound) {
  std::lock_guard engine(engine_mutex_);
  if (closed_) return make_error("unknown_session", "session '" + id_ + "' was closed");
  if (name == "reset") {
    // Refused before building; a body the engine refuses gets the engine's own error below.
    if (auto config = session_.reset_config(body); config.ok()) {
      if (Status st = check_bank_bound(*config, bound.banks); !st.ok()) return st.error();
      if (Status st = check_control_replay(name, body, config->banks, bound); !st.ok()) return st.error();
    }
  } else if (Status st = check_control_replay(name, body, session_.simulation().banks(), bound); !st.ok()) {
    return st.error();
  }
  auto outcome = session_.control(name, body);
  if (!outcome.ok()) return outcome.error();
  sync_timer_locked();
  // Only a step is a step for the listeners: a reset or rewind may land on a later timestep too.
  publish_engine_locked(std::move(outcome->messages), name == "step", true);
  std::lock_guard lock(mutex_);
  return status_locked();
}

Result<FailureQuestion> LiveSession::failure_question(const nlohmann::json& body) const {
  std::lock_guard engine(engine_mutex_);
  if (closed_) return make_error("unknown_session", "session '" + id_ + "' was closed");
  return session_.failure_question(body);
}

void LiveSession::publish_engine_locked(std::vector<std::string> messages, bool stepped, bool tell_viewers) {
  nlohmann::json status = session_.status();
  const Metrics metrics = session_.simulation().metrics();
  std::lock_guard lock(mutex_);
  engine_status_ = std::move(status);
  metrics_ = metrics;
  const std::vector<Frame> frames = publish_locked(std::move(messages));
  if (stepped) notify_step_locked();
  if (tell_viewers) publish_status_locked();
  if (options_.mirror) options_.mirror->published(id_, frames, engine_status_, session_.replay_body(), tell_viewers);
}

nlohmann::json LiveSession::status() const {
  std::lock_guard lock(mutex_);
  return status_locked();
}

nlohmann::json LiveSession::status_locked() const {
  nlohmann::json status = engine_status_;
  status["viewers"] = viewers_.size();
  status["session"] = id_;
  if (!options_.instance.empty()) status["instance"] = status["owner"] = options_.instance;
  return status;
}

std::size_t LiveSession::close(const CloseReason& reason) {
  std::vector<std::shared_ptr<Viewer>> closing;
  {
    std::lock_guard engine(engine_mutex_);
    std::lock_guard lock(mutex_);
    if (closed_) return 0;
    ++timer_generation_;
    timer_armed_ = false;
    timer_.cancel();
    closing = close_locked();
  }
  for (auto& v : closing) v->close(reason);
  return closing.size();
}

void LiveSession::add_step_listener(std::int64_t key, std::function<void(const Metrics&)> listener) {
  std::lock_guard lock(mutex_);
  step_listeners_[key] = std::move(listener);
}

void LiveSession::remove_step_listener(std::int64_t key) {
  std::lock_guard lock(mutex_);
  step_listeners_.erase(key);
}

void LiveSession::notify_step_locked() {
  for (auto& [key, listener] : step_listeners_) listener(metrics_);
}

Metrics LiveSession::metrics() const {
  std::lock_guard lock(mutex_);
  return metrics_;
}

std::vector<Frame> LiveSession::publish_locked(std::vector<std::string> messages) {
  if (messages.empty()) return {};
  const std::uint64_t publication = ++publications_;
  std::vector<Frame> frames;
  frames.reserve(messages.size());
  for (auto& m : messages) frames.push_back(make_frame(std::move(m), options_.stamp, publication));
  offer_locked(frames);
  return frames;
}

LiveSession::Clock::duration LiveSession::period_locked() const {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / session_.speed()));
}

void LiveSession::sync_timer_locked() {
  const bool want = session_.running() && !closed_;
  if (!want) {
    if (timer_armed_) {
      ++timer_generation_;
      timer_armed_ = false;
      timer_.cancel();
    }
    return;
  }
  const Clock::duration period = period_locked();
  if (timer_armed_ && armed_period_ == period) return;
  const Clock::time_point now = Clock::now();
  // A new speed applies from the last tick; starting to play waits one period for the first step.
  next_tick_ = timer_armed_ ? next_tick_ - armed_period_ + period : now + period;
  if (next_tick_ < now) next_tick_ = now;
  armed_period_ = period;
  arm_locked();
}

std::weak_ptr<LiveSession> LiveSession::weak_self() {
  return std::static_pointer_cast<LiveSession>(shared_from_this());
}

void LiveSession::arm_locked() {
  const std::uint64_t generation = ++timer_generation_;
  timer_armed_ = true;
  timer_.expires_at(next_tick_);
  timer_.async_wait([weak = weak_self(), generation](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->on_tick(generation);
  });
}

void LiveSession::on_tick(std::uint64_t generation) {
  std::lock_guard engine(engine_mutex_);
  if (generation != timer_generation_ || closed_ || !session_.running()) return;
  publish_engine_locked(session_.advance(), true, false);
  // Fixed schedule (no drift); after falling more than a period behind, restart from now (no burst).
  const Clock::time_point now = Clock::now();
  next_tick_ += armed_period_;
  if (next_tick_ + armed_period_ < now) next_tick_ = now;
  arm_locked();
}

}  // namespace finsim::server
