// The analysis lane: one thread that answers the server's long questions ("why did this bank fail?",
// docs/why.md) off the sessions' simulation lanes and the network threads, one at a time, in arrival
// order. At most `max_waiting` questions wait; beyond that a question is refused at once
// (analysis_busy), so a crowd asking cannot queue minutes of work. The fan-out's requests to Redis use
// a lane of their own, with their own refusal (fanout.hpp). Nothing a job throws ends the lane
// or the server (one line on stderr; a job answers its own errors).
//
// Thread-safety: post() from any thread; stop() from the owner (the destructor stops too).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "finsim/result.hpp"

namespace finsim::server {

class AnalysisLane {
 public:
  static constexpr std::size_t kDefaultMaxWaiting = 8;

  /// `busy_code` and `what` name the refusal: "<busy_code>: the server is answering N other <what>".
  explicit AnalysisLane(std::size_t max_waiting = kDefaultMaxWaiting, std::string busy_code = "analysis_busy",
                        std::string what = "questions");
  ~AnalysisLane();
  AnalysisLane(const AnalysisLane&) = delete;
  AnalysisLane& operator=(const AnalysisLane&) = delete;

  /// Queues `job` to run on the lane's thread. Errors: busy_code (max_waiting jobs wait already),
  /// shutting_down (stopped); the job is then not run.
  Status post(std::function<void()> job);

  /// Lets the job in progress finish, destroys the waiting ones unrun and joins the thread. Idempotent.
  void stop();

 private:
  void run();

  const std::size_t max_waiting_;
  const std::string busy_code_, what_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> waiting_;
  bool stopping_ = false;
  std::thread thread_;  ///< last: started once everything above exists
};

}  // namespace finsim::server
