// Trainer phases 1–3: collecting a rollout, GAE with death masking, advantage normalisation.
#include <algorithm>
#include <cmath>

#include "finsim/learning/gae.hpp"
#include "trainer_impl.hpp"

namespace finsim::learning {

void Trainer::Impl::normalise_into(const std::vector<double>& rows, int features, const RunningMeanStd& stats,
                                   const std::vector<int>& live, Matrix& out, long long first_column) const {
  const std::vector<double>& mean = stats.mean();
  const std::vector<double> sd = stats.stddev();
  const double clip = config.observation_clip;
  const auto f = static_cast<std::size_t>(features);
  for (std::size_t j = 0; j < live.size(); ++j) {
    const double* row = rows.data() + static_cast<std::size_t>(live[j]) * f;
    const auto column = static_cast<Eigen::Index>(first_column + static_cast<long long>(j));
    for (std::size_t k = 0; k < f; ++k)
      out(static_cast<Eigen::Index>(k), column) = static_cast<float>(std::clamp((row[k] - mean[k]) / sd[k], -clip, clip));
  }
}

double Trainer::Impl::collect_rollout() {
  env->reset(episode_rng.next_u64());
  samples = 0;
  const auto n_slots = static_cast<std::size_t>(slots);
  const auto obs_size = static_cast<std::size_t>(spec.observation_size);
  const auto state_size = static_cast<std::size_t>(spec.state_size);
  std::vector<int> live;
  std::vector<double> live_rows;
  double total_reward = 0.0;

  for (int t = 0; t < spec.episode_steps; ++t) {
    env->observe(step_alive, step_masks, step_observations, step_states);
    live.clear();
    for (std::size_t s = 0; s < n_slots; ++s)
      if (step_alive[s]) live.push_back(static_cast<int>(s));
    const auto n = static_cast<long long>(live.size());

    // Running normalisation, updated with this step's inputs before they are used (as VecNormalize does).
    auto update_stats = [&](const std::vector<double>& rows, std::size_t f, RunningMeanStd& stats) {
      live_rows.resize(live.size() * f);
      for (std::size_t j = 0; j < live.size(); ++j)
        std::copy_n(rows.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(live[j]) * f), f,
                    live_rows.begin() + static_cast<std::ptrdiff_t>(j * f));
      stats.update(live_rows, n);
    };
    update_stats(step_observations, obs_size, observation_stats);
    update_stats(step_states, state_size, state_stats);
    normalise_into(step_observations, spec.observation_size, observation_stats, live, observations, samples);
    normalise_into(step_states, spec.state_size, state_stats, live, states, samples);

    std::fill(step_actions.begin(), step_actions.end(), 0);
    if (n > 0) {
      const auto first = static_cast<Eigen::Index>(samples);
      const Matrix& logits = actor.forward(observations.middleCols(first, n), actor_cache);
      for (std::size_t j = 0; j < live.size(); ++j) masks[static_cast<std::size_t>(samples) + j] = step_masks[static_cast<std::size_t>(live[j])];
      distribution.compute(logits, std::span<const std::uint32_t>(masks).subspan(static_cast<std::size_t>(samples), live.size()));
      const Matrix& values = critic.forward(states.middleCols(first, n), critic_cache);
      for (std::size_t j = 0; j < live.size(); ++j) {
        const auto c = static_cast<Eigen::Index>(j);
        const double u = sample_rng.uniform();
        double cumulative = 0.0;
        int chosen = -1;
        for (int a = 0; a < spec.actions; ++a) {
          const double p = distribution.probs(a, c);
          if (p <= 0.0) continue;
          chosen = a;
          cumulative += p;
          if (u < cumulative) break;
        }
        const std::size_t i = static_cast<std::size_t>(samples) + j;
        actions[i] = chosen;
        old_log_probs[i] = distribution.log_prob(c, chosen);
        old_values[i] = values(0, c);
        step_actions[static_cast<std::size_t>(live[j])] = chosen;
      }
    }
    const std::size_t row = static_cast<std::size_t>(t) * n_slots;
    std::fill(sample_of.begin() + static_cast<std::ptrdiff_t>(row),
              sample_of.begin() + static_cast<std::ptrdiff_t>(row + n_slots), -1);
    for (std::size_t j = 0; j < live.size(); ++j)
      sample_of[row + static_cast<std::size_t>(live[j])] = static_cast<int>(samples + static_cast<long long>(j));
    samples += n;

    env->step(step_actions, step_rewards);
    std::copy(step_rewards.begin(), step_rewards.end(), rewards.begin() + static_cast<std::ptrdiff_t>(row));
    for (double r : step_rewards) total_reward += r;
  }
  return total_reward / static_cast<double>(slots);
}

void Trainer::Impl::compute_advantages() {
  const auto n_slots = static_cast<std::size_t>(slots);
  const int steps = spec.episode_steps;
  const double gamma = config.gamma;
  std::vector<double> r, v, a, g;
  std::vector<std::uint8_t> terminal;
  std::vector<int> index;
  for (std::size_t s = 0; s < n_slots; ++s) {
    r.clear();
    v.clear();
    terminal.clear();
    index.clear();
    // The discounted rewards earned after the agent's death (it stays dead until the episode ends):
    // a dead agent's future does not depend on its actions, so its value is this Monte-Carlo sum.
    double after_death = 0.0;
    for (int t = steps - 1; t >= 0; --t) {
      const std::size_t k = static_cast<std::size_t>(t) * n_slots + s;
      if (sample_of[k] >= 0) break;
      after_death = rewards[k] + gamma * after_death;
    }
    for (int t = 0; t < steps; ++t) {
      const std::size_t k = static_cast<std::size_t>(t) * n_slots + s;
      const int j = sample_of[k];
      if (j < 0) continue;
      const bool last = t + 1 == steps || sample_of[k + n_slots] < 0;
      r.push_back(rewards[k] + (last && t + 1 < steps ? gamma * after_death : 0.0));
      v.push_back(value_normalizer.denormalize(old_values[static_cast<std::size_t>(j)]));
      terminal.push_back(last ? 1 : 0);
      index.push_back(j);
    }
    if (index.empty()) continue;
    v.push_back(0.0);  // never used: the last step is terminal
    a.resize(r.size());
    g.resize(r.size());
    compute_gae(r, v, terminal, gamma, config.gae_lambda, a, g);
    for (std::size_t k = 0; k < index.size(); ++k) {
      advantages[static_cast<std::size_t>(index[k])] = a[k];
      returns[static_cast<std::size_t>(index[k])] = g[k];
    }
  }
  // Normalised over the live-agent samples only (the reference masks dead agents with NaN first).
  const auto n = static_cast<std::size_t>(samples);
  if (n == 0) return;
  double mean = 0.0;
  for (std::size_t i = 0; i < n; ++i) mean += advantages[i];
  mean /= static_cast<double>(n);
  double var = 0.0;
  for (std::size_t i = 0; i < n; ++i) var += (advantages[i] - mean) * (advantages[i] - mean);
  const double sd = std::sqrt(var / static_cast<double>(n));
  for (std::size_t i = 0; i < n; ++i) advantages[i] = (advantages[i] - mean) / (sd + 1e-5);
}

}  // namespace finsim::learning
