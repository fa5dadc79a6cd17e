#include "feed.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "api_responses.hpp"
#include "frame.hpp"

namespace finsim::server {
namespace {

/// The type first (frame_kind reads it there), then seq and payload.
Frame make_message(std::string_view type, std::uint64_t seq, const nlohmann::json& payload) {
  std::string text = "{\"type\":\"";
  text.append(type).append("\",\"seq\":").append(std::to_string(seq)).append(",\"payload\":");
  text.append(json_text(payload)).append("}");
  return make_frame(std::move(text), false, seq);
}

}  // namespace

class PortfolioFeed::Filtered : public Channel {
 public:
  Filtered(std::shared_ptr<PortfolioFeed> feed, std::optional<std::int64_t> portfolio)
      : feed_(std::move(feed)), portfolio_(portfolio) {}
  Result<std::uint64_t> join(const std::shared_ptr<Viewer>& viewer) override { return feed_->join(viewer, portfolio_); }
  void leave(std::uint64_t id) override { feed_->leave(id); }

 private:
  std::shared_ptr<PortfolioFeed> feed_;
  std::optional<std::int64_t> portfolio_;
};

void PortfolioFeed::publish(std::string_view type, const nlohmann::json& payload, std::int64_t portfolio_id) {
  std::lock_guard lock(mutex_);
  ++seq_;
  if (viewers_.empty()) return;  // nobody to tell: not even the text is made
  const std::array<Frame, 1> frames{make_message(type, seq_, payload)};
  for (auto it = viewers_.begin(); it != viewers_.end();) {
    auto v = it->second.viewer.lock();
    if (!v) {
      it = viewers_.erase(it);
      continue;
    }
    if (portfolio_id == 0 || !it->second.portfolio || *it->second.portfolio == portfolio_id) v->offer(frames);
    ++it;
  }
}

std::shared_ptr<Channel> PortfolioFeed::channel(std::optional<std::int64_t> portfolio) {
  return std::make_shared<Filtered>(shared_from_this(), portfolio);
}

Result<std::uint64_t> PortfolioFeed::join(const std::shared_ptr<Viewer>& viewer, std::optional<std::int64_t> portfolio) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  viewers_.emplace(id, Entry{viewer, portfolio});
  const nlohmann::json hello = {{"portfolio", portfolio ? nlohmann::json(*portfolio) : nlohmann::json(nullptr)}};
  const std::array<Frame, 1> frames{make_message("FEED_READY", seq_, hello)};
  viewer->offer(frames);
  return id;
}

void PortfolioFeed::leave(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  viewers_.erase(id);
}

std::size_t PortfolioFeed::viewers() const {
  std::lock_guard lock(mutex_);
  return viewers_.size();
}

}  // namespace finsim::server
