// Training a bank policy end to end, in small increments: what `finsim train` runs and what the
// browser's worker calls between messages (one iterate() is one rollout and one update, a fraction of a
// second on the default network). No threads and no I/O of its own; the caller may supply a ParallelFor.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "finsim/learning/bank_env.hpp"
#include "finsim/learning/bank_features.hpp"
#include "finsim/learning/learned_policy.hpp"
#include "finsim/learning/policy_file.hpp"
#include "finsim/learning/trainer.hpp"
#include "finsim/policy.hpp"

namespace finsim::learning {

struct TrainingOptions {
  /// Copy c trains on scenarios[c % size]: by default every scenario, two copies each.
  std::vector<std::string> scenarios = {"calm", "liquidity_freeze", "fire_sale_spiral", "core_default", "gai_kapadia"};
  /// Parameter overrides applied to every scenario, in order (as `--set key=value`).
  std::vector<std::pair<std::string, std::string>> overrides;
  double cooperation = 0.5;     ///< w of the reward (bank_env.hpp)
  double default_penalty = 10.0; ///< D of the reward
  long long steps = 400000;     ///< budget in simulated steps, summed over copies
  int copies = 10;              ///< environment copies per rollout
  int episode_steps = 100;      ///< steps per training episode
  std::string name = "mappo";   ///< the policy's name in its file
  std::string description;
  ActionSelection selection = ActionSelection::argmax;  ///< written into the policy file
  Discretion discretion = Discretion::under_stress;     ///< where the banks choose; written into the file
  std::string command;          ///< the command that reproduces this training (recorded in the file)
  TrainerConfig trainer;        ///< network, PPO hyperparameters and the seed
};

/// Reads options from JSON (every key optional, defaults as above; "seed" and the TrainerConfig fields
/// by their C++ names, e.g. {"scenarios": ["calm"], "cooperation": 1, "steps": 20000, "seed": 7,
/// "hidden": [32, 32]}). Errors: bad_value naming the key. Seeds above 2⁵³ are rejected (JSON numbers).
Result<TrainingOptions> parse_training_options(const nlohmann::json& j);

/// The options as JSON (the "training" record of a policy file and the form parse_training_options reads).
nlohmann::json training_options_json(const TrainingOptions& options);

/// An iteration's figures as JSON (for progress messages and logs).
nlohmann::json iteration_stats_json(const IterationStats& stats);

class TrainingSession {
 public:
  /// Errors: unknown_scenario, any parameter error of the overrides, and those of BankEnv and Trainer.
  static Result<TrainingSession> create(TrainingOptions options);

  /// One rollout + update. May be called after done() (training simply continues).
  IterationStats iterate();
  /// True once the step budget is spent.
  [[nodiscard]] bool done() const;
  /// Share of the step budget spent, in [0, 1].
  [[nodiscard]] double progress() const;

  /// The policy as trained so far, with the training record (options and the latest figures).
  [[nodiscard]] PolicySpec policy_spec() const;
  [[nodiscard]] std::string policy_json() const { return serialize_policy(policy_spec()); }
  /// A Policy object for simulations (named like the options' name).
  [[nodiscard]] Result<std::unique_ptr<Policy>> make_policy() const;

  [[nodiscard]] const TrainingOptions& options() const { return options_; }
  [[nodiscard]] const Trainer& trainer() const { return trainer_; }
  void set_parallel(ParallelFor parallel) { trainer_.set_parallel(std::move(parallel)); }

 private:
  TrainingSession(TrainingOptions options, Trainer trainer);
  TrainingOptions options_;
  Trainer trainer_;
  IterationStats last_;
};

}  // namespace finsim::learning
