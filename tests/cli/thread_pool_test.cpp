// ThreadPool: a body's exception never leaves a worker thread; run() rethrows the first one on the
// caller after every index has run.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>

#include "thread_pool.hpp"

using finsim::cli::ThreadPool;

TEST_CASE("a body that throws: every index still runs, the caller gets the exception, the pool goes on") {
  for (int threads : {1, 2, 4}) {
    INFO(threads << " threads");
    ThreadPool pool(threads);
    std::atomic<int> ran{0};
    CHECK_THROWS_AS(pool.run(50, [&](int i) {
      ++ran;
      if (i == 7) throw std::runtime_error("seven");
    }), std::runtime_error);
    if (threads > 1) CHECK(ran == 50);
    std::atomic<int> again{0};
    pool.run(20, [&](int) { ++again; });  // usable afterwards, nothing left over from the failure
    CHECK(again == 20);
  }
}
