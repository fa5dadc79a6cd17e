// The portfolio feed (GET /ws/portfolios[?portfolio=ID]): what changed, pushed to live dashboards.
//
// Messages are notifications, published only after the change is committed to disk:
//   {"type":"ORDER_UPDATE","seq":n,"payload":{"portfolio_id":…,"order":{…}}}
//   {"type":"PORTFOLIO_UPDATE","seq":n,"payload":{"portfolio":{<summary>}}}
//   {"type":"MARKET_UPDATE","seq":n,"payload":{"market":{…},"bars":[…]}}
//   {"type":"SIGNALS","seq":n,"payload":{"market_id":…,"count":…,"models":[…],"tickers":[…]}}
//   {"type":"BACKTEST_UPDATE","seq":n,"payload":{"backtest":{…}}}
//   {"type":"FEED_READY","seq":n,"payload":{"portfolio":id|null}} (first, on joining)
// `seq` numbers every publication of the feed (1, 2, …, per server run): a viewer that sees a gap
// (the bounded queue drops the oldest notifications of a viewer that falls behind, like EVENTs) knows
// to refetch what it shows through the REST API. A viewer of one portfolio gets that portfolio's
// ORDER_UPDATEs and PORTFOLIO_UPDATEs, and every MARKET_UPDATE, SIGNALS and BACKTEST_UPDATE.
// Thread-safe (one mutex; a viewer's offer() only queues).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "channel.hpp"

namespace finsim::server {

class PortfolioFeed : public std::enable_shared_from_this<PortfolioFeed> {
 public:
  /// Publishes `payload` as a message of `type` to the viewers concerned; `portfolio_id` 0 means
  /// every viewer.
  void publish(std::string_view type, const nlohmann::json& payload, std::int64_t portfolio_id = 0);

  /// A channel to join: every message, or those of one portfolio.
  std::shared_ptr<Channel> channel(std::optional<std::int64_t> portfolio);

  [[nodiscard]] std::size_t viewers() const;

 private:
  class Filtered;
  struct Entry {
    std::weak_ptr<Viewer> viewer;
    std::optional<std::int64_t> portfolio;
  };
  Result<std::uint64_t> join(const std::shared_ptr<Viewer>& viewer, std::optional<std::int64_t> portfolio);
  void leave(std::uint64_t id);

  mutable std::mutex mutex_;
  std::map<std::uint64_t, Entry> viewers_;
  std::uint64_t next_id_ = 1;
  std::uint64_t seq_ = 0;
};

}  // namespace finsim::server
