#include "service.hpp"

#include <cstdio>
#include <exception>

#include "api_responses.hpp"
#include "backtest_runner.hpp"
#include "import_runner.hpp"
#include "market_clock.hpp"
#include "transaction.hpp"

namespace finsim::server {

PortfolioService::PortfolioService(Book book, std::shared_ptr<PortfolioFeed> feed, Options options)
    : book_(std::move(book)), feed_(std::move(feed)), options_(options) {
  imports_ = std::make_unique<ImportRunner>(*this, book_.options().import_dir);
}

PortfolioService::~PortfolioService() { stop(); }

Status PortfolioService::start() {
  if (Status s = book_.open(); !s.ok()) return s;
  runner_ = std::make_unique<BacktestRunner>(*this, feed_);
  JobContext ctx(book_, *feed_, runner_.get());
  if (Status s = resume_backtests(ctx); !s.ok()) return s;
  for (auto& action : ctx.take_actions()) action();
  runner_->start();
  imports_->start();
  started_ = true;
  next_tick_ = std::chrono::steady_clock::now() + options_.market_interval;
  thread_ = std::thread([this] { loop(); });
  return {};
}

void PortfolioService::stop() {
  if (!started_) return;
  imports_->stop();              // an import's next job may still be queued: it runs below
  if (runner_) runner_->stop();  // a backtest's last job may still be queued: it runs below
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  started_ = false;
}

void PortfolioService::submit(Work work, Reply reply) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(Job{std::move(work), std::move(reply)});
      wake_.notify_one();
      return;
    }
  }
  reply(error_response(make_error("shutting_down", "the server is shutting down")));
}

void PortfolioService::submit_import(std::shared_ptr<const HttpRequest> request, std::string key, Reply reply) {
  imports_->start_import(std::move(request), std::move(key), std::move(reply));
}

void PortfolioService::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    const bool ticking = options_.market_interval.count() > 0;
    if (ticking) wake_.wait_until(lock, next_tick_, [this] { return stopping_ || !queue_.empty(); });
    else wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (ticking && !stopping_ && std::chrono::steady_clock::now() >= next_tick_) {
      next_tick_ += options_.market_interval;
      if (next_tick_ < std::chrono::steady_clock::now()) next_tick_ = std::chrono::steady_clock::now() + options_.market_interval;
      queue_.push_back(Job{[](JobContext& ctx) { return advance_default_market(ctx); }, [](HttpResponse) {}});
    }
    if (queue_.empty()) {
      if (stopping_) return;
      continue;
    }
    std::deque<Job> batch;
    while (!queue_.empty() && batch.size() < options_.max_batch) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    run_batch(batch);
    lock.lock();
  }
}

void PortfolioService::run_batch(std::deque<Job>& batch) {
  if (broken_) {
    for (Job& job : batch)
      job.reply(error_response(make_error("store_unavailable", "the portfolio store failed; restart the server")));
    return;
  }
  std::vector<HttpResponse> answers;
  std::vector<std::function<void()>> actions;
  answers.reserve(batch.size());
  bool reload = false;
  Transaction tx(book_.db());
  Status begun = tx.begin();
  for (Job& job : batch) {
    if (!begun.ok()) {
      answers.push_back(error_response(make_error("store_unavailable", "cannot start a transaction: " + begun.error().message)));
      continue;
    }
    JobContext ctx(book_, *feed_, runner_.get());
    Savepoint sp(book_.db(), "job");
    if (Status s = sp.begin(); !s.ok()) {
      answers.push_back(error_response(s.error()));
      continue;
    }
    try {
      answers.push_back(job.work(ctx));
      if (answers.back().status >= 500) {
        // Something failed after the work may have changed the book: undo and reload.
        sp.rollback();
        ctx.discard_actions();
        reload = true;
      } else if (Status s = sp.release(); !s.ok()) {
        answers.back() = error_response(s.error());
        ctx.discard_actions();
        reload = true;
      }
    } catch (const std::exception& e) {
      // A bug: undo this job's statements; its changes to the book may be partial, so reload it.
      sp.rollback();
      ctx.discard_actions();
      answers.push_back(error_response(make_error("internal", std::string("internal error: ") + e.what())));
      reload = true;
    }
    for (auto& a : ctx.take_actions()) actions.push_back(std::move(a));
  }
  Status committed = begun.ok() ? tx.commit() : begun;
  if (!committed.ok()) {
    std::fprintf(stderr, "finsim-server: portfolio store: cannot commit: %s\n", committed.error().message.c_str());
    for (HttpResponse& a : answers)
      a = error_response(make_error("store_unavailable", "the change could not be saved: " + committed.error().message));
    actions.clear();
    reload = true;
  }
  if (reload) {
    if (Status s = book_.load(); !s.ok()) {
      std::fprintf(stderr, "finsim-server: portfolio store: cannot reload: %s\n", s.error().message.c_str());
      broken_ = true;
    }
  }
  for (auto& action : actions) action();
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].reply(std::move(answers[i]));
}

}  // namespace finsim::server
