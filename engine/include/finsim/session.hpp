// A simulation as the adapters drive it: controls in, contract messages out.
//
// The Web Worker and the server hold one Session each (per shared session on the server) and do
// only transport: they call control() for every command, advance() on their own timer while
// running(), and forward the returned message texts unchanged. Control names and bodies are the
// contract's (docs/contract.md, docs/http-api.md):
//   play {}                      run continuously at the current speed
//   pause {}                     stop after the current step
//   step {}                      advance exactly one timestep (only while paused)
//   reset {scenario?, seed?, policy?, banks?, <any parameter>?, at?, to_step?}
//                                rebuild: named scenario → its defaults plus the given values (the
//                                policy and seed stay unless given); otherwise the current
//                                configuration with the given values changed. The session pauses.
//                                With `at` ([{step, control}], the run's controls) and `to_step` K,
//                                the run is replayed silently to step K (a branch of a recorded run).
//   rewind {step}                back to an earlier step of this run by replaying its recipe; paused
//   speed {steps_per_second}     0.1 .. 50
//   force_default {bank}         the bank defaults at the start of the next step
//   inject_liquidity {bank, amount}   central-bank cash for the bank at the next step (amount > 0)
//   price_shock {share}          the asset price falls by this share at the next step (0 < share < 1)
//   force_action {bank, action}  the bank takes action (HOLD, LEND, HOARD, FIRE_SALE) at the next step,
//                                whatever its policy chooses (HOLD if the action is infeasible then)
//   policy {policy}              from the next step every bank follows this policy (any name reset
//                                accepts, modifiers included); part of the run, like the four above
// A control that fails returns an Error and changes nothing. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/result.hpp"
#include "finsim/run_recipe.hpp"
#include "finsim/simulation.hpp"

namespace finsim {

/// What an adapter does after a successful control.
struct ControlOutcome {
  /// Contract messages to publish to every viewer, in order (a step's events, state and metrics; a
  /// reset's new state and metrics). Empty for controls that change no state.
  std::vector<std::string> messages;
  /// The session's status after the control (the REST answer body; the worker's STATUS message).
  nlohmann::json status;
};

/// What Session::why explains: the session's run as a recipe and the failed bank, once checked.
struct FailureQuestion {
  RunRecipe recipe;
  int bank = 0;
};

class Session {
 public:
  /// A session configured by a reset body ({} gives the calm scenario, seed 42, heuristic policy).
  static Result<Session> create(const nlohmann::json& reset_body = nlohmann::json::object());

  /// Applies one control. Errors (code): unknown_control, bad_request (body not an object, missing
  /// or mistyped field), out_of_range, unknown_parameter, bad_value, unknown_scenario, unknown_policy,
  /// unknown_bank, bank_defaulted, conflict (step while running).
  ///
  /// Replays (docs/model.md §10). A reset body may carry `"at": [{"step": S, "control": {...}}, ...]`
  /// (each control as the worker sends it, one of the five run controls of intervention_body.hpp; at
  /// most kMaxRunControls; 1 ≤ S ≤ kMaxReplaySteps + 1; in any order: they are applied ordered by step,
  /// those of one step in the order given) and `"to_step": K` (0 ≤ K ≤ kMaxReplaySteps, default 0). The
  /// new run is built, each control of a step ≤ K + 1 is queued before its step exactly as `finsim run
  /// --at` does (one the world refuses then, a bank that has already failed, is skipped as finsim run
  /// skips it; the status's `at` lists those applied), the run advances silently to step K, and those
  /// of step K + 1 stay queued. The later ones are scheduled (the status's `scheduled`): advance()
  /// queues each before its step, as if sent then, so the run equals `finsim run --at` with all of them.
  /// The reset's messages are step K's STATE_UPDATE and METRICS_UPDATE. A bank outside the network or
  /// an unknown policy in `at` is refused before anything is replayed (unknown_bank, unknown_policy).
  /// `rewind {step}` (0 ≤ step ≤ timestep, else out_of_range) replays this session's own recipe to that
  /// step: the configuration, the seed and the controls applied before or at it (recorded for steps ≤
  /// step + 1), then pauses, with the later ones and those still scheduled scheduled again; its
  /// messages are that step's STATE_UPDATE and METRICS_UPDATE, and stepping on with no new control
  /// gives the original stream byte for byte, interventions included.
  Result<ControlOutcome> control(std::string_view name, const nlohmann::json& body);

  /// How many steps `control(name, body)` would replay before answering: a reset's `to_step`, a
  /// rewind's `step`; 0 for every other control and for a value the control refuses anyway. For an
  /// adapter that bounds what a control may cost (banks × steps) before running it. Pure.
  static int replay_steps(std::string_view name, const nlohmann::json& body);

  /// The configuration a `reset` with `body` would build, found without building it, so that an
  /// adapter can refuse a network too large for the asker before paying for it (the server's bound on
  /// banks). Errors: those of reset() found before building (bad_request, out_of_range,
  /// unknown_scenario, unknown_parameter, bad_value); a configuration returned may still fail to build
  /// (an unknown policy, a combination of values the engine refuses). Changes nothing.
  [[nodiscard]] Result<SimConfig> reset_config(const nlohmann::json& body) const;

  /// As reset_config(), for what create(reset_body) would build.
  static Result<SimConfig> create_config(const nlohmann::json& reset_body);

  /// One timestep: its EVENTs, STATE_UPDATE and METRICS_UPDATE. Adapters call it every
  /// 1 / speed() seconds while running(); it also works while paused (used by `step`).
  std::vector<std::string> advance();

  /// The current STATE_UPDATE and METRICS_UPDATE: what a viewer that joins late receives at once.
  [[nodiscard]] std::vector<std::string> snapshot() const;

  [[nodiscard]] bool running() const { return running_; }
  [[nodiscard]] double speed() const { return speed_; }
  [[nodiscard]] nlohmann::json status() const;
  [[nodiscard]] const Simulation& simulation() const { return sim_; }

  /// The run's controls (interventions and policy switches) applied since the last reset, in order,
  /// each with the step before which it was queued (it acts in that step; one still pending carries the
  /// next step). With the configuration and the seed they are everything this session's run is a
  /// function of. status() carries them as `at` (intervention_body.hpp's at_json).
  [[nodiscard]] const std::vector<ScheduledControl>& applied_controls() const { return controls_; }
  /// This session's run as a recipe that replays it exactly up to its current step (steps = timestep()).
  [[nodiscard]] RunRecipe recipe() const;
  /// A reset body that rebuilds this session's run exactly where it stands: the configuration (every
  /// parameter, config_to_json), the seed, the applied and the scheduled controls as `at`, and `to_step`
  /// = timestep(). create(replay_body()) then steps on byte for byte as this session would (the speed
  /// and whether it runs are not part of a run: the adapter restores them). What a server that takes a
  /// session over from another instance rebuilds it from (docs/deploy.md). Costs nothing to build;
  /// rebuilding costs timestep() steps.
  [[nodiscard]] nlohmann::json replay_body() const;
  /// "Why did this bank fail?" about this session's run up to its current step, body {bank}: the
  /// answer of failure_explanation_json (docs/why.md), computed by replaying the recipe (tens of
  /// milliseconds for 100 banks; an adapter may run it off its stepping lane on a copy of recipe()).
  /// Errors: bad_request (the body), unknown_bank, bank_not_failed (the bank has not failed),
  /// too_many_causes. Changes nothing.
  [[nodiscard]] Result<nlohmann::json> why(const nlohmann::json& body) const;
  /// why()'s checks alone, without the replays: the recipe and the bank to pass to explain_failure
  /// (why.hpp). Cheap; an adapter asks it under its lock and explains off its stepping lane. Same errors.
  [[nodiscard]] Result<FailureQuestion> failure_question(const nlohmann::json& body) const;

  /// Control names, for help texts and routing.
  static const std::vector<std::string>& control_names();

  /// Parses a control body from text; "" is {}. Error code bad_json with the parser's message.
  static Result<nlohmann::json> parse_body(std::string_view text);

  static constexpr double kMinSpeed = 0.1;
  static constexpr double kMaxSpeed = 50.0;
  static constexpr double kDefaultSpeed = 2.0;
  static constexpr std::uint64_t kDefaultSeed = 42;
  /// Nodes carry balance-sheet details up to this many banks (message size stays manageable).
  static constexpr int kDetailedBanksLimit = 2000;
  /// The most steps a reset's `to_step` may replay (as finsim run's --steps).
  static constexpr int kMaxReplaySteps = 1'000'000;
  /// The most controls one run holds: a reset's `at`, and the run controls a session accepts before
  /// its next reset (one more is out_of_range). So every session's `at` fits a reset body (64 KiB on
  /// the server) and can open a branch.
  static constexpr std::size_t kMaxRunControls = 500;

 private:
  explicit Session(Simulation sim);
  /// What a reset body asks for, starting from a configuration and seed.
  struct ResetTarget {
    SimConfig config;
    std::uint64_t seed = kDefaultSeed;
  };
  static Result<ResetTarget> resolve_reset(SimConfig config, std::uint64_t seed, const nlohmann::json& body);
  Result<ControlOutcome> reset(const nlohmann::json& body);
  Result<ControlOutcome> rewind(const nlohmann::json& body);
  Result<ControlOutcome> intervene(std::string_view name, const nlohmann::json& body);
  /// Replaces the run with `recipe`'s, replayed to recipe.steps (replay_run), schedules `later` (controls
  /// of steps after recipe.steps + 1) and pauses.
  Result<ControlOutcome> replace_run(const RunRecipe& recipe, std::vector<ScheduledControl> later = {});
  /// Queues the scheduled controls due before the next step (advance()).
  void queue_scheduled();
  [[nodiscard]] std::string state_message() const;
  [[nodiscard]] std::string metrics_message() const;

  Simulation sim_;
  std::vector<ScheduledControl> controls_;   // applied since the last reset
  std::vector<ScheduledControl> scheduled_;  // a reset's or rewind's later controls, by step, not yet queued
  bool running_ = false;
  double speed_ = kDefaultSpeed;
};

}  // namespace finsim
