#include "why_api.hpp"

#include <exception>
#include <optional>
#include <string>

#include "api_responses.hpp"
#include "finsim/analysis_json.hpp"
#include "finsim/why.hpp"
#include "fanout/fanout.hpp"
#include "url.hpp"

namespace finsim::server {
namespace {

constexpr std::string_view kControlPath = "/control/why";
constexpr std::string_view kSessionsPrefix = "/sessions/";
constexpr std::string_view kSuffix = "/why";

/// The session id of /sessions/<id>/why, or nullopt for another path.
std::optional<std::string_view> session_in_path(std::string_view path) {
  if (path.substr(0, kSessionsPrefix.size()) != kSessionsPrefix || path.size() <= kSessionsPrefix.size() + kSuffix.size() ||
      path.substr(path.size() - kSuffix.size()) != kSuffix)
    return std::nullopt;
  const std::string_view id = path.substr(kSessionsPrefix.size(), path.size() - kSessionsPrefix.size() - kSuffix.size());
  if (id.find('/') != std::string_view::npos) return std::nullopt;
  return id;
}

/// ?bank=B as the engine's body {"bank": B}. Error bad_request: missing, or not a bank's number.
Result<nlohmann::json> bank_body(std::string_view query) {
  const auto bank = query_parameter(query, "bank");
  if (!bank) return make_error("bad_request", "name the failed bank: ?bank=B");
  const bool digits = !bank->empty() && bank->size() <= 9 && bank->find_first_not_of("0123456789") == std::string::npos;
  if (!digits) return make_error("bad_request", "bank must be a bank's number (0, 1, …), not '" + *bank + "'");
  return nlohmann::json{{"bank", std::stoi(*bank)}};
}

/// The explanation as a response; what it throws becomes a 500, never an escaping exception.
HttpResponse explain(const FailureQuestion& question) {
  try {
    auto explanation = explain_failure_bounded(question.recipe, question.bank);
    if (!explanation.ok()) return error_response(explanation.error());
    return json_response(200, failure_explanation_json(*explanation));
  } catch (const std::exception& e) {
    return error_response(make_error("internal", std::string("the explanation failed: ") + e.what()));
  }
}

}  // namespace

WhyApi::WhyApi(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<AnalysisLane> lane,
               std::shared_ptr<Fanout> fanout)
    : sessions_(std::move(sessions)), lane_(std::move(lane)), fanout_(std::move(fanout)) {}

void WhyApi::post(std::function<void()> job, const std::function<void(HttpResponse)>& reply) const {
  if (Status st = lane_->post(std::move(job)); !st.ok()) {
    HttpResponse refused = error_response(st.error());
    if (st.error().code == "analysis_busy") refused.set("Retry-After", "1");
    reply(std::move(refused));
  }
}

void WhyApi::handle_remote(const nlohmann::json& run, nlohmann::json body, std::function<void(HttpResponse)> reply) const {
  // Refused before the rebuild costs anything: the rebuilt run is held to the explanation's bound.
  const int banks = run.value("banks", 0);
  const long long steps = run.value("to_step", 0LL);
  if (Status st = check_replay_bound(banks, steps, "analysis_too_large", "explaining this run"); !st.ok())
    return reply(error_response(st.error()));
  post([run, body = std::move(body), reply] {
    try {
      auto session = Session::create(run);
      if (!session.ok()) return reply(error_response(session.error()));
      auto question = session->failure_question(body);
      if (!question.ok()) return reply(error_response(question.error()));
      if (Status st = check_explanation_bound(question->recipe); !st.ok()) return reply(error_response(st.error()));
      reply(explain(*question));
    } catch (const std::exception& e) {
      reply(error_response(make_error("internal", std::string("the explanation failed: ") + e.what())));
    }
  }, reply);
}

bool WhyApi::serves(std::string_view path) { return path == kControlPath || session_in_path(path).has_value(); }

void WhyApi::handle(const HttpRequest& request, std::string_view path, std::function<void(HttpResponse)> reply) const {
  if (request.method == "OPTIONS") return reply(preflight_response("GET, HEAD"));
  if (request.method != "GET" && request.method != "HEAD") return reply(method_not_allowed("GET, HEAD"));
  const auto target = split_target(request.target);
  const auto in_path = session_in_path(path);
  const std::string id(in_path ? *in_path : query_parameter(target.query, "session").value_or(""));
  auto live = sessions_->find(id);
  auto body = bank_body(target.query);
  if (!live.ok() && fanout_ && fanout_->remote(id)) {
    if (!body.ok()) return reply(error_response(body.error()));
    auto run = fanout_->remote_replay_body(id);
    if (!run.ok()) return reply(error_response(run.error()));
    return handle_remote(*run, std::move(body).value(), std::move(reply));
  }
  if (!live.ok()) return reply(error_response(live.error()));
  if (!body.ok()) return reply(error_response(body.error()));
  auto question = (*live)->failure_question(*body);
  if (!question.ok()) return reply(error_response(question.error()));
  if (Status st = check_explanation_bound(question->recipe); !st.ok()) return reply(error_response(st.error()));
  post([question = std::move(question).value(), reply]() { reply(explain(question)); }, reply);
}

}  // namespace finsim::server
