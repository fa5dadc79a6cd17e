// The portfolio service: one thread that owns the book (the database connection, the one writer, and
// the in-memory state), running every portfolio request in order.
//
// Group commit. The thread takes every request waiting (up to max_batch), runs them one after the
// other inside one transaction (BEGIN IMMEDIATE) — each in its own savepoint, so a failing request
// undoes only itself — and commits once: with synchronous=FULL the commit returns when the batch is on
// disk. Only then are the answers sent and the feed told. So an acknowledged request survives a crash
// (kill -9, power cut), a batch that could not be committed is answered 500 and forgotten (the book is
// reloaded from the database), and concurrent clients share one fsync instead of queueing for one each.
// Reads run in the same order, so an answer never shows what an earlier answer did not.
//
// Long work never runs as one job: backtests run on the backtest runner's thread and come back as one
// job that stores the result; imports are parsed on the import runner's thread and stored by short
// jobs (import_runner.hpp). Orders and reads queued meanwhile run between those jobs.
//
// Thread-safety: submit() and submit_import() from any thread; everything else from the owner (start,
// stop).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "book.hpp"
#include "feed.hpp"
#include "http_message.hpp"
#include "job_context.hpp"

namespace finsim::server {

class BacktestRunner;
class ImportRunner;

class PortfolioService {
 public:
  using Work = std::function<HttpResponse(JobContext&)>;
  using Reply = std::function<void(HttpResponse)>;

  struct Options {
    std::size_t max_batch = 512;
    /// Advance the default market one bar this often (0 = never: markets move by request only).
    std::chrono::milliseconds market_interval{0};
  };

  PortfolioService(Book book, std::shared_ptr<PortfolioFeed> feed, Options options);
  ~PortfolioService();
  PortfolioService(const PortfolioService&) = delete;
  PortfolioService& operator=(const PortfolioService&) = delete;

  /// Loads the book (creating the defaults on an empty database), resumes unfinished backtests and
  /// starts the threads. Errors: the book's.
  Status start();
  /// Runs what is queued, then stops the threads (a running backtest is cancelled and resumes at the
  /// next start). Idempotent.
  void stop();

  /// Queues `work`; `reply` is called (on the service thread) with its answer once its batch is
  /// committed. After stop(), `reply` gets 503 shutting_down at once.
  void submit(Work work, Reply reply);

  /// Runs POST /api/markets/import: parsed off this thread, stored by short jobs (import_runner.hpp).
  /// `key` is its Idempotency-Key or "". Any thread.
  void submit_import(std::shared_ptr<const HttpRequest> request, std::string key, Reply reply);

  [[nodiscard]] std::shared_ptr<PortfolioFeed> feed() const { return feed_; }

 private:
  struct Job {
    Work work;
    Reply reply;
  };
  void loop();
  void run_batch(std::deque<Job>& batch);
  void tick_market();

  Book book_;
  std::shared_ptr<PortfolioFeed> feed_;
  Options options_;
  std::unique_ptr<BacktestRunner> runner_;
  std::unique_ptr<ImportRunner> imports_;  ///< made at construction: submit_import works from the start
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  bool started_ = false;
  bool broken_ = false;  ///< the book could not be reloaded after a failed commit: answer 503
  std::chrono::steady_clock::time_point next_tick_{};
  std::thread thread_;
};

}  // namespace finsim::server
