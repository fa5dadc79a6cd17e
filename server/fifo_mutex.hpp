// A mutex granted in the order it was asked for (a ticket lock). std::mutex lets the thread that
// unlocks and at once locks again win over one that has been waiting: a live session stepping back to
// back (a large network behind its schedule) kept a pause waiting 6 s, and GET /sessions 17 s. With
// this lock a waiting control goes right after the step in progress. Thread-safe; BasicLockable (use
// with std::lock_guard); not recursive.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace finsim::server {

class FifoMutex {
 public:
  void lock() {
    std::unique_lock lock(mutex_);
    const std::uint64_t ticket = next_ticket_++;
    turn_.wait(lock, [&] { return serving_ == ticket; });
  }

  void unlock() {
    {
      std::lock_guard lock(mutex_);
      ++serving_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ticket_ = 0;  ///< the ticket the next lock() takes
  std::uint64_t serving_ = 0;      ///< the ticket that holds the lock (or may take it now)
};

}  // namespace finsim::server
