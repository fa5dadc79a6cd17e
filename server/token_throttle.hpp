// Wrong control tokens, counted per client address (docs/http-api.md, "Wrong tokens"): after
// `failures` wrong tokens within `window`, an address is refused every change for `penalty` (429 with
// Retry-After), so a token cannot be guessed at network speed while every other address — the teacher
// with the right token — goes on as before. Only a request that carried a token and was refused for it
// counts; a missing token is no guess.
//
// The table is bounded: at most `addresses` entries; when full, entries whose window and penalty are
// over go first, then the one whose last wrong token is oldest. Time comes from the caller (a steady
// clock's now()), so tests can drive it. Thread-safe (one mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace finsim::server {

class TokenThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Limits {
    int failures = 10;                 ///< wrong tokens within `window` that start a penalty
    std::chrono::seconds window{60};
    std::chrono::seconds penalty{60};  ///< how long the address is refused then
    std::size_t addresses = 4096;      ///< the most addresses remembered at once
  };

  explicit TokenThrottle(Limits limits);
  TokenThrottle() : TokenThrottle(Limits{}) {}

  /// How much longer `address` is refused at `now`; zero when it is not.
  [[nodiscard]] Clock::duration refused_for(const std::string& address, Clock::time_point now) const;

  /// Counts one wrong token from `address` at `now`.
  void wrong_token(const std::string& address, Clock::time_point now);

  /// The addresses remembered now (at most Limits::addresses).
  [[nodiscard]] std::size_t size() const;

 private:
  struct Record {
    Clock::time_point window_start;  ///< the first wrong token of the current window
    Clock::time_point last;          ///< the latest wrong token
    Clock::time_point refused_until;
    int failures = 0;                ///< in the current window
  };
  void make_room(Clock::time_point now);

  Limits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Record> records_;
};

}  // namespace finsim::server
