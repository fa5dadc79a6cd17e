#include "token_throttle.hpp"

#include <algorithm>

namespace finsim::server {

TokenThrottle::TokenThrottle(Limits limits) : limits_(limits) {}

TokenThrottle::Clock::duration TokenThrottle::refused_for(const std::string& address, Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  const auto it = records_.find(address);
  if (it == records_.end() || it->second.refused_until <= now) return Clock::duration::zero();
  return it->second.refused_until - now;
}

void TokenThrottle::wrong_token(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (!records_.contains(address)) make_room(now);
  Record& r = records_[address];
  if (r.failures == 0 || now - r.window_start > limits_.window) {
    r.window_start = now;
    r.failures = 0;
  }
  r.last = now;
  if (++r.failures >= limits_.failures) {
    r.refused_until = now + limits_.penalty;
    r.failures = 0;  // the next window starts with the next wrong token
  }
}

std::size_t TokenThrottle::size() const {
  std::lock_guard lock(mutex_);
  return records_.size();
}

void TokenThrottle::make_room(Clock::time_point now) {
  if (records_.size() < limits_.addresses) return;
  std::erase_if(records_, [&](const auto& entry) {
    const Record& r = entry.second;
    return r.refused_until <= now && now - r.window_start > limits_.window;
  });
  if (records_.size() < limits_.addresses) return;
  const auto oldest = std::min_element(records_.begin(), records_.end(),
                                       [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
  records_.erase(oldest);
}

}  // namespace finsim::server
