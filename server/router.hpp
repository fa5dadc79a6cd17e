// Routes a request to the control API, the session API, the engine's catalogue (GET /api/scenarios)
// or the static web app; the one place that knows the URL layout (docs/http-api.md). Holds no Beast
// types. Thread-safe (const after construction).
#pragma once

#include <memory>
#include <string>

#include "finsim/result.hpp"
#include "http_message.hpp"
#include "session_registry.hpp"
#include "static_files.hpp"

namespace finsim::server {

class Router {
 public:
  Router(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<const StaticFiles> files,
         std::string control_token);

  /// Answers any request but a WebSocket upgrade. HEAD is answered like GET (the session drops the body).
  [[nodiscard]] HttpResponse handle(const HttpRequest& request) const;

  /// For a WebSocket upgrade request: the session to watch, from GET /ws/simulation[?session=ID].
  /// Errors: not_found (another path), method_not_allowed, unknown_session.
  [[nodiscard]] Result<std::shared_ptr<LiveSession>> viewer_session(const HttpRequest& request) const;

  [[nodiscard]] SessionRegistry& sessions() const { return *sessions_; }

 private:
  std::shared_ptr<SessionRegistry> sessions_;
  std::shared_ptr<const StaticFiles> files_;
  std::string control_token_;
  std::string catalogue_;  ///< the engine's catalogue_json(), serialized once
};

}  // namespace finsim::server
