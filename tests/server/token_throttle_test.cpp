// TokenThrottle: wrong tokens counted per address in a window of time; a penalty that ends; a table
// that stays bounded. Time is passed in, so nothing here sleeps.
#include <catch2/catch.hpp>

#include "token_throttle.hpp"

using finsim::server::TokenThrottle;
using namespace std::chrono_literals;

namespace {

const TokenThrottle::Limits kLimits{3, 60s, 30s, 4};

}  // namespace

TEST_CASE("an address is refused for the penalty after `failures` wrong tokens within the window") {
  TokenThrottle throttle(kLimits);
  const auto t0 = TokenThrottle::Clock::now();
  throttle.wrong_token("10.0.0.1", t0);
  throttle.wrong_token("10.0.0.1", t0 + 10s);
  CHECK(throttle.refused_for("10.0.0.1", t0 + 10s) == TokenThrottle::Clock::duration::zero());
  throttle.wrong_token("10.0.0.1", t0 + 20s);
  CHECK(throttle.refused_for("10.0.0.1", t0 + 20s) == 30s);
  CHECK(throttle.refused_for("10.0.0.1", t0 + 45s) == 5s);
  CHECK(throttle.refused_for("10.0.0.2", t0 + 20s) == TokenThrottle::Clock::duration::zero());
  CHECK(throttle.refused_for("10.0.0.1", t0 + 50s) == TokenThrottle::Clock::duration::zero());  // over
  // After the penalty, counting starts again from nothing.
  throttle.wrong_token("10.0.0.1", t0 + 51s);
  CHECK(throttle.refused_for("10.0.0.1", t0 + 51s) == TokenThrottle::Clock::duration::zero());
}

TEST_CASE("wrong tokens further apart than the window never add up to a penalty") {
  TokenThrottle throttle(kLimits);
  const auto t0 = TokenThrottle::Clock::now();
  for (int i = 0; i < 10; ++i) throttle.wrong_token("10.0.0.1", t0 + i * 31s);  // two per window at most
  CHECK(throttle.refused_for("10.0.0.1", t0 + 300s) == TokenThrottle::Clock::duration::zero());
}

TEST_CASE("the table is bounded: the least recently failed address is forgotten first") {
  TokenThrottle throttle(kLimits);
  const auto t0 = TokenThrottle::Clock::now();
  for (int i = 0; i < 3; ++i) throttle.wrong_token("10.0.0.1", t0 + 1s);  // refused until t0 + 31 s
  for (int a = 2; a <= 100; ++a) throttle.wrong_token("10.0.0." + std::to_string(a), t0 + a * 1s);
  CHECK(throttle.size() == 4);
  CHECK(throttle.refused_for("10.0.0.1", t0 + 101s) == TokenThrottle::Clock::duration::zero());  // forgotten
  // Entries whose window and penalty are over go before any that still count.
  TokenThrottle fresh(kLimits);
  for (int i = 0; i < 3; ++i) fresh.wrong_token("10.0.0.9", t0 + 100s);  // refused until t0 + 130 s
  for (int a = 1; a <= 3; ++a) fresh.wrong_token("10.0.0." + std::to_string(a), t0);
  fresh.wrong_token("10.0.0.4", t0 + 101s);
  CHECK(fresh.size() == 2);  // the three stale ones (window over at t0 + 60 s) went
  CHECK(fresh.refused_for("10.0.0.9", t0 + 101s) == 29s);
}
