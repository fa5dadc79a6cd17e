#include "origin_policy.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace finsim::server {
namespace {

/// A Host header's parts (RFC 9110 §7.2: host [":" port]); the host in lower case.
struct HostPort {
  std::string host;
  std::optional<int> port;  ///< nullopt when none is written
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  int port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + (c - '0');
  }
  if (port < 1 || port > 65535) return std::nullopt;
  return port;
}

/// A name (letters, digits, '-', '.', '_', '~') or a bracketed IPv6 address, with an optional port.
std::optional<HostPort> parse_host_port(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string_view host = text;
  std::optional<int> port;
  const std::size_t colon = text.front() == '[' ? text.find("]:") : text.find(':');
  if (colon != std::string_view::npos) {
    const std::size_t at = text.front() == '[' ? colon + 1 : colon;
    host = text.substr(0, at);
    port = parse_port(text.substr(at + 1));
    if (!port) return std::nullopt;
  }
  if (host.empty()) return std::nullopt;
  const bool bracketed = host.front() == '[';
  if (bracketed != (host.back() == ']') || host.size() < (bracketed ? 3u : 1u)) return std::nullopt;
  for (char c : bracketed ? host.substr(1, host.size() - 2) : host) {
    const bool name_char = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
    if (!name_char && !(bracketed && c == ':')) return std::nullopt;
  }
  return HostPort{lower(host), port};
}

/// An IPv4 address in dotted decimal or a bracketed IPv6 address: a page reaching the server by
/// such a name has that address as its origin, so DNS rebinding cannot produce it.
bool ip_literal(const std::string& host) {
  unsigned char buffer[16];
  if (host.front() == '[') return inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), buffer) == 1;
  return inet_pton(AF_INET, host.c_str(), buffer) == 1;
}

int default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

}  // namespace

std::optional<WebOrigin> parse_origin(std::string_view text) {
  if (!text.empty() && text.back() == '/') text.remove_suffix(1);
  const std::size_t sep = text.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  const std::string scheme = lower(text.substr(0, sep));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  const auto authority = parse_host_port(text.substr(sep + 3));
  if (!authority) return std::nullopt;
  return WebOrigin{scheme, authority->host, authority->port.value_or(default_port(scheme))};
}

bool changes_state(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

OriginPolicy::OriginPolicy(int port, std::vector<WebOrigin> allowed) : port_(port), allowed_(std::move(allowed)) {}

Status OriginPolicy::admit(const HttpRequest& request) const {
  const std::string_view host_text = request.header("Host");
  const auto host = parse_host_port(host_text);
  const auto names_allowed = [&](const WebOrigin& o) {
    return o.host == host->host && host->port.value_or(default_port(o.scheme)) == o.port;
  };
  const bool ours = host && (((host->host == "localhost" || ip_literal(host->host)) && host->port.value_or(80) == port_) ||
                             std::any_of(allowed_.begin(), allowed_.end(), names_allowed));
  if (!ours)
    return make_error("wrong_host", "a change must be addressed to this server as localhost or an IP address with port " +
                                        std::to_string(port_) + ", or as an origin named by --allow-origin (Host: '" +
                                        std::string(host_text) + "')");
  const std::string_view origin_text = request.header("Origin");
  if (origin_text.empty()) return {};  // not sent by a browser's page (curl, scripts), or same-origin in an old browser
  const auto origin = parse_origin(origin_text);
  const bool same_origin = origin && origin->scheme == "http" && origin->host == host->host &&
                           origin->port == host->port.value_or(80);
  if (same_origin || (origin && std::find(allowed_.begin(), allowed_.end(), *origin) != allowed_.end())) return {};
  return make_error("cross_origin", "a change may come from this server's own pages or an origin named by "
                                    "--allow-origin, not from a page of '" + std::string(origin_text) + "'");
}

std::string OriginPolicy::cors_origin(const HttpRequest& request) const {
  const std::string_view origin = request.header("Origin");
  return !origin.empty() && admit(request).ok() ? std::string(origin) : std::string();
}

}  // namespace finsim::server
