// embind: finsim::Session for the Web Worker (web/src/worker) and Node tests.
//
// JavaScript sees `new Module.Session()` (the default calm session; configure it with
// control("reset", text)) and:
//   control(name, bodyText) → '{"messages":[text…],"status":{…}}' or '{"error":{"code","message"}}'
//   advance()               → one timestep's messages as NDJSON (events, state, metrics)
//   snapshot()              → the current STATE_UPDATE and METRICS_UPDATE as NDJSON
//   status()                → the status JSON; running() → bool; speed() → steps per second
//   why(bodyText)           → '{"bank":…,"sentences":[…],…}' (failure_explanation_json, docs/why.md)
//                             or '{"error":{"code","message"}}'; changes nothing, emits no message.
//                             Held to the server's bounds (below): analysis_too_large beyond them.
// Control names, bodies and error codes are Session's (engine/include/finsim/session.hpp).
#include <emscripten/bind.h>

#include <string>

#include "finsim/analysis_json.hpp"
#include "finsim/session.hpp"
#include "finsim/why.hpp"
#include "json_text.hpp"

namespace finsim::wasm {
namespace {

/// Session::why held to the bounds the server puts on it (ExplanationBounds, finsim/why.hpp), so that a
/// question gets the same answer or refusal from the worker as from a server. The worker answers on its
/// only thread: unbounded, a 1,000-bank run played for long could hold it (and the run's next step) for
/// seconds.
Result<nlohmann::json> bounded_why(const Session& session, const nlohmann::json& body) {
  auto question = session.failure_question(body);
  if (!question.ok()) return question.error();
  auto explanation = explain_failure_bounded(question->recipe, question->bank);
  if (!explanation.ok()) return explanation.error();
  return failure_explanation_json(*explanation);
}

class WasmSession {
 public:
  WasmSession() : session_(std::move(Session::create()).value()) {}

  std::string control(const std::string& name, const std::string& body_text) {
    return guarded([&]() -> std::string {
      auto body = Session::parse_body(body_text);
      if (!body.ok()) return error_text(body.error());
      auto outcome = session_.control(name, *body);
      if (!outcome.ok()) return error_text(outcome.error());
      nlohmann::json out{{"messages", outcome->messages}, {"status", outcome->status}};
      return out.dump();
    });
  }

  std::string why(const std::string& body_text) const {
    return guarded([&]() -> std::string {
      auto body = Session::parse_body(body_text);
      if (!body.ok()) return error_text(body.error());
      auto answer = bounded_why(session_, *body);
      if (!answer.ok()) return error_text(answer.error());
      return answer->dump();
    });
  }

  std::string advance() { return ndjson(session_.advance()); }
  std::string snapshot() const { return ndjson(session_.snapshot()); }
  std::string status() const { return session_.status().dump(); }
  bool running() const { return session_.running(); }
  double speed() const { return session_.speed(); }

 private:
  Session session_;
};

}  // namespace
}  // namespace finsim::wasm

EMSCRIPTEN_BINDINGS(finsim_session) {
  using finsim::wasm::WasmSession;
  emscripten::class_<WasmSession>("Session")
      .constructor<>()
      .function("control", &WasmSession::control)
      .function("why", &WasmSession::why)
      .function("advance", &WasmSession::advance)
      .function("snapshot", &WasmSession::snapshot)
      .function("status", &WasmSession::status)
      .function("running", &WasmSession::running)
      .function("speed", &WasmSession::speed);
}
