// "Why did this bank fail?" over HTTP (docs/http-api.md, "Why did a bank fail?"; docs/why.md):
//   GET /sessions/ID/why?bank=B   and   GET /control/why?bank=B[&session=ID]
// A read: no token. The session's recipe is copied under its lock (LiveSession::failure_question) and
// the replays run on the analysis lane (analysis_lane.hpp), never on a simulation lane or a network
// thread; the answer is the engine's failure_explanation_json, its errors the engine's codes. Bounded:
// a run of more than kMaxBankSteps banks × steps is refused before any replay (422
// analysis_too_large), an explanation whose replays would cost more than kBounds.work_bank_steps in all is
// weighed in groups or refused the same way, and beyond the lane's waiting questions a question is refused (503
// analysis_busy, Retry-After). Thread-safe (const after construction).
#pragma once

#include "finsim/why.hpp"

#include <functional>
#include <memory>
#include <string_view>

#include "analysis_lane.hpp"
#include "http_message.hpp"
#include "session_registry.hpp"
#include "session_size.hpp"

namespace finsim::server {

class Fanout;

class WhyApi {
 public:
  /// The bounds an explanation is held to here: the engine's ExplanationBounds (finsim/why.hpp), the
  /// same as the browser's worker: a run of at most 200,000 banks × steps (1,000 banks over 200 steps,
  /// or 100 over 2,000), and at most 2,000,000 banks × steps of replays in all (ten replays at the first
  /// bound): beyond it the causes are weighed in groups, and beyond that the answer is 422
  /// analysis_too_large from the lane. An answer at the bound takes about half a second natively.
  static constexpr ExplanationBounds kBounds{};

  /// With `fanout` (null: this instance alone), a session of another instance is explained here from
  /// its stored replay body (Fanout::remote_replay_body): the run is rebuilt on the analysis lane.
  WhyApi(std::shared_ptr<SessionRegistry> sessions, std::shared_ptr<AnalysisLane> lane,
         std::shared_ptr<Fanout> fanout = nullptr);

  /// Whether the decoded `path` is /control/why or /sessions/<id>/why.
  [[nodiscard]] static bool serves(std::string_view path);

  /// Answers through `reply`: at once when the question is refused (400 bad_request for a missing or
  /// malformed bank, 404 unknown_session, the engine's 422 unknown_bank / bank_not_failed, 422
  /// analysis_too_large, 503 analysis_busy, 405 for a method other than GET, HEAD, OPTIONS), else from
  /// the analysis lane with the explanation (200) or the engine's error (422 too_many_causes, analysis_too_large, …).
  void handle(const HttpRequest& request, std::string_view path, std::function<void(HttpResponse)> reply) const;

 private:
  std::shared_ptr<SessionRegistry> sessions_;
  std::shared_ptr<AnalysisLane> lane_;
  std::shared_ptr<Fanout> fanout_;

  /// Posts `job` to the lane, or answers why it cannot wait there.
  void post(std::function<void()> job, const std::function<void(HttpResponse)>& reply) const;
  /// Explains bank `body` of a session another instance owns, whose replay body is `run`.
  void handle_remote(const nlohmann::json& run, nlohmann::json body, std::function<void(HttpResponse)> reply) const;
};

}  // namespace finsim::server
