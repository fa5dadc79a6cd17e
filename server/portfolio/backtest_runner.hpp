// Backtests run off the service's thread: a model's walk-forward signals and the strategy run can
// take seconds (minutes for the cnn on many tickers), and requests must not wait behind them.
//
// POST /api/backtests stores the backtest (status queued) and, once that is committed, hands a
// BacktestRun to the runner. One runner thread takes runs in order, runs the engine (run_backtest, or
// replay_backtest on given signals) on an immutable snapshot of the market, publishes its progress
// (BACKTEST_UPDATE on the feed, at most every 250 ms), and submits the result to the service, which
// stores it as a portfolio of kind "backtest" with its fills, daily NAV snapshots and signals, in one
// transaction. A backtest still queued when the server stops is run again at the next start (the
// engine is deterministic, so the result is the same).
//
// Thread-safety: enqueue() and progress() from any thread; start() and stop() from the owner.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "feed.hpp"
#include "finsim/portfolio/backtest.hpp"
#include "finsim/result.hpp"
#include "job_context.hpp"

namespace finsim::server {

class PortfolioService;

struct BacktestRun {
  std::int64_t id = 0;
  std::int64_t market_id = 0;
  std::int64_t fee_structure_id = 0;
  std::string name;                                    ///< of the result's portfolio
  portfolio::BacktestSpec spec;                        ///< progress is set by the runner
  std::optional<std::vector<portfolio::Signal>> signals;  ///< given signals (replay_backtest), else generated
  std::shared_ptr<const portfolio::PricePanel> panel;  ///< the market as far as it was visible
};

struct BacktestProgress {
  std::size_t done = 0, total = 1;
};

class BacktestRunner {
 public:
  BacktestRunner(PortfolioService& service, std::shared_ptr<PortfolioFeed> feed);
  ~BacktestRunner();

  void start();
  /// Cancels the running backtest (it stays queued in the database) and stops the thread.
  void stop();

  void enqueue(BacktestRun run);
  /// The progress of a backtest queued or running now; nullopt when the runner does not hold it.
  [[nodiscard]] std::optional<BacktestProgress> progress(std::int64_t id) const;

 private:
  void loop();
  void run(BacktestRun& job);

  PortfolioService& service_;
  std::shared_ptr<PortfolioFeed> feed_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<BacktestRun> queue_;
  std::map<std::int64_t, BacktestProgress> progress_;
  bool stopping_ = false;
  std::thread thread_;
};

/// The backtest of a request body (docs/portfolio-api.md, "POST /api/backtests"), checked against
/// the book: 4xx errors at once. `normalized` receives the request with every default filled in
/// (what is stored, and what a restart resumes from).
Result<BacktestRun> backtest_from_json(JobContext& ctx, const nlohmann::json& body, nlohmann::json& normalized);

/// Queues again every backtest stored as queued (at start).
Status resume_backtests(JobContext& ctx);

/// {"id", "status", "progress", "model", "market_id", "portfolio_id", "spec", "summary", "error",
///  "created_at", "finished_at"} of a stored backtest. Error "not_found".
Result<nlohmann::json> backtest_json(JobContext& ctx, std::int64_t id);

}  // namespace finsim::server
