#include "sessions_api.hpp"

#include "api_responses.hpp"
#include "auth.hpp"
#include "session_size.hpp"

namespace finsim::server {
namespace {

HttpResponse unauthorized() {
  return error_response(make_error("unauthorized", "this needs 'Authorization: Bearer <token>'"));
}

/// POST /sessions {"id"?: string, "reset"?: object}.
HttpResponse create_session(const HttpRequest& request, SessionRegistry& sessions, std::string_view token) {
  if (!authorized(request, token)) return unauthorized();
  auto body = Session::parse_body(request.body);
  if (!body.ok()) return error_response(body.error());
  if (!body->is_object()) return error_response(make_error("bad_request", "the body must be a JSON object"));
  std::string id;
  nlohmann::json reset = nlohmann::json::object();
  for (const auto& [key, value] : body->items()) {
    if (key == "id" && value.is_string()) {
      id = value.get<std::string>();
    } else if (key == "reset" && value.is_object()) {
      reset = value;
    } else if (key == "id" || key == "reset") {
      return error_response(make_error("bad_request", key == "id" ? "field 'id' must be a string"
                                                                  : "field 'reset' must be an object"));
    } else {
      return error_response(make_error("bad_request", "unexpected field '" + key + "'"));
    }
  }
  if (body->contains("id") && id.empty())
    return error_response(make_error("bad_request", "field 'id' may not be empty"));
  auto live = sessions.create(std::move(id), reset, session_bound(request, token, sessions.max_banks()));
  if (!live.ok()) return error_response(live.error());
  HttpResponse r = json_response(201, (*live)->status());
  r.set("Location", "/sessions/" + (*live)->id());
  return r;
}

HttpResponse one_session(const HttpRequest& request, std::string_view id, SessionRegistry& sessions,
                         std::string_view token) {
  if (request.method == "OPTIONS") return preflight_response("GET, HEAD, DELETE");
  if (request.method == "GET" || request.method == "HEAD") {
    auto live = sessions.find(id);
    if (!live.ok()) return error_response(live.error());
    return json_response(200, (*live)->status());
  }
  if (request.method != "DELETE") return method_not_allowed("GET, HEAD, DELETE");
  if (!authorized(request, token)) return unauthorized();
  auto closed = sessions.close(id);
  if (!closed.ok()) return error_response(closed.error());
  return json_response(200, {{"closed", id}, {"viewers_disconnected", *closed}});
}

}  // namespace

HttpResponse handle_sessions(const HttpRequest& request, std::string_view path, SessionRegistry& sessions,
                             std::string_view token) {
  constexpr std::string_view kRoot = "/sessions";
  std::string_view rest = path.substr(kRoot.size());
  if (rest.empty() || rest == "/") {
    if (request.method == "OPTIONS") return preflight_response("GET, HEAD, POST");
    if (request.method == "GET" || request.method == "HEAD") return json_response(200, sessions.list());
    if (request.method == "POST") return create_session(request, sessions, token);
    return method_not_allowed("GET, HEAD, POST");
  }
  rest.remove_prefix(1);  // the '/'
  if (rest.find('/') != std::string_view::npos)
    return error_response(make_error("not_found", "no such path: " + std::string(path)));
  return one_session(request, rest, sessions, token);
}

}  // namespace finsim::server
