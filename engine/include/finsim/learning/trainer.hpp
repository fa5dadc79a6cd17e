// MAPPO (Yu et al. 2022, "The Surprising Effectiveness of PPO in Cooperative Multi-Agent Games";
// reference code marlbenchmark/on-policy, `R_MAPPO` and `SharedReplayBuffer`): one actor and one
// critic shared by all agents, trained on rollouts of a vectorised multi-agent environment.
//
// One iterate() = one rollout (a full episode in every environment copy) + one PPO update:
//   1. every live agent samples an action from the masked categorical of the shared actor on its
//      normalised local observation; the critic values its agent-specific global state;
//   2. GAE(γ, λ) per agent on denormalised values; a dead agent's trajectory ends at its death, and
//      the rewards its team earns afterwards are added, discounted, to its last reward (death masking:
//      dead agents never enter the losses);
//   3. advantages are normalised over the batch of live-agent samples;
//   4. `epochs` passes over the batch in `minibatches` shuffled minibatches: clipped surrogate with an
//      entropy bonus for the actor; clipped Huber loss on returns normalised by the running value
//      normaliser for the critic; each network's gradient clipped to `max_grad_norm` and applied by its
//      own Adam.
// Episodes are finite (EnvSpec::episode_steps) and end without bootstrapping; the critic's state
// should include the episode progress.
//
// Deterministic: the same config, environment and seed give the same networks bit for bit on one
// platform, whatever ParallelFor is supplied. Training arithmetic is Eigen float (vectorised differently
// per platform), so a native and a WASM run of the same seed may differ; inference (actor_network.hpp)
// does not. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "finsim/learning/actor_network.hpp"
#include "finsim/learning/mlp.hpp"
#include "finsim/learning/multi_agent_env.hpp"
#include "finsim/learning/normalizers.hpp"
#include "finsim/result.hpp"

namespace finsim::learning {

/// Every hyperparameter. Defaults are tuned for the banking environment; where they differ from the
/// MAPPO reference (marlbenchmark/on-policy config.py) its value is given, and docs/learning.md says why.
struct TrainerConfig {
  std::vector<int> hidden = {32, 32};  ///< hidden layer widths of actor and critic (reference: 64, 64)
  Activation activation = Activation::relu;
  double policy_head_gain = 0.01;      ///< orthogonal gain of the actor's last layer (reference `gain`)
  double value_head_gain = 1.0;        ///< orthogonal gain of the critic's last layer
  double actor_learning_rate = 1e-3;   ///< reference `lr`: 5e-4
  double critic_learning_rate = 1e-3;  ///< reference `critic_lr`: 5e-4
  double adam_epsilon = 1e-5;          ///< reference `opti_eps`
  double gamma = 0.95;                 ///< discount (reference: 0.99)
  double gae_lambda = 1.0;             ///< GAE λ (reference: 0.95)
  double clip = 0.2;                   ///< PPO ratio clip ε, also the value clip
  double entropy_coef = 0.003;         ///< reference: 0.01
  double value_loss_coef = 1.0;
  double huber_delta = 10.0;
  double max_grad_norm = 10.0;
  int epochs = 5;                      ///< passes over each batch (reference `ppo_epoch`: 15)
  int minibatches = 4;                 ///< reference `num_mini_batch`: 1
  double observation_clip = 10.0;      ///< normalised inputs are clipped to ±this
  /// Each minibatch's gradient is computed as the sum of this many column chunks, in order; the chunks
  /// may run concurrently (set_parallel). Results depend on this number, never on the thread count.
  int gradient_chunks = 4;
  std::uint64_t seed = 1;              ///< initialisation, action sampling, shuffling, episode seeds
};

/// Errors: bad_value naming the field.
Status validate_trainer_config(const TrainerConfig& config);

/// The PPO quantities of one minibatch.
struct MinibatchStats {
  double ratio_mean = 1.0;
  double ratio_max_deviation = 0.0;  ///< max |r − 1|
  double clip_fraction = 0.0;        ///< share of samples with |r − 1| > ε
  double approx_kl = 0.0;            ///< mean of (r − 1) − log r
  double entropy = 0.0;
  double policy_loss = 0.0;
  double value_loss = 0.0;
  double actor_grad_norm = 0.0;      ///< before clipping
  double critic_grad_norm = 0.0;
};

struct IterationStats {
  int iteration = 0;                 ///< 1 for the first
  long long env_steps = 0;           ///< simulated steps so far, summed over copies
  long long agent_steps = 0;         ///< live-agent decisions so far (the training samples)
  long long batch_samples = 0;       ///< live-agent decisions in this iteration's batch
  double episode_return = 0.0;       ///< mean over agents of the undiscounted episode return
  double entropy = 0.0;              ///< mean over the update's minibatches
  double approx_kl = 0.0;            ///< mean over the last epoch's minibatches
  double clip_fraction = 0.0;        ///< mean over all minibatches
  double policy_loss = 0.0;
  double value_loss = 0.0;
  double actor_grad_norm = 0.0;
  double critic_grad_norm = 0.0;
  MinibatchStats first_minibatch;    ///< epoch 1, minibatch 1: ratio 1, no clipping, KL 0
  std::vector<std::pair<std::string, double>> environment;  ///< MultiAgentEnv::episode_summary()
};

class Trainer {
 public:
  /// Errors: those of validate_trainer_config; bad_value if the environment is missing or its spec is
  /// unusable (no agents, more than 32 actions).
  static Result<Trainer> create(TrainerConfig config, std::unique_ptr<MultiAgentEnv> env);

  Trainer(Trainer&&) noexcept;
  Trainer& operator=(Trainer&&) noexcept;
  ~Trainer();

  /// One rollout and one update (see above); returns its figures.
  IterationStats iterate();

  /// Spreads environment stepping and gradient chunks over `parallel` (results do not change).
  void set_parallel(ParallelFor parallel);

  [[nodiscard]] const TrainerConfig& config() const;
  [[nodiscard]] EnvSpec spec() const;
  [[nodiscard]] int iterations() const;
  [[nodiscard]] long long env_steps() const;
  [[nodiscard]] long long agent_steps() const;
  [[nodiscard]] MultiAgentEnv& environment();

  [[nodiscard]] const Mlp<float>& actor() const;
  [[nodiscard]] const Mlp<float>& critic() const;
  [[nodiscard]] const RunningMeanStd& observation_stats() const;

  /// The actor with its observation normalisation, parameters rounded to 8 decimals so that a policy
  /// file written from it reads back exactly (and stays small).
  [[nodiscard]] ActorSpec actor_spec() const;

  struct Impl;

 private:
  explicit Trainer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// round(x · 10⁸) / 10⁸: the precision at which trained parameters are stored.
double quantize_parameter(double x);

}  // namespace finsim::learning
