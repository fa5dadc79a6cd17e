// The session endpoints: GET/POST /sessions, GET/DELETE /sessions/<id> (docs/http-api.md).
// Thread-safe.
#pragma once

#include <string_view>

#include "http_message.hpp"
#include "session_registry.hpp"

namespace finsim::server {

/// Answers a request whose decoded path is /sessions or starts with /sessions/. Creating and
/// closing need the control token when one is configured; listing does not. A session of more than
/// the registry's max_banks() banks is created only for the holder of the control token.
HttpResponse handle_sessions(const HttpRequest& request, std::string_view path, SessionRegistry& sessions,
                             std::string_view token);

}  // namespace finsim::server
