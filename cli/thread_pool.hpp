// A fixed set of worker threads that runs the engine's ParallelFor bodies (learning::ParallelFor).
// Bodies touch disjoint data, so results never depend on the thread count; one run() at a time.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "finsim/learning/multi_agent_env.hpp"
#include "finsim/portfolio/backtest.hpp"

namespace finsim::cli {

class ThreadPool {
 public:
  /// `threads` ≥ 1 counts the calling thread: ThreadPool(1) runs everything on the caller.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Runs body(0) … body(count − 1) across the threads and returns when all have finished. A body's
  /// exception never leaves a worker thread: the first one is rethrown here, on the caller, once every
  /// index has run (with one thread, at once).
  void run(int count, const std::function<void(int)>& body);
  /// run() as a learning::ParallelFor (the pool must outlive its use).
  learning::ParallelFor parallel_for();
  /// `spec`'s assets' walk-forwards run `threads()` at once through run() (backtest.hpp's RunTogether; the
  /// result is the sequential run's, bit for bit); one thread leaves `spec` sequential. The pool must
  /// outlive the backtest.
  void run_backtest_assets(portfolio::BacktestSpec& spec);
  [[nodiscard]] int threads() const { return static_cast<int>(workers_.size()) + 1; }

 private:
  void work();
  void run_indices(std::unique_lock<std::mutex>& lock);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, finished_;
  const std::function<void(int)>* body_ = nullptr;
  int count_ = 0, next_ = 0, pending_ = 0;
  std::exception_ptr failure_;
  long long generation_ = 0;
  bool stop_ = false;
};

/// The --threads option: a whole number in [1, 256], default the hardware's thread count.
int thread_count_option(const class Args& args);

}  // namespace finsim::cli
