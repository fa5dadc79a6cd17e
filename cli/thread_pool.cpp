#include "thread_pool.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "cli_args.hpp"

namespace finsim::cli {

ThreadPool::ThreadPool(int threads) {
  for (int t = 1; t < threads; ++t) workers_.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

// Runs the current job's remaining indices; `lock` holds mutex_ except while a body runs. A body that
// throws has its exception kept (the first one) for run() to rethrow; the other indices still run.
void ThreadPool::run_indices(std::unique_lock<std::mutex>& lock) {
  while (next_ < count_) {
    const int i = next_++;
    const auto* body = body_;
    lock.unlock();
    std::exception_ptr thrown;
    try {
      (*body)(i);
    } catch (...) {
      thrown = std::current_exception();
    }
    lock.lock();
    if (thrown && !failure_) failure_ = thrown;
    if (--pending_ == 0) finished_.notify_all();
  }
}

void ThreadPool::work() {
  long long seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    run_indices(lock);
  }
}

void ThreadPool::run(int count, const std::function<void(int)>& body) {
  if (count <= 0) return;
  if (workers_.empty() || count == 1) {  // on the caller alone: an exception leaves at once
    for (int i = 0; i < count; ++i) body(i);
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  body_ = &body;
  count_ = count;
  next_ = 0;
  pending_ = count;
  failure_ = nullptr;
  ++generation_;
  wake_.notify_all();
  run_indices(lock);
  finished_.wait(lock, [&] { return pending_ == 0; });
  body_ = nullptr;
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

learning::ParallelFor ThreadPool::parallel_for() {
  return [this](int count, const std::function<void(int)>& body) { run(count, body); };
}

void ThreadPool::run_backtest_assets(portfolio::BacktestSpec& spec) {
  spec.batch = static_cast<std::size_t>(threads());
  if (threads() > 1)
    spec.run_together = [this](std::span<const std::function<void()>> tasks) {
      run(static_cast<int>(tasks.size()), [&](int k) { tasks[static_cast<std::size_t>(k)](); });
    };
}

int thread_count_option(const Args& args) {
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return static_cast<int>(args.integer("threads", hw, 1, 256));
}

}  // namespace finsim::cli
