#include "router.hpp"

#include <chrono>
#include <cstdlib>
#include <exception>

#include "api_responses.hpp"
#include "finsim/catalogue.hpp"
#include "control_api.hpp"
#include "fanout/fanout.hpp"
#include "fanout/shared_sessions_api.hpp"
#include "fail.hpp"
#include "portfolio/api.hpp"
#include "portfolio/feed.hpp"
#include "sessions_api.hpp"
#include "why_api.hpp"
#include "url.hpp"

#include <nlohmann/json.hpp>

namespace finsim::server {
namespace {

constexpr std::string_view kWebSocketPath = "/ws/simulation";
constexpr std::string_view kPortfolioFeedPath = "/ws/portfolios";

/// Whether `path` is `root` or lies below it ("/control", "/control/play", not "/controls").
bool under(std::string_view path, std::string_view root) {
  return path.substr(0, root.size()) == root && (path.size() == root.size() || path[root.size()] == '/');
}

/// The answer to a request for the sessions' controls or list (/control/…, /sessions…), none for
/// another path: what every instance answers itself, on the network thread or the fan-out's lane.
std::optional<HttpResponse> session_routes(const HttpRequest& request, std::string_view path, SessionRegistry& sessions,
                                           std::string_view token) {
  if (under(path, "/control")) return handle_control(request, path, sessions, token);
  if (under(path, "/sessions")) return handle_sessions(request, path, sessions, token);
  return std::nullopt;
}

}  // namespace

Router::Router(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<const StaticFiles> files,
               std::string control_token, OriginPolicy origins, std::shared_ptr<const PortfolioApi> portfolio,
               std::shared_ptr<PortfolioFeed> feed, std::shared_ptr<AnalysisLane> analysis, std::shared_ptr<Fanout> fanout)
    : sessions_(std::move(sessions)),
      files_(std::move(files)),
      control_token_(std::move(control_token)),
      origins_(std::move(origins)),
      portfolio_(std::move(portfolio)),
      feed_(std::move(feed)),
      fanout_(std::move(fanout)),
      why_(analysis ? std::make_shared<const WhyApi>(sessions_, std::move(analysis), fanout_) : nullptr),
      catalogue_(catalogue_json().dump()) {}

void Router::handle(HttpRequest request, Reply reply) const {
  const bool write = changes_state(request.method);
  if (write || (request.method == "OPTIONS" && changes_state(request.header("Access-Control-Request-Method"))))
    reply = [reply = std::move(reply), origin = origins_.cors_origin(request)](HttpResponse r) {
      allow_only_origin(r, origin);
      reply(std::move(r));
    };
  if (write) {
    if (auto refusal = refuse_write(request)) return reply(std::move(*refusal));
    if (!control_token_.empty() && !request.header("Authorization").empty())
      reply = [reply = std::move(reply), throttle = throttle_, client = request.client](HttpResponse r) {
        if (r.status == 401) throttle->wrong_token(client, TokenThrottle::Clock::now());
        reply(std::move(r));
      };
  }
  const auto path = percent_decode(split_target(request.target).path);
  if (path && portfolio_ && PortfolioApi::serves(*path)) return portfolio_->handle(std::move(request), *path, std::move(reply));
  if (path && why_ && WhyApi::serves(*path)) return why_->handle(request, *path, std::move(reply));
  if (path && fanout_ && needs_redis(request, *path)) {
    // Answered on the fan-out's requests lane: a stalled Redis holds that lane, never this thread.
    auto job = [request, path = *path, fanout = fanout_, sessions = sessions_, token = control_token_, reply]() {
      try {
        if (answer_shared(request, path, *fanout, *sessions, token, reply)) return;
        reply(*session_routes(request, path, *sessions, token));  // needs_redis: one of its paths
      } catch (const std::exception& e) {
        fail_thrown("request", e.what());
        reply(error_response(make_error("internal_error", "the server could not answer this request")));
      }
    };
    if (Status posted = fanout_->on_requests_lane(std::move(job)); !posted.ok()) reply(error_response(posted.error()));
    return;
  }
  if (!path) return reply(error_response(make_error("bad_request", "the path has a malformed escape or a NUL byte")));
  HttpResponse answer = handle_now(request, *path);
  // A control this instance ran is answered once its publication is in Redis: other instances' joiners
  // then start from its state (fanout.hpp). The wait holds no thread.
  if (fanout_ && write && under(*path, "/control") && answer.status < 300)
    return fanout_->when_written([reply = std::move(reply), answer = std::move(answer)]() mutable { reply(std::move(answer)); });
  reply(std::move(answer));
}

std::optional<HttpResponse> Router::refuse_write(const HttpRequest& request) const {
  if (Status admitted = origins_.admit(request); !admitted.ok()) return error_response(admitted.error());
  using std::chrono::seconds;
  const auto wait = throttle_->refused_for(request.client, TokenThrottle::Clock::now());
  if (wait > TokenThrottle::Clock::duration::zero()) {
    const auto retry = std::chrono::ceil<seconds>(wait).count();
    HttpResponse r = error_response(make_error(
        "too_many_wrong_tokens", "too many wrong tokens from this address: changes are refused for " +
                                     std::to_string(retry) + " s"));
    r.set("Retry-After", std::to_string(retry));
    return r;
  }
  // Another declared type (text/plain, a form) is what a page of any site may send without asking
  // first (a CORS "simple request"). A write without a body may declare nothing (POST /control/play).
  const std::string type = request.media_type();
  const bool csv_ok = portfolio_ && PortfolioApi::takes_csv(split_target(request.target).path);
  if ((type.empty() && request.body.empty()) || type == "application/json" || (csv_ok && type == "text/csv"))
    return std::nullopt;
  const std::string declared(request.header("Content-Type"));
  return error_response(make_error("unsupported_media_type",
                                   std::string("a change sends its body as Content-Type: application/json") +
                                       (csv_ok ? " (or text/csv)" : "") +
                                       (declared.empty() ? ", and this one declares none" : ", not '" + declared + "'")));
}

bool Router::takes_large_body(std::string_view target) const {
  return portfolio_ && PortfolioApi::takes_large_body(target);
}

bool Router::needs_redis(const HttpRequest& request, const std::string& path) const {
  // Every session list, creation, status and closing may ask Redis (other instances' sessions, the
  // claim of a new id, the last publication of a closed one); a control only when its session is not
  // this instance's own.
  if (under(path, "/sessions")) return request.method != "OPTIONS";
  if (!under(path, "/control")) return false;
  return !fanout_->local(query_parameter(split_target(request.target).query, "session").value_or(""));
}

HttpResponse Router::handle_now(const HttpRequest& request, const std::string& path) const {
  if (auto answer = session_routes(request, path, *sessions_, control_token_)) return *std::move(answer);
  if (path == kWebSocketPath || (feed_ && path == kPortfolioFeedPath)) {
    if (request.method != "GET") return method_not_allowed("GET");
    HttpResponse r = error_response(make_error("upgrade_required", "this path is a WebSocket: connect with ws://"));
    r.set("Upgrade", "websocket").set("Connection", "Upgrade");
    return r;
  }
  if (path == "/api/scenarios") {
    if (request.method == "OPTIONS") return preflight_response("GET, HEAD");
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    HttpResponse r = json_response(200, nlohmann::json::object());
    r.body = catalogue_;
    return r;
  }
  if (under(path, "/api") || under(path, "/ws"))
    return error_response(make_error("not_found", "no such path: " + path));
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
  return files_->serve(request);
}

void Router::viewer_channel(const HttpRequest& request, ChannelReply done) const {
  const auto path = percent_decode(split_target(request.target).path);
  const bool feed = feed_ && path && *path == kPortfolioFeedPath;
  if (!path || (*path != kWebSocketPath && !feed))
    return done(make_error("not_found", "WebSockets are served at /ws/simulation and /ws/portfolios only"));
  if (request.method != "GET") return done(make_error("method_not_allowed", "a WebSocket opens with GET"));
  if (feed) {
    const auto id = query_parameter(split_target(request.target).query, "portfolio");
    if (!id) return done(feed_->channel(std::nullopt));
    char* end = nullptr;
    const long long v = std::strtoll(id->c_str(), &end, 10);
    if (id->empty() || *end != '\0' || v <= 0) return done(make_error("bad_request", "portfolio must be a portfolio's id"));
    if (!portfolio_) return done(feed_->channel(static_cast<std::int64_t>(v)));
    // 404 for a portfolio that does not exist, rather than a feed that never says anything.
    return portfolio_->find_portfolio(v, [feed = feed_, v, done](Status found) {
      if (!found.ok()) return done(found.error());
      done(feed->channel(static_cast<std::int64_t>(v)));
    });
  }
  if (fanout_) return fanout_->channel_async(query_parameter(split_target(request.target).query, "session").value_or(""), std::move(done));
  auto live = session_of(request, *sessions_);
  if (!live.ok()) return done(live.error());
  done(std::shared_ptr<Channel>(std::move(live).value()));
}

}  // namespace finsim::server
