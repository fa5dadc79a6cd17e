#include "fanout/relay_session.hpp"

namespace finsim::server {

RelaySession::RelaySession(boost::asio::any_io_executor executor, std::string id, std::string instance)
    : ViewerChannel(std::move(executor), std::move(id)), instance_(std::move(instance)) {}

void RelaySession::receive(const Publication& publication) {
  std::vector<std::shared_ptr<Viewer>> closing;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    owner_ = publication.owner;
    if (!publication.status.is_null()) engine_status_ = publication.status;
    if (publication.closed) {
      closing = close_locked();
    } else if (!publication.messages.empty() && !repeats_snapshot_locked(publication.messages)) {
      const std::uint64_t number = ++publications_;
      std::vector<Frame> frames;
      frames.reserve(publication.messages.size());
      // Byte for byte: a stamped owner's published_at_ms stays the owner's.
      for (const std::string& m : publication.messages) frames.push_back(make_frame(m, false, number));
      offer_locked(frames);
    }
    if (!closed_ && publication.tell) publish_status_locked();
  }
  for (auto& v : closing) v->close(CloseReason{kCloseNormal, "session closed"});
}

bool RelaySession::repeats_snapshot_locked(const std::vector<std::string>& messages) const {
  return messages.size() == 2 && last_state_.text && last_metrics_.text && *last_state_.text == messages[0] &&
         *last_metrics_.text == messages[1];
}

void RelaySession::seed(const std::string& state, const std::string& metrics, const nlohmann::json& status,
                        const std::string& owner) {
  std::lock_guard lock(mutex_);
  if (!last_state_.text && !state.empty()) last_state_ = make_frame(state, false, 0);
  if (!last_metrics_.text && !metrics.empty()) last_metrics_ = make_frame(metrics, false, 0);
  if (engine_status_.is_null() && status.is_object()) engine_status_ = status;
  if (owner_.empty()) owner_ = owner;
}

nlohmann::json RelaySession::status_locked() const {
  nlohmann::json status = engine_status_.is_object() ? engine_status_ : nlohmann::json::object();
  status["viewers"] = viewers_.size();
  status["session"] = id_;
  status["instance"] = instance_;
  status["owner"] = owner_;
  return status;
}

nlohmann::json RelaySession::status() const {
  std::lock_guard lock(mutex_);
  return status_locked();
}

bool RelaySession::known() const {
  std::lock_guard lock(mutex_);
  return engine_status_.is_object();
}

bool RelaySession::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

void RelaySession::close(const CloseReason& reason) {
  std::vector<std::shared_ptr<Viewer>> closing;
  {
    std::lock_guard lock(mutex_);
    closing = close_locked();
  }
  for (auto& v : closing) v->close(reason);
}

}  // namespace finsim::server
