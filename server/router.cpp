#include "router.hpp"

#include "api_responses.hpp"
#include "finsim/catalogue.hpp"
#include "control_api.hpp"
#include "sessions_api.hpp"
#include "url.hpp"

#include <nlohmann/json.hpp>

namespace finsim::server {
namespace {

constexpr std::string_view kWebSocketPath = "/ws/simulation";

/// Whether `path` is `root` or lies below it ("/control", "/control/play", not "/controls").
bool under(std::string_view path, std::string_view root) {
  return path.substr(0, root.size()) == root && (path.size() == root.size() || path[root.size()] == '/');
}

}  // namespace

Router::Router(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<const StaticFiles> files,
               std::string control_token)
    : sessions_(std::move(sessions)),
      files_(std::move(files)),
      control_token_(std::move(control_token)),
      catalogue_(catalogue_json().dump()) {}

HttpResponse Router::handle(const HttpRequest& request) const {
  const auto path = percent_decode(split_target(request.target).path);
  if (!path) return error_response(make_error("bad_request", "the path has a malformed escape or a NUL byte"));
  if (under(*path, "/control")) return handle_control(request, *path, *sessions_, control_token_);
  if (under(*path, "/sessions")) return handle_sessions(request, *path, *sessions_, control_token_);
  if (*path == kWebSocketPath) {
    if (request.method != "GET") return method_not_allowed("GET");
    HttpResponse r = error_response(make_error("upgrade_required", "this path is a WebSocket: connect with ws://"));
    r.set("Upgrade", "websocket").set("Connection", "Upgrade");
    return r;
  }
  if (*path == "/api/scenarios") {
    if (request.method == "OPTIONS") return preflight_response("GET, HEAD");
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    HttpResponse r = json_response(200, nlohmann::json::object());
    r.body = catalogue_;
    return r;
  }
  if (under(*path, "/api") || under(*path, "/ws"))
    return error_response(make_error("not_found", "no such path: " + *path));
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
  return files_->serve(request);
}

Result<std::shared_ptr<LiveSession>> Router::viewer_session(const HttpRequest& request) const {
  const auto path = percent_decode(split_target(request.target).path);
  if (!path || *path != kWebSocketPath) return make_error("not_found", "WebSockets are served at /ws/simulation only");
  if (request.method != "GET") return make_error("method_not_allowed", "a WebSocket opens with GET");
  return session_of(request, *sessions_);
}

}  // namespace finsim::server
