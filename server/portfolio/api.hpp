// The portfolio REST API (/api/…, docs/portfolio-api.md): routing, the control token, CORS preflights
// and Idempotency-Key, in front of the portfolio service that runs the handlers.
//
// Thread-safety: handle() may be called from any network thread at once; routing, 404/405/401 answers
// and preflights are answered at once on the caller's thread, everything else runs on the service's
// thread and is answered through `reply` once durable.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http_message.hpp"
#include "service.hpp"

namespace finsim::server {

class SessionRegistry;

class PortfolioApi {
 public:
  using Reply = std::function<void(HttpResponse)>;

  PortfolioApi(std::shared_ptr<PortfolioService> service, std::shared_ptr<SessionRegistry> sessions,
               std::string control_token);

  /// Whether `path` (decoded) belongs to this API (and is not /api/scenarios).
  [[nodiscard]] static bool serves(std::string_view path);
  /// Whether a request to `target` may carry a large body (market imports).
  [[nodiscard]] static bool takes_large_body(std::string_view target);
  /// Whether a write to `path` may send its body as text/csv besides application/json (market imports).
  [[nodiscard]] static bool takes_csv(std::string_view path);

  /// Answers a request whose decoded path is `path`.
  void handle(HttpRequest request, const std::string& path, Reply reply) const;

  /// Looks the portfolio `id` up (any kind, archived too) in turn with the other requests and calls
  /// `done` on the service's thread with ok or unknown_portfolio; once the service has stopped, at once
  /// with shutting_down.
  void find_portfolio(std::int64_t id, std::function<void(Status)> done) const;

  [[nodiscard]] PortfolioService& service() const { return *service_; }

 private:
  std::shared_ptr<PortfolioService> service_;
  std::shared_ptr<SessionRegistry> sessions_;
  std::string control_token_;
};

}  // namespace finsim::server
