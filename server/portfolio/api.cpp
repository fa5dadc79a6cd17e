#include "api.hpp"

#include "api_responses.hpp"
#include "auth.hpp"
#include "idempotency.hpp"
#include "routes.hpp"
#include "transaction.hpp"
#include "url.hpp"

#include <nlohmann/json.hpp>

namespace finsim::server {
namespace {

std::string allowed_methods(std::span<const ApiRoute* const> routes) {
  std::string allow;
  for (const ApiRoute* r : routes) {
    allow += (allow.empty() ? "" : ", ") + std::string(r->method);
    if (r->method == "GET") allow += ", HEAD";
  }
  return allow;
}

/// Runs the handler in its own savepoint with the request's Idempotency-Key.
HttpResponse run_request(JobContext& ctx, const ApiRoute& route, ApiCall& call, const std::string& key) {
  auto& db = ctx.db();
  std::optional<RequestFingerprint> print;
  if (!key.empty()) {
    print = fingerprint(call.request);
    auto stored = replay_idempotent(db, key, *print, ctx.book().options().idempotency, IdempotencyClock::now());
    if (!stored.ok()) return error_response(stored.error());
    if (*stored) return std::move(**stored);
  }
  Savepoint sp(db, "request");
  if (Status s = sp.begin(); !s.ok()) return error_response(s.error());
  HttpResponse answer = route.handler(call);
  if (answer.status >= 400) {
    sp.rollback();
    ctx.discard_actions();
  } else if (Status s = sp.release(); !s.ok()) {
    ctx.discard_actions();
    return error_response(s.error());
  }
  if (print) {
    if (Status s = remember_idempotent(db, key, *print, answer, ctx.book().options().idempotency, IdempotencyClock::now());
        !s.ok()) {
      ctx.discard_actions();
      return error_response(s.error());  // the service rolls the job back
    }
  }
  return answer;
}

}  // namespace

PortfolioApi::PortfolioApi(std::shared_ptr<PortfolioService> service, std::shared_ptr<SessionRegistry> sessions,
                           std::string control_token)
    : service_(std::move(service)), sessions_(std::move(sessions)), control_token_(std::move(control_token)) {}

bool PortfolioApi::serves(std::string_view path) {
  return path != "/api/scenarios" && (path == "/api" || path.substr(0, 5) == "/api/");
}

bool PortfolioApi::takes_large_body(std::string_view target) { return takes_csv(split_target(target).path); }

bool PortfolioApi::takes_csv(std::string_view path) { return path == "/api/markets/import"; }

void PortfolioApi::find_portfolio(std::int64_t id, std::function<void(Status)> done) const {
  // Written by the work and read by the reply, both on the service's thread; the reply alone runs
  // (at once) when the service has stopped.
  auto found = std::make_shared<Status>(make_error("shutting_down", "the server is stopping"));
  service_->submit(
      [found, id](JobContext& ctx) {
        auto ledger = ctx.book().ledger(id);
        *found = ledger.ok() ? Status() : Status(ledger.error());
        return json_response(200, nlohmann::json::object());
      },
      [found, done = std::move(done)](const HttpResponse&) { done(*found); });
}

void PortfolioApi::handle(HttpRequest request, const std::string& path, Reply reply) const {
  std::vector<const ApiRoute*> matching;
  const ApiRoute* route = nullptr;
  std::vector<std::int64_t> ids;
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);
  for (const ApiRoute& r : api_routes()) {
    auto m = match_pattern(r.pattern, path);
    if (!m) continue;
    matching.push_back(&r);
    if (r.method == method) {
      route = &r;
      ids = std::move(*m);
    }
  }
  if (matching.empty()) return reply(error_response(make_error("not_found", "no such path: " + path)));
  if (request.method == "OPTIONS") return reply(preflight_response(allowed_methods(matching)));
  if (!route) return reply(method_not_allowed(allowed_methods(matching)));
  if (route->writes && !authorized(request, control_token_))
    return reply(error_response(make_error("unauthorized", "this needs 'Authorization: Bearer <token>'")));
  std::string key(request.header("Idempotency-Key"));
  if (!key.empty() && !valid_idempotency_key(key))
    return reply(error_response(make_error("bad_request", "Idempotency-Key must be 1 to 255 printable ASCII characters")));
  if (!route->writes) key.clear();  // reads are safe to repeat anyway

  auto shared = std::make_shared<HttpRequest>(std::move(request));
  if (!route->handler) return service_->submit_import(std::move(shared), std::move(key), std::move(reply));
  service_->submit(
      [route, ids = std::move(ids), shared, key, sessions = sessions_, service = std::weak_ptr(service_)](JobContext& ctx) {
        ApiCall call{ctx, *shared, ids, std::string(split_target(shared->target).query), sessions.get(), service};
        return run_request(ctx, *route, call, key);
      },
      std::move(reply));
}

}  // namespace finsim::server
