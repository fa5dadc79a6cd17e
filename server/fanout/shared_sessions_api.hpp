// The control and session endpoints (docs/http-api.md) for sessions another instance owns, when
// instances share sessions (--redis, fanout.hpp): the same paths, bodies, checks and answers as for a
// local session, the work done by the owner. GET /sessions lists the sessions of every instance.
// Thread-safe.
#pragma once

#include <functional>
#include <string_view>

#include "http_message.hpp"

namespace finsim::server {

class Fanout;
class SessionRegistry;

/// Answers (through `reply`, maybe from another thread) a request under /control or /sessions that
/// concerns a session of another instance, or GET /sessions, and returns true; returns false, having
/// done nothing, for everything the local handlers answer (control_api.hpp, sessions_api.hpp).
bool answer_shared(const HttpRequest& request, std::string_view path, Fanout& fanout, const SessionRegistry& sessions,
                   std::string_view token, const std::function<void(HttpResponse)>& reply);

}  // namespace finsim::server
