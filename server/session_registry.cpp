#include "session_registry.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace finsim::server {

SessionRegistry::SessionRegistry(std::vector<boost::asio::any_io_executor> lanes, std::size_t max_sessions,
                                 int max_banks, LiveSession::Options options)
    : lanes_(std::move(lanes)), lane_sessions_(lanes_.size(), 0), max_sessions_(max_sessions),
      max_banks_(max_banks), options_(options), id_generator_(std::random_device{}()) {}

std::size_t SessionRegistry::take_lane_locked() {
  const auto lane = static_cast<std::size_t>(
      std::min_element(lane_sessions_.begin(), lane_sessions_.end()) - lane_sessions_.begin());
  ++lane_sessions_[lane];
  return lane;
}

Status SessionRegistry::start() {
  auto live = build(std::string(kDefaultId), nlohmann::json::object(), SessionBound{kMaxBanks, false}, true);
  if (!live.ok()) return live.error();
  return {};
}

Result<std::shared_ptr<LiveSession>> SessionRegistry::adopt(const std::string& id, const nlohmann::json& reset_body) {
  return build(id, reset_body, SessionBound{kMaxBanks, false}, true);
}

bool SessionRegistry::valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::shared_ptr<LiveSession>> SessionRegistry::find(std::string_view id) const {
  if (id.empty()) id = kDefaultId;
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return make_error("unknown_session", "no session '" + std::string(id) + "'");
  return it->second;
}

std::string SessionRegistry::fresh_id_locked() {
  for (;;) {
    char id[16];
    std::snprintf(id, sizeof id, "s-%08llx", static_cast<unsigned long long>(id_generator_() & 0xffffffffULL));
    if (!sessions_.count(std::string_view(id))) return id;
  }
}

Result<std::shared_ptr<LiveSession>> SessionRegistry::create(std::string id, const nlohmann::json& reset_body,
                                                             const SessionBound& bound) {
  if (!id.empty() && !valid_id(id))
    return make_error("bad_request", "a session id is 1 to 64 letters, digits, '_' or '-'");
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return make_error("shutting_down", "the server is shutting down");
    if (sessions_.size() >= max_sessions_)
      return make_error("too_many_sessions", "at most " + std::to_string(max_sessions_) +
                                                 " sessions (the default included); close one first");
    if (id.empty()) id = fresh_id_locked();
    if (sessions_.count(id)) return make_error("session_exists", "session '" + id + "' exists");
  }
  if (claims_)
    if (Status st = claims_->claim(id); !st.ok()) return st.error();
  auto live = build(id, reset_body, bound, false);
  if (claims_) {
    if (live.ok()) claims_->created(id);
    else claims_->release(id);
  }
  return live;
}

Result<std::shared_ptr<LiveSession>> SessionRegistry::build(const std::string& id, const nlohmann::json& reset_body,
                                                            const SessionBound& bound, bool adopted) {
  std::size_t lane = 0;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return make_error("shutting_down", "the server is shutting down");
    lane = take_lane_locked();
  }
  // Building a large network takes a while: not under the lock. The checks are repeated below.
  auto live = LiveSession::create(lanes_[lane], id, reset_body, options_, bound);
  std::lock_guard lock(mutex_);
  auto refuse = [&](Error error) -> Result<std::shared_ptr<LiveSession>> {
    --lane_sessions_[lane];
    return error;
  };
  if (!live.ok()) return refuse(live.error());
  if (stopping_) return refuse(make_error("shutting_down", "the server is shutting down"));
  if (!adopted && sessions_.size() >= max_sessions_)
    return refuse(make_error("too_many_sessions", "at most " + std::to_string(max_sessions_) + " sessions"));
  if (!sessions_.emplace(id, *live).second) return refuse(make_error("session_exists", "session '" + id + "' exists"));
  lane_of_.emplace(id, lane);
  return live;
}

std::shared_ptr<LiveSession> SessionRegistry::take(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return nullptr;
  auto live = std::move(it->second);
  sessions_.erase(it);
  if (auto lane = lane_of_.find(id); lane != lane_of_.end()) {
    --lane_sessions_[lane->second];
    lane_of_.erase(lane);
  }
  return live;
}

void SessionRegistry::drop(std::string_view id, const CloseReason& reason) {
  if (auto live = take(id)) live->close(reason);
}

std::vector<std::string> SessionRegistry::ids() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [id, live] : sessions_) out.push_back(id);
  return out;
}

Result<std::size_t> SessionRegistry::close(std::string_view id) {
  if (id == kDefaultId) return make_error("conflict", "the default session cannot be closed");
  auto live = take(id);
  if (!live) return make_error("unknown_session", "no session '" + std::string(id) + "'");
  const std::size_t closed = live->close(CloseReason{kCloseNormal, "session closed"});
  if (claims_) claims_->ended(std::string(id));
  return closed;
}

nlohmann::json SessionRegistry::list() const {
  std::vector<std::shared_ptr<LiveSession>> all;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, live] : sessions_) all.push_back(live);
  }
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& live : all) sessions.push_back(live->status());
  return {{"sessions", std::move(sessions)}, {"max_sessions", max_sessions_}, {"max_banks", max_banks_}};
}

void SessionRegistry::close_all(const CloseReason& reason) {
  std::vector<std::shared_ptr<LiveSession>> all;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (const auto& [id, live] : sessions_) all.push_back(live);
  }
  for (const auto& live : all) live->close(reason);
}

}  // namespace finsim::server
