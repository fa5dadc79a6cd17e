#include "auth.hpp"

#include <algorithm>

namespace finsim::server {

bool constant_time_equals(std::string_view a, std::string_view b) {
  // Every byte of the longer text is visited whatever the contents; volatile keeps the loop whole.
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

bool authorized(const HttpRequest& request, std::string_view token) {
  if (token.empty()) return true;
  std::string_view value = request.header("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (value.size() < kScheme.size() || !iequals(value.substr(0, kScheme.size()), kScheme)) return false;
  value.remove_prefix(kScheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return constant_time_equals(value, token);
}

}  // namespace finsim::server
