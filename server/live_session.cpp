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
    : id_(std::move(id)),
      options_(options),
      session_(std::move(session)),
      timer_(executor),
      status_timer_(std::move(executor)) {
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
  publish_locked(std::move(messages));
  if (stepped) notify_step_locked();
  if (tell_viewers) publish_status_locked();
}

nlohmann::json LiveSession::status() const {
  std::lock_guard lock(mutex_);
  return status_locked();
}

nlohmann::json LiveSession::status_locked() const {
  nlohmann::json status = engine_status_;
  status["viewers"] = viewers_.size();
  status["session"] = id_;
  return status;
}

Result<std::uint64_t> LiveSession::join(const std::shared_ptr<Viewer>& viewer) {
  std::lock_guard lock(mutex_);
  if (closed_) return make_error("unknown_session", "session '" + id_ + "' was closed");
  const std::uint64_t viewer_id = next_viewer_id_++;
  viewers_.emplace(viewer_id, viewer);
  const std::array<Frame, 2> snapshot{last_state_, last_metrics_};
  viewer->offer(snapshot);
  schedule_status_locked();
  return viewer_id;
}

void LiveSession::leave(std::uint64_t viewer_id) {
  std::lock_guard lock(mutex_);
  if (viewers_.erase(viewer_id) > 0 && !closed_) schedule_status_locked();
}

void LiveSession::schedule_status_locked() {
  if (status_scheduled_) return;
  status_scheduled_ = true;
  status_timer_.expires_after(kViewerCountDelay);
  status_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) {
      std::lock_guard lock(self->mutex_);
      self->status_scheduled_ = false;
      if (!self->closed_) self->publish_status_locked();
    }
  });
}

void LiveSession::publish_status_locked() {
  for (auto it = viewers_.begin(); it != viewers_.end();)  // count only viewers still connected
    it = it->second.expired() ? viewers_.erase(it) : std::next(it);
  const std::array<Frame, 1> frames{status_frame(status_locked())};
  for (auto& [viewer_id, weak] : viewers_)
    if (auto v = weak.lock()) v->offer(frames);
}

std::size_t LiveSession::close(const CloseReason& reason) {
  std::vector<std::shared_ptr<Viewer>> closing;
  {
    std::lock_guard engine(engine_mutex_);
    std::lock_guard lock(mutex_);
    if (closed_) return 0;
    closed_ = true;
    ++timer_generation_;
    timer_armed_ = false;
    timer_.cancel();
    status_timer_.cancel();
    for (auto& [viewer_id, weak] : viewers_)
      if (auto v = weak.lock()) closing.push_back(std::move(v));
    viewers_.clear();
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

std::size_t LiveSession::viewers() const {
  std::lock_guard lock(mutex_);
  return viewers_.size();
}

void LiveSession::publish_locked(std::vector<std::string> messages) {
  if (messages.empty()) return;
  const std::uint64_t publication = ++publications_;
  std::vector<Frame> frames;
  frames.reserve(messages.size());
  for (auto& m : messages) {
    frames.push_back(make_frame(std::move(m), options_.stamp, publication));
    if (frames.back().kind == FrameKind::state) last_state_ = frames.back();
    if (frames.back().kind == FrameKind::metrics) last_metrics_ = frames.back();
  }
  for (auto it = viewers_.begin(); it != viewers_.end();) {
    if (auto v = it->second.lock()) {
      v->offer(frames);
      ++it;
    } else {
      it = viewers_.erase(it);
    }
  }
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

void LiveSession::arm_locked() {
  const std::uint64_t generation = ++timer_generation_;
  timer_armed_ = true;
  timer_.expires_at(next_tick_);
  timer_.async_wait([weak = weak_from_this(), generation](const boost::system::error_code& ec) {
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
