// The control endpoints: POST /control/<name> and GET /control/status (docs/http-api.md).
// Translation only: bodies go to the engine's Session::control unchanged, its error codes become
// HTTP statuses through api_responses. Thread-safe.
#pragma once

#include <variant>

#include <nlohmann/json.hpp>

#include <string_view>

#include "http_message.hpp"
#include "session_registry.hpp"

namespace finsim::server {

/// Answers a request whose decoded path is /control or starts with /control/. `token` is the
/// control token ("" = controls are open). A reset to more than the registry's max_banks() banks is
/// taken only from the holder of the control token.
HttpResponse handle_control(const HttpRequest& request, std::string_view path, SessionRegistry& sessions,
                            std::string_view token);

/// What a control request asks once checked: the control's name and the body for the engine.
struct ControlAsk {
  std::string name;
  nlohmann::json body;
};

/// Checks a request to POST /control/<name> (not /control/status): the name, the method, the token
/// and the body. The ask, or the response that refuses it (OPTIONS: the preflight's answer).
std::variant<ControlAsk, HttpResponse> read_control(const HttpRequest& request, std::string_view path,
                                                    std::string_view token);

/// The session named by the target's "?session=" parameter (the default when absent).
/// Error unknown_session.
Result<std::shared_ptr<LiveSession>> session_of(const HttpRequest& request, const SessionRegistry& sessions);

}  // namespace finsim::server
