// The state of a Trainer, shared by the files that implement its phases:
// trainer.cpp (construction, orchestration, export), rollout.cpp (collection and GAE),
// ppo_update.cpp (the PPO epochs).
#pragma once

#include <vector>

#include "finsim/learning/adam.hpp"
#include "finsim/learning/categorical.hpp"
#include "finsim/learning/trainer.hpp"

namespace finsim::learning {

struct Trainer::Impl {
  using Matrix = Mlp<float>::Matrix;
  using Vector = Mlp<float>::Vector;

  Impl(TrainerConfig c, std::unique_ptr<MultiAgentEnv> e);

  TrainerConfig config;
  std::unique_ptr<MultiAgentEnv> env;
  EnvSpec spec;
  int slots = 0;  // copies × agents

  Mlp<float> actor, critic;
  Adam<float> actor_adam, critic_adam;
  RunningMeanStd observation_stats, state_stats;
  ValueNormalizer value_normalizer;
  Rng sample_rng, shuffle_rng, episode_rng;

  int iteration = 0;
  long long env_steps = 0;
  long long agent_steps = 0;

  // --- the batch of one rollout: one column / entry per live-agent decision ---
  Matrix observations;  // observation_size × capacity, normalised
  Matrix states;        // state_size × capacity, normalised
  std::vector<int> actions;
  std::vector<std::uint32_t> masks;
  std::vector<double> old_log_probs;
  std::vector<double> old_values;  // critic outputs (normalised units)
  std::vector<double> advantages;
  std::vector<double> returns;     // denormalised
  std::vector<int> sample_of;      // (step × slots + slot) → sample, −1 when the agent is dead
  std::vector<double> rewards;     // step × slots
  long long samples = 0;

  // --- per-step scratch ---
  std::vector<std::uint8_t> step_alive;
  std::vector<std::uint32_t> step_masks;
  std::vector<double> step_observations, step_states, step_rewards;
  std::vector<int> step_actions;
  Mlp<float>::Cache actor_cache, critic_cache;
  MaskedCategorical<float> distribution;

  // --- the update's gradient chunks (TrainerConfig::gradient_chunks), each with its own scratch ---
  struct Chunk {
    std::vector<Eigen::Index> columns;  // samples of this chunk
    Matrix observations, states, d_logits, d_values;
    Vector actor_gradient, critic_gradient;
    Mlp<float>::Cache actor_cache, critic_cache;
    MaskedCategorical<float> distribution;
    std::vector<int> actions;
    std::vector<std::uint32_t> masks;
    std::vector<float> c_logp, c_entropy;
    MinibatchStats stats;  // sums over the chunk (already divided by the minibatch size)
    double ratio_sum = 0.0;
    int clipped = 0;
  };
  std::vector<Chunk> chunks;
  ParallelFor parallel = serial_for;

  /// Runs one episode in every copy; returns the mean undiscounted episode return per agent slot.
  double collect_rollout();
  /// GAE per agent slot, then the advantage normalisation over the batch.
  void compute_advantages();
  /// The PPO epochs; fills the loss, entropy, KL and clipping figures of `stats`.
  void update(IterationStats& stats);
  /// Loss terms and gradients of one chunk of a minibatch of `size` samples (value targets normalised).
  void chunk_gradients(Chunk& chunk, double minibatch_size);

 private:
  void normalise_into(const std::vector<double>& rows, int features, const RunningMeanStd& stats,
                      const std::vector<int>& live, Matrix& out, long long first_column) const;
};

}  // namespace finsim::learning
