// embind: finsim::learning::TrainingSession for the Web Worker's Train panel (web/src/worker/trainingHost.js).
//
// JavaScript sees `new Module.Training()` (idle) and:
//   start(optionsText)   → '{"options":{…}}' (every option, defaults filled in) or '{"error":…}'; replaces any
//                          training in progress. Options are parse_training_options' JSON.
//   iterate()            → one rollout + PPO update: '{"stats":{…iteration_stats_json},"progress":p,"done":b}',
//                          or '{"error":…}' when no training was started
//   policyJson()         → the policy file as trained so far ("" when idle)
//   publish(name)        → '{}' once the policy as trained so far is registered under `name` for Session
//                          resets {"policy": name} (register_learned_policy), or '{"error":…}'
//   active()             → whether a training was started (and not stopped)
//   stop()               → forgets the training (a published policy stays registered)
// One iterate() is a whole rollout of `copies` × `episode_steps` steps and its update: the caller keeps it
// short (small copies / episodes) so that it can handle messages between calls. No clocks in here: the
// worker measures time itself.
#include <emscripten/bind.h>

#include <optional>
#include <string>

#include "finsim/learning/learned_policy.hpp"
#include "finsim/learning/training_session.hpp"
#include "json_text.hpp"

namespace finsim::wasm {
namespace {

class WasmTraining {
 public:
  std::string start(const std::string& options_text) {
    return guarded([&]() -> std::string {
      session_.reset();
      const auto parsed = nlohmann::json::parse(options_text, nullptr, /*allow_exceptions=*/false);
      if (parsed.is_discarded()) return error_text(make_error("bad_json", "training options are not JSON"));
      auto options = learning::parse_training_options(parsed);
      if (!options.ok()) return error_text(options.error());
      auto session = learning::TrainingSession::create(std::move(options).value());
      if (!session.ok()) return error_text(session.error());
      session_.emplace(std::move(session).value());
      return nlohmann::json{{"options", learning::training_options_json(session_->options())}}.dump();
    });
  }

  std::string iterate() {
    return guarded([&]() -> std::string {
      if (!session_) return error_text(make_error("conflict", "no training in progress"));
      const auto stats = session_->iterate();
      return nlohmann::json{{"stats", learning::iteration_stats_json(stats)},
                            {"progress", session_->progress()},
                            {"done", session_->done()}}
          .dump();
    });
  }

  std::string policy_json() const {
    return guarded([&]() -> std::string { return session_ ? session_->policy_json() : std::string(); });
  }

  std::string publish(const std::string& name) const {
    return guarded([&]() -> std::string {
      if (!session_) return error_text(make_error("conflict", "no training in progress"));
      auto spec = std::make_shared<const learning::PolicySpec>(session_->policy_spec());
      if (Status st = learning::register_learned_policy(std::move(spec), name); !st.ok()) return error_text(st.error());
      return "{}";
    });
  }

  bool active() const { return session_.has_value(); }
  void stop() { session_.reset(); }

 private:
  std::optional<learning::TrainingSession> session_;
};

}  // namespace
}  // namespace finsim::wasm

EMSCRIPTEN_BINDINGS(finsim_training) {
  using finsim::wasm::WasmTraining;
  emscripten::class_<WasmTraining>("Training")
      .constructor<>()
      .function("start", &WasmTraining::start)
      .function("iterate", &WasmTraining::iterate)
      .function("policyJson", &WasmTraining::policy_json)
      .function("publish", &WasmTraining::publish)
      .function("active", &WasmTraining::active)
      .function("stop", &WasmTraining::stop);
}
