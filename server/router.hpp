// Routes a request to the control API, the session API, the engine's catalogue (GET /api/scenarios),
// the portfolio API (/api/…, docs/portfolio-api.md) or the static web app; the one place that knows
// the URL layout (docs/http-api.md). Every write (POST, PUT, PATCH, DELETE) passes the checks of
// docs/http-api.md, "Writes come from the server's own pages", here before reaching any handler.
// Holds no Beast types. Thread-safe (const after construction; the token throttle has its own lock).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "channel.hpp"
#include "finsim/result.hpp"
#include "http_message.hpp"
#include "origin_policy.hpp"
#include "session_registry.hpp"
#include "static_files.hpp"
#include "token_throttle.hpp"

namespace finsim::server {

class AnalysisLane;
class Fanout;
class PortfolioApi;
class PortfolioFeed;
class WhyApi;

class Router {
 public:
  using Reply = std::function<void(HttpResponse)>;
  using ChannelReply = std::function<void(Result<std::shared_ptr<Channel>>)>;

  /// `origins` admits writes; `portfolio` and `feed` may be null (no portfolio API: its paths answer 404);
  /// `analysis` runs "why did this bank fail?" (why_api.hpp), null: those paths answer 404; `fanout`
  /// shares sessions with other instances (fanout/fanout.hpp), null: this instance alone.
  Router(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<const StaticFiles> files,
         std::string control_token, OriginPolicy origins, std::shared_ptr<const PortfolioApi> portfolio = nullptr,
         std::shared_ptr<PortfolioFeed> feed = nullptr, std::shared_ptr<AnalysisLane> analysis = nullptr,
         std::shared_ptr<Fanout> fanout = nullptr);

  /// Answers any request but a WebSocket upgrade. HEAD is answered like GET (the session drops the
  /// body). Portfolio API requests are answered through `reply` from the portfolio service's thread
  /// once durable, "why" questions from the analysis lane; everything else at once, on the caller's thread. A write is refused before any
  /// handler runs when it comes from elsewhere (403 wrong_host, cross_origin), from an address that sent
  /// too many wrong tokens (429 too_many_wrong_tokens, Retry-After) or with a body not declared JSON
  /// (415 unsupported_media_type; a market import may also be text/csv); its answer names no origin
  /// but an admitted one in CORS, nor does the answer to a preflight for a write.
  void handle(HttpRequest request, Reply reply) const;

  /// Whether a request to `target` may carry a body beyond the usual limit (market imports).
  [[nodiscard]] bool takes_large_body(std::string_view target) const;

  /// For a WebSocket upgrade request: what to watch — GET /ws/simulation[?session=ID] (a live
  /// session) or GET /ws/portfolios[?portfolio=ID] (the portfolio feed). Answers through `done`: at
  /// once on the caller's thread, or, for one portfolio's feed, from the portfolio service's thread
  /// once it has looked the portfolio up. Watching changes nothing, so upgrades are not writes. Errors:
  /// not_found (another path), method_not_allowed, unknown_session, bad_request (a portfolio id that is
  /// not a number), unknown_portfolio.
  void viewer_channel(const HttpRequest& request, ChannelReply done) const;

  [[nodiscard]] SessionRegistry& sessions() const { return *sessions_; }

 private:
  std::shared_ptr<SessionRegistry> sessions_;
  std::shared_ptr<const StaticFiles> files_;
  std::string control_token_;
  OriginPolicy origins_;
  std::shared_ptr<TokenThrottle> throttle_ = std::make_shared<TokenThrottle>();  ///< shared with pending replies
  std::shared_ptr<const PortfolioApi> portfolio_;
  std::shared_ptr<PortfolioFeed> feed_;
  std::shared_ptr<Fanout> fanout_;
  std::shared_ptr<const WhyApi> why_;
  std::string catalogue_;  ///< the engine's catalogue_json(), serialized once

  [[nodiscard]] HttpResponse handle_now(const HttpRequest& request, const std::string& path) const;
  /// With a fan-out: whether answering may need a Redis round trip (then it is answered on the
  /// fan-out's requests lane, not on the network thread).
  [[nodiscard]] bool needs_redis(const HttpRequest& request, const std::string& path) const;
  /// Why a write may not reach its handler (403, 429, 415), or nullopt.
  [[nodiscard]] std::optional<HttpResponse> refuse_write(const HttpRequest& request) const;
};

}  // namespace finsim::server
