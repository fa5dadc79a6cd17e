#include "fanout/relay_session.hpp"

namespace finsim::server {

RelaySession::RelaySession(boost::asio::any_io_executor executor, std::string id, std::string instance)
    : ViewerChannel(std::move(executor), std::move(id)), instance_(std::move(instance)) {}

void RelaySession::receive(const Publication& publication) {
  std::vector<std::shared_ptr<Viewer>> closing;
  {
    std::lock_guard lock(mutex_);
    if (closed_ || (!publication.closed && older_than_seed_locked(publication))) return;
    owner_ = publication.owner;
    if (!publication.status.is_null()) engine_status_ = publication.status;
    if (publication.closed) {
      closing = close_locked();
    } else if (!publication.messages.empty()) {
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

bool RelaySession::older_than_seed_locked(const Publication& publication) const {
  return publication.seq != 0 && publication.owner == seeded_owner_ && publication.seq <= seeded_seq_;
}

void RelaySession::seed(const std::string& state, const std::string& metrics, const nlohmann::json& status,
                        const std::string& owner, std::uint64_t seq) {
  std::lock_guard lock(mutex_);
  if (!last_state_.text && !state.empty()) {
    seeded_owner_ = owner;
    seeded_seq_ = seq;
  }
  std::vector<Frame> snapshot;
  if (!last_state_.text && !state.empty()) snapshot.push_back(make_frame(state, false, 0));
  if (!last_metrics_.text && !metrics.empty()) snapshot.push_back(make_frame(metrics, false, 0));
  // Viewers that joined while the relay was being seeded got no snapshot: they get this one. (Once the
  // stream has brought a state, it is newer than Redis's: nothing is offered.)
  if (!snapshot.empty() && snapshot.front().kind == FrameKind::state) offer_locked(snapshot);
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
