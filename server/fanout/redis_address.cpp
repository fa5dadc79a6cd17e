#include "fanout/redis_address.hpp"

#include <charconv>
#include <optional>

namespace finsim::server {
namespace {

Error usage(std::string_view url, const std::string& why) {
  return make_error("usage", "--redis '" + std::string(url) + "': " + why + " (expected redis://host[:port][/db])");
}

std::optional<int> whole(std::string_view text, int lo, int hi) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

}  // namespace

Result<RedisAddress> parse_redis_address(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) return usage(url, "not a redis:// URL");
  std::string_view rest = url.substr(kScheme.size());
  RedisAddress a;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    const auto db = whole(rest.substr(slash + 1), 0, 1'000'000);
    if (!db) return usage(url, "the database must be a number");
    a.db = *db;
    rest = rest.substr(0, slash);
  }
  if (rest.find('@') != std::string_view::npos) return usage(url, "user names and passwords are not supported");
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return usage(url, "an unclosed [");
    host = rest.substr(1, close - 1);
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return usage(url, "text after the address");
      port = after.substr(1);
    }
  } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty()) return usage(url, "no host");
  a.host = std::string(host);
  if (!port.empty() || rest.back() == ':') {
    const auto p = whole(port, 1, 65535);
    if (!p) return usage(url, "the port must be 1 .. 65535");
    a.port = *p;
  }
  return a;
}

}  // namespace finsim::server
