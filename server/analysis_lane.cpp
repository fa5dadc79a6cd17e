#include "analysis_lane.hpp"

#include <cstdio>
#include <exception>

namespace finsim::server {

AnalysisLane::AnalysisLane(std::size_t max_waiting, std::string busy_code, std::string what)
    : max_waiting_(max_waiting), busy_code_(std::move(busy_code)), what_(std::move(what)), thread_([this] { run(); }) {}

AnalysisLane::~AnalysisLane() { stop(); }

Status AnalysisLane::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return make_error("shutting_down", "the server is shutting down");
    if (waiting_.size() >= max_waiting_)
      return make_error(busy_code_, "the server is answering " + std::to_string(waiting_.size()) + " other " + what_ +
                                        ": ask again in a moment");
    waiting_.push_back(std::move(job));
  }
  wake_.notify_one();
  return {};
}

void AnalysisLane::stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    dropped.swap(waiting_);
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void AnalysisLane::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      job = std::move(waiting_.front());
      waiting_.pop_front();
    }
    try {
      job();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "finsim-server: a lane's job threw: %s\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "finsim-server: a lane's job threw an unknown exception\n");
    }
  }
}

}  // namespace finsim::server
