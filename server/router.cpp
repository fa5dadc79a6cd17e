#include "router.hpp"

#include <cstdlib>

#include "api_responses.hpp"
#include "finsim/catalogue.hpp"
#include "control_api.hpp"
#include "portfolio/api.hpp"
#include "portfolio/feed.hpp"
#include "sessions_api.hpp"
#include "url.hpp"

#include <nlohmann/json.hpp>

namespace finsim::server {
namespace {

constexpr std::string_view kWebSocketPath = "/ws/simulation";
constexpr std::string_view kPortfolioFeedPath = "/ws/portfolios";

/// Whether `path` is `root` or lies below it ("/control", "/control/play", not "/controls").
bool under(std::string_view path, std::string_view root) {
  return path.substr(0, root.size()) == root && (path.size() == root.size() || path[root.size()] == '/');
}

}  // namespace

Router::Router(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<const StaticFiles> files,
               std::string control_token, std::shared_ptr<const PortfolioApi> portfolio,
               std::shared_ptr<PortfolioFeed> feed)
    : sessions_(std::move(sessions)),
      files_(std::move(files)),
      control_token_(std::move(control_token)),
      portfolio_(std::move(portfolio)),
      feed_(std::move(feed)),
      catalogue_(catalogue_json().dump()) {}

void Router::handle(HttpRequest request, Reply reply) const {
  const auto path = percent_decode(split_target(request.target).path);
  if (path && portfolio_ && PortfolioApi::serves(*path)) return portfolio_->handle(std::move(request), *path, std::move(reply));
  reply(path ? handle_now(request, *path)
             : error_response(make_error("bad_request", "the path has a malformed escape or a NUL byte")));
}

bool Router::takes_large_body(std::string_view target) const {
  return portfolio_ && PortfolioApi::takes_large_body(target);
}

HttpResponse Router::handle_now(const HttpRequest& request, const std::string& path) const {
  if (under(path, "/control")) return handle_control(request, path, *sessions_, control_token_);
  if (under(path, "/sessions")) return handle_sessions(request, path, *sessions_, control_token_);
  if (path == kWebSocketPath || (feed_ && path == kPortfolioFeedPath)) {
    if (request.method != "GET") return method_not_allowed("GET");
    HttpResponse r = error_response(make_error("upgrade_required", "this path is a WebSocket: connect with ws://"));
    r.set("Upgrade", "websocket").set("Connection", "Upgrade");
    return r;
  }
  if (path == "/api/scenarios") {
    if (request.method == "OPTIONS") return preflight_response("GET, HEAD");
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    HttpResponse r = json_response(200, nlohmann::json::object());
    r.body = catalogue_;
    return r;
  }
  if (under(path, "/api") || under(path, "/ws"))
    return error_response(make_error("not_found", "no such path: " + path));
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
  return files_->serve(request);
}

Result<std::shared_ptr<Channel>> Router::viewer_channel(const HttpRequest& request) const {
  const auto path = percent_decode(split_target(request.target).path);
  const bool feed = feed_ && path && *path == kPortfolioFeedPath;
  if (!path || (*path != kWebSocketPath && !feed))
    return make_error("not_found", "WebSockets are served at /ws/simulation and /ws/portfolios only");
  if (request.method != "GET") return make_error("method_not_allowed", "a WebSocket opens with GET");
  if (feed) {
    const auto id = query_parameter(split_target(request.target).query, "portfolio");
    if (!id) return feed_->channel(std::nullopt);
    char* end = nullptr;
    const long long v = std::strtoll(id->c_str(), &end, 10);
    if (id->empty() || *end != '\0' || v <= 0) return make_error("bad_request", "portfolio must be a portfolio's id");
    return feed_->channel(static_cast<std::int64_t>(v));
  }
  auto live = session_of(request, *sessions_);
  if (!live.ok()) return live.error();
  return std::shared_ptr<Channel>(std::move(live).value());
}

}  // namespace finsim::server
