// What a request's work sees on the portfolio service's thread: the book (state and database), and a
// way to act once its transaction is durable (feed messages, starting a backtest). Not thread-safe:
// lives for one job on the service thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "book.hpp"
#include "feed.hpp"

namespace finsim::server {

class BacktestRunner;

class JobContext {
 public:
  JobContext(Book& book, PortfolioFeed& feed, BacktestRunner* runner) : book_(book), feed_(feed), runner_(runner) {}

  [[nodiscard]] Book& book() { return book_; }
  [[nodiscard]] store::Database& db() { return book_.db(); }
  /// The backtest runner (null in offline tools such as the import command).
  [[nodiscard]] BacktestRunner* runner() { return runner_; }

  /// Runs `action` after the job's transaction is committed (never if it is not).
  void after_commit(std::function<void()> action) { actions_.push_back(std::move(action)); }
  /// Whether a viewer is on the feed now: else what publish() would send is not worth making.
  [[nodiscard]] bool listened() const { return feed_.viewers() > 0; }
  /// Publishes a feed message after the commit. Nothing is kept when no viewer is on the feed now: one
  /// that joins later reads the committed state through REST after its FEED_READY.
  void publish(std::string type, nlohmann::json payload, std::int64_t portfolio_id = 0) {
    if (!listened()) return;
    after_commit([&feed = feed_, type = std::move(type), payload = std::move(payload), portfolio_id] {
      feed.publish(type, payload, portfolio_id);
    });
  }

  /// Forgets the actions registered so far (the request failed and was rolled back).
  void discard_actions() { actions_.clear(); }
  /// Moves the actions out (the service runs them after the commit).
  std::vector<std::function<void()>> take_actions() { return std::exchange(actions_, {}); }

 private:
  Book& book_;
  PortfolioFeed& feed_;
  BacktestRunner* runner_;
  std::vector<std::function<void()>> actions_;
};

}  // namespace finsim::server
