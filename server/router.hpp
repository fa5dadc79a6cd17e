// Routes a request to the control API, the session API, the engine's catalogue (GET /api/scenarios),
// the portfolio API (/api/…, docs/portfolio-api.md) or the static web app; the one place that knows
// the URL layout (docs/http-api.md). Holds no Beast types. Thread-safe (const after construction).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "channel.hpp"
#include "finsim/result.hpp"
#include "http_message.hpp"
#include "session_registry.hpp"
#include "static_files.hpp"

namespace finsim::server {

class PortfolioApi;
class PortfolioFeed;

class Router {
 public:
  using Reply = std::function<void(HttpResponse)>;

  /// `portfolio` and `feed` may be null (no portfolio API: its paths answer 404).
  Router(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<const StaticFiles> files,
         std::string control_token, std::shared_ptr<const PortfolioApi> portfolio = nullptr,
         std::shared_ptr<PortfolioFeed> feed = nullptr);

  /// Answers any request but a WebSocket upgrade. HEAD is answered like GET (the session drops the
  /// body). Portfolio API requests are answered through `reply` from the portfolio service's thread
  /// once durable; everything else at once, on the caller's thread.
  void handle(HttpRequest request, Reply reply) const;

  /// Whether a request to `target` may carry a body beyond the usual limit (market imports).
  [[nodiscard]] bool takes_large_body(std::string_view target) const;

  /// For a WebSocket upgrade request: what to watch — GET /ws/simulation[?session=ID] (a live
  /// session) or GET /ws/portfolios[?portfolio=ID] (the portfolio feed). Errors: not_found (another
  /// path), method_not_allowed, unknown_session, bad_request (a portfolio id that is not a number).
  [[nodiscard]] Result<std::shared_ptr<Channel>> viewer_channel(const HttpRequest& request) const;

  [[nodiscard]] SessionRegistry& sessions() const { return *sessions_; }

 private:
  std::shared_ptr<SessionRegistry> sessions_;
  std::shared_ptr<const StaticFiles> files_;
  std::string control_token_;
  std::shared_ptr<const PortfolioApi> portfolio_;
  std::shared_ptr<PortfolioFeed> feed_;
  std::string catalogue_;  ///< the engine's catalogue_json(), serialized once

  [[nodiscard]] HttpResponse handle_now(const HttpRequest& request, const std::string& path) const;
};

}  // namespace finsim::server
