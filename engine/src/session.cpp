#include "finsim/session.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "finsim/analysis_json.hpp"
#include "finsim/config.hpp"
#include "finsim/intervention_body.hpp"
#include "finsim/json_depth.hpp"
#include "finsim/messages.hpp"
#include "finsim/scenarios.hpp"
#include "body_fields.hpp"

namespace finsim {
namespace {

using nlohmann::json;

constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 − 1: exact in JSON numbers and JavaScript

using body::bad_request;
using body::bank_field;
using body::number_field;
using body::only_fields;
using body::require_object;

// The fields of a reset body that say how far to replay, not what to build.
bool is_replay_field(std::string_view key) { return key == "at" || key == "to_step"; }

// A step number `field` of `body`: a whole number from 0 to `max`; `fallback` when absent.
Result<int> step_field(const json& body, const char* field, int max, int fallback) {
  if (!body.contains(field)) return fallback;
  return body::whole_number_field(body, field, 0, max, field);
}

}  // namespace

const std::vector<std::string>& Session::control_names() {
  static const std::vector<std::string> names{"play", "pause", "step", "reset", "rewind", "speed",
                                              "force_default", "inject_liquidity", "price_shock",
                                              "force_action", "policy"};
  return names;
}

int Session::replay_steps(std::string_view name, const json& body) {
  if (!body.is_object()) return 0;
  Result<int> steps = 0;
  if (name == "reset") steps = step_field(body, "to_step", kMaxReplaySteps, 0);
  if (name == "rewind") steps = step_field(body, "step", kMaxReplaySteps, 0);
  return steps.ok() ? *steps : 0;
}

Result<json> Session::parse_body(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return json::object();
  if (!json_depth_within(text))
    return make_error("bad_json", "the body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return make_error("bad_json", "the body is not valid JSON");
  return body;
}

Session::Session(Simulation sim) : sim_(std::move(sim)) {}

Result<Session> Session::create(const json& reset_body) {
  auto sim = Simulation::create(SimConfig{}, kDefaultSeed);
  if (!sim.ok()) return sim.error();
  Session session(std::move(sim).value());
  auto outcome = session.reset(reset_body);
  if (!outcome.ok()) return outcome.error();
  return session;
}

Result<Session::ResetTarget> Session::resolve_reset(SimConfig config, std::uint64_t seed, const json& body) {
  if (Status st = require_object(body); !st.ok()) return st.error();
  if (body.contains("scenario")) {
    if (!body["scenario"].is_string()) return bad_request("field 'scenario' must be a string");
    auto base = scenario_config(body["scenario"].get<std::string>());
    if (!base.ok()) return base.error();
    const std::string policy = config.policy;  // a new scenario keeps the current policy unless given
    config = std::move(base).value();
    config.policy = policy;
  }
  for (const auto& [key, value] : body.items()) {
    if (key == "scenario" || is_replay_field(key)) continue;
    if (key == "seed") {
      if (!value.is_number() || value.get<double>() != std::floor(value.get<double>()) ||
          value.get<double>() < 0 || value.get<double>() > kMaxSeed)
        return make_error("out_of_range", "seed must be a whole number from 0 to 2^53 - 1");
      seed = static_cast<std::uint64_t>(value.get<double>());
    } else if (key == "policy") {
      if (!value.is_string()) return bad_request("field 'policy' must be a string");
      config.policy = value.get<std::string>();
    } else if (Status st = set_parameter(config, key, value); !st.ok()) {
      return st.error();
    }
  }
  return ResetTarget{std::move(config), seed};
}

Result<SimConfig> Session::reset_config(const json& body) const {
  auto target = resolve_reset(sim_.config(), sim_.seed(), body);
  if (!target.ok()) return target.error();
  return std::move(target->config);
}

Result<SimConfig> Session::create_config(const json& reset_body) {
  // create() resets a session built from the default configuration.
  auto target = resolve_reset(SimConfig{}, kDefaultSeed, reset_body);
  if (!target.ok()) return target.error();
  return std::move(target->config);
}

namespace {

/// Moves the controls for steps after `last_step` out of `controls`, both parts keeping their order:
/// what a reset or a rewind replays stays, what it schedules for later is returned.
std::vector<ScheduledControl> take_controls_after(std::vector<ScheduledControl>& controls, int last_step) {
  const auto later = std::stable_partition(controls.begin(), controls.end(),
                                           [&](const ScheduledControl& c) { return c.step <= last_step; });
  std::vector<ScheduledControl> taken(std::make_move_iterator(later), std::make_move_iterator(controls.end()));
  controls.erase(later, controls.end());
  return taken;
}

}  // namespace

Result<ControlOutcome> Session::reset(const json& body) {
  auto target = resolve_reset(sim_.config(), sim_.seed(), body);
  if (!target.ok()) return target.error();
  auto to_step = step_field(body, "to_step", kMaxReplaySteps, 0);
  if (!to_step.ok()) return to_step.error();
  RunRecipe recipe;
  recipe.config = std::move(target->config);
  recipe.seed = target->seed;
  recipe.steps = *to_step;
  std::vector<ScheduledControl> later;
  if (body.contains("at")) {
    auto controls = scheduled_controls_from_json(body["at"], kMaxReplaySteps + 1, kMaxRunControls);
    if (!controls.ok()) return controls.error();
    // What can be refused without replaying is refused before anything is built.
    for (const ScheduledControl& c : *controls)
      if (Status st = check_intervention(c.intervention, recipe.config.banks); !st.ok()) return st.error();
    recipe.controls = std::move(controls).value();
    later = take_controls_after(recipe.controls, *to_step + 1);
  }
  return replace_run(recipe, std::move(later));
}

Result<ControlOutcome> Session::rewind(const json& body) {
  if (Status st = only_fields(body, {"step"}); !st.ok()) return st.error();
  if (!body.contains("step")) return bad_request("missing field 'step'");
  auto step = step_field(body, "step", sim_.timestep(), 0);
  if (!step.ok()) return step.error();
  RunRecipe r = recipe();
  // Controls applied before or at `step` (queued while the run stood at `step` or earlier) are replayed;
  // the later ones, and those still scheduled, are scheduled again for their steps.
  std::vector<ScheduledControl> later = take_controls_after(r.controls, *step + 1);
  later.insert(later.end(), scheduled_.begin(), scheduled_.end());
  r.steps = *step;
  return replace_run(r, std::move(later));
}

Result<ControlOutcome> Session::replace_run(const RunRecipe& recipe, std::vector<ScheduledControl> later) {
  std::vector<int> applied;
  auto sim = replay_run(recipe, &applied);
  if (!sim.ok()) return sim.error();
  sim_ = std::move(sim).value();
  controls_.clear();
  for (const int k : applied) controls_.push_back(recipe.controls[static_cast<std::size_t>(k)]);
  std::stable_sort(later.begin(), later.end(), [](const ScheduledControl& a, const ScheduledControl& b) { return a.step < b.step; });
  scheduled_ = std::move(later);
  running_ = false;
  return ControlOutcome{snapshot(), status()};
}

void Session::queue_scheduled() {
  const int next = sim_.timestep() + 1;
  std::size_t due = 0;
  while (due < scheduled_.size() && scheduled_[due].step <= next) ++due;
  for (std::size_t k = 0; k < due; ++k) {
    // A control the world refuses now (its bank has failed) is skipped, as finsim run skips it.
    if (controls_.size() >= kMaxRunControls || !sim_.intervene(scheduled_[k].intervention).ok()) continue;
    controls_.push_back({next, scheduled_[k].intervention});
  }
  scheduled_.erase(scheduled_.begin(), scheduled_.begin() + static_cast<std::ptrdiff_t>(due));
}

Result<ControlOutcome> Session::intervene(std::string_view name, const json& body) {
  auto iv = intervention_from_body(name, body);
  if (!iv.ok()) return iv.error();
  if (controls_.size() + scheduled_.size() >= kMaxRunControls)
    return make_error("out_of_range", "this run has had " + std::to_string(kMaxRunControls) +
                                          " controls, the most one run holds: reset to start another");
  if (Status st = sim_.intervene(*iv); !st.ok()) return st.error();
  controls_.push_back({sim_.timestep() + 1, *iv});
  return ControlOutcome{{}, status()};
}

RunRecipe Session::recipe() const {
  RunRecipe r;
  r.config = sim_.config();
  r.seed = sim_.seed();
  r.controls = controls_;
  r.steps = sim_.timestep();
  return r;
}

Result<json> Session::why(const json& body) const {
  auto question = failure_question(body);
  if (!question.ok()) return question.error();
  auto explanation = explain_failure(question->recipe, question->bank);
  if (!explanation.ok()) return explanation.error();
  return failure_explanation_json(*explanation);
}

Result<FailureQuestion> Session::failure_question(const json& body) const {
  if (Status st = require_object(body); !st.ok()) return st.error();
  if (Status st = only_fields(body, {"bank"}); !st.ok()) return st.error();
  auto bank = bank_field(body);
  if (!bank.ok()) return bank.error();
  if (*bank >= sim_.banks())
    return make_error("unknown_bank", "bank " + std::to_string(*bank) + " does not exist (0.." + std::to_string(sim_.banks() - 1) + ")");
  if (!sim_.bank(*bank).defaulted)
    return make_error("bank_not_failed", "bank " + std::to_string(*bank) + " has not failed: there is no failure to explain");
  return FailureQuestion{recipe(), *bank};
}

Result<ControlOutcome> Session::control(std::string_view name, const json& body) {
  if (Status st = require_object(body); !st.ok()) return st.error();
  if (name == "play" || name == "pause" || name == "step") {
    if (Status st = only_fields(body, {}); !st.ok()) return st.error();
    if (name == "step") {
      if (running_) return make_error("conflict", "the simulation is running: pause it before stepping");
      return ControlOutcome{advance(), status()};
    }
    running_ = name == "play";
    return ControlOutcome{{}, status()};
  }
  if (name == "reset") return reset(body);
  if (name == "rewind") return rewind(body);
  if (name == "speed") {
    if (Status st = only_fields(body, {"steps_per_second"}); !st.ok()) return st.error();
    auto v = number_field(body, "steps_per_second");
    if (!v.ok()) return v.error();
    if (*v < kMinSpeed || *v > kMaxSpeed) return make_error("out_of_range", "steps_per_second must be between 0.1 and 50");
    speed_ = *v;
    return ControlOutcome{{}, status()};
  }
  if (is_intervention(name)) return intervene(name, body);
  return make_error("unknown_control", "unknown control '" + std::string(name) + "'");
}

std::vector<std::string> Session::advance() {
  queue_scheduled();
  sim_.step();
  std::vector<std::string> out;
  out.reserve(sim_.events().size() + 2);
  for (const Event& e : sim_.events()) out.push_back(event_json(e));
  out.push_back(state_message());
  out.push_back(metrics_message());
  return out;
}

std::string Session::state_message() const {
  SerializeOptions options;
  options.bank_details = sim_.banks() <= kDetailedBanksLimit;
  return state_update_json(sim_, options);
}

std::string Session::metrics_message() const { return metrics_update_json(sim_); }

std::vector<std::string> Session::snapshot() const { return {state_message(), metrics_message()}; }

json Session::replay_body() const {
  json body = config_to_json(sim_.config());
  body["seed"] = sim_.seed();
  std::vector<ScheduledControl> controls = controls_;
  controls.insert(controls.end(), scheduled_.begin(), scheduled_.end());
  body["at"] = at_json(controls);
  body["to_step"] = sim_.timestep();
  return body;
}

json Session::status() const {
  const SimConfig& c = sim_.config();
  return json{{"timestep", sim_.timestep()},
              {"running", running_},
              {"speed", speed_},
              {"scenario", c.scenario},
              {"seed", sim_.seed()},
              {"policy", c.policy},
              {"current_policy", std::string(sim_.next_policy_name())},
              {"at", at_json(controls_)},
              {"scheduled", at_json(scheduled_)},
              {"banks", sim_.banks()},
              {"lender_of_last_resort", c.lender_of_last_resort},
              {"links", sim_.network().links.size()},
              {"defaulted_banks", sim_.metrics().defaulted_banks}};
}

}  // namespace finsim
