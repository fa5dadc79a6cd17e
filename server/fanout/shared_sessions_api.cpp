#include "fanout/shared_sessions_api.hpp"

#include <algorithm>

#include "api_responses.hpp"
#include "auth.hpp"
#include "control_api.hpp"
#include "fanout/fanout.hpp"
#include "session_registry.hpp"
#include "session_size.hpp"
#include "url.hpp"

namespace finsim::server {
namespace {

using Reply = std::function<void(HttpResponse)>;

Fanout::Answer answer_with(const Reply& reply) {
  return [reply](Result<nlohmann::json> answer) {
    reply(answer.ok() ? json_response(200, *answer) : error_response(answer.error()));
  };
}

bool control(const HttpRequest& request, std::string_view path, Fanout& fanout, const SessionRegistry& sessions,
             std::string_view token, const Reply& reply) {
  const std::string id = query_parameter(split_target(request.target).query, "session").value_or("");
  if (!fanout.remote(id)) return false;
  if (path == "/control/status") {
    if (request.method != "GET" && request.method != "HEAD") return false;  // the local handler refuses it
    auto status = fanout.remote_status(id);
    reply(status.ok() ? json_response(200, *status) : error_response(status.error()));
    return true;
  }
  auto ask = read_control(request, path, token);
  if (auto* refused = std::get_if<HttpResponse>(&ask)) {
    reply(std::move(*refused));
    return true;
  }
  auto& [name, body] = std::get<ControlAsk>(ask);
  fanout.forward(id, name, body, session_bound(request, token, sessions.max_banks()), answer_with(reply));
  return true;
}

bool one_session(const HttpRequest& request, std::string_view id, Fanout& fanout, std::string_view token,
                 const Reply& reply) {
  if (request.method == "OPTIONS" || !fanout.remote(std::string(id))) return false;
  if (request.method == "GET" || request.method == "HEAD") {
    auto status = fanout.remote_status(std::string(id));
    reply(status.ok() ? json_response(200, *status) : error_response(status.error()));
    return true;
  }
  if (request.method != "DELETE") return false;
  if (!authorized(request, token)) {
    reply(error_response(make_error("unauthorized", "this needs 'Authorization: Bearer <token>'")));
    return true;
  }
  fanout.forward(std::string(id), "close", nlohmann::json::object(), SessionBound{}, answer_with(reply));
  return true;
}

}  // namespace

bool answer_shared(const HttpRequest& request, std::string_view path, Fanout& fanout, const SessionRegistry& sessions,
                   std::string_view token, const Reply& reply) {
  constexpr std::string_view kControl = "/control/";
  constexpr std::string_view kSessions = "/sessions";
  if (path.substr(0, kControl.size()) == kControl) return control(request, path, fanout, sessions, token, reply);
  if (path.substr(0, kSessions.size()) != kSessions) return false;
  std::string_view rest = path.substr(kSessions.size());
  if (rest.empty() || rest == "/") {
    if (request.method != "GET" && request.method != "HEAD") return false;
    nlohmann::json all = sessions.list();
    for (auto& status : fanout.remote_statuses()) all["sessions"].push_back(std::move(status));
    std::sort(all["sessions"].begin(), all["sessions"].end(),
              [](const nlohmann::json& a, const nlohmann::json& b) { return a.value("session", "") < b.value("session", ""); });
    reply(json_response(200, all));
    return true;
  }
  if (rest.front() != '/') return false;
  rest.remove_prefix(1);
  if (rest.empty() || rest.find('/') != std::string_view::npos || !SessionRegistry::valid_id(rest)) return false;
  return one_session(request, rest, fanout, token, reply);
}

}  // namespace finsim::server
