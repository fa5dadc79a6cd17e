#include "control_api.hpp"

#include <algorithm>

#include "api_responses.hpp"
#include "auth.hpp"
#include "session_size.hpp"
#include "url.hpp"

namespace finsim::server {
namespace {

constexpr std::string_view kPrefix = "/control/";

HttpResponse status_endpoint(const HttpRequest& request, const SessionRegistry& sessions) {
  if (request.method == "OPTIONS") return preflight_response("GET, HEAD");
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
  auto live = session_of(request, sessions);
  if (!live.ok()) return error_response(live.error());
  return json_response(200, (*live)->status());
}

HttpResponse unknown_control(std::string_view name) {
  std::string known;
  for (const auto& n : Session::control_names()) known += (known.empty() ? "" : ", ") + n;
  return error_response(make_error("unknown_control", "unknown control '" + std::string(name) +
                                                          "' (controls: " + known + ", status)"));
}

}  // namespace

Result<std::shared_ptr<LiveSession>> session_of(const HttpRequest& request, const SessionRegistry& sessions) {
  const auto id = query_parameter(split_target(request.target).query, "session");
  return sessions.find(id.value_or(""));
}

std::variant<ControlAsk, HttpResponse> read_control(const HttpRequest& request, std::string_view path,
                                                    std::string_view token) {
  const std::string_view name = path.size() > kPrefix.size() ? path.substr(kPrefix.size()) : std::string_view{};
  const auto& names = Session::control_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) return unknown_control(name);
  if (request.method == "OPTIONS") return preflight_response("POST");
  if (request.method != "POST") return method_not_allowed("POST");
  if (!authorized(request, token))
    return error_response(make_error("unauthorized", "this control needs 'Authorization: Bearer <token>'"));
  auto body = Session::parse_body(request.body);
  if (!body.ok()) return error_response(body.error());
  return ControlAsk{std::string(name), std::move(body).value()};
}

HttpResponse handle_control(const HttpRequest& request, std::string_view path, SessionRegistry& sessions,
                            std::string_view token) {
  if (path == "/control/status") return status_endpoint(request, sessions);
  auto ask = read_control(request, path, token);
  if (auto* refused = std::get_if<HttpResponse>(&ask)) return std::move(*refused);
  const auto& [name, body] = std::get<ControlAsk>(ask);
  auto live = session_of(request, sessions);
  if (!live.ok()) return error_response(live.error());
  auto status = (*live)->control(name, body, session_bound(request, token, sessions.max_banks()));
  if (!status.ok()) return error_response(status.error());
  return json_response(200, *status);
}

}  // namespace finsim::server
