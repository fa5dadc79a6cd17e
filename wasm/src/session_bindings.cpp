// embind: finsim::Session for the Web Worker (web/src/worker) and Node tests.
//
// JavaScript sees `new Module.Session()` (the default calm session; configure it with
// control("reset", text)) and:
//   control(name, bodyText) → '{"messages":[text…],"status":{…}}' or '{"error":{"code","message"}}'
//   advance()               → one timestep's messages as NDJSON (events, state, metrics)
//   snapshot()              → the current STATE_UPDATE and METRICS_UPDATE as NDJSON
//   status()                → the status JSON; running() → bool; speed() → steps per second
//   why(bodyText)           → '{"bank":…,"sentences":[…],…}' (failure_explanation_json, docs/why.md)
//                             or '{"error":{"code","message"}}'; changes nothing, emits no message
// Control names, bodies and error codes are Session's (engine/include/finsim/session.hpp).
#include <emscripten/bind.h>

#include <string>

#include "finsim/session.hpp"
#include "json_text.hpp"

namespace finsim::wasm {
namespace {

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
      auto answer = session_.why(*body);
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
