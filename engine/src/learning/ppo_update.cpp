// Trainer phase 4: PPO epochs over the batch (marlbenchmark/on-policy `R_MAPPO.train`, `ppo_update`).
#include <algorithm>
#include <numeric>

#include "finsim/learning/ppo_loss.hpp"
#include "trainer_impl.hpp"

namespace finsim::learning {

namespace {

// to = from(:, columns), one contiguous column copy each. (An Eigen IndexedView assignment evaluates
// coefficient by coefficient through the index list: 8 % of a training iteration in WASM.)
void gather_columns(const Trainer::Impl::Matrix& from, const std::vector<Eigen::Index>& columns, Trainer::Impl::Matrix& to) {
  to.resize(from.rows(), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t k = 0; k < columns.size(); ++k) to.col(static_cast<Eigen::Index>(k)) = from.col(columns[k]);
}

}  // namespace

void Trainer::Impl::chunk_gradients(Chunk& ch, double minibatch_size) {
  const std::size_t size = ch.columns.size();
  const double inv = 1.0 / minibatch_size;
  ch.stats = MinibatchStats{};
  ch.stats.ratio_mean = 0.0;
  ch.ratio_sum = 0.0;
  ch.clipped = 0;
  gather_columns(observations, ch.columns, ch.observations);
  gather_columns(states, ch.columns, ch.states);
  ch.actions.resize(size);
  ch.masks.resize(size);
  for (std::size_t k = 0; k < size; ++k) {
    const auto j = static_cast<std::size_t>(ch.columns[k]);
    ch.actions[k] = actions[j];
    ch.masks[k] = masks[j];
  }

  // Actor: −mean(min(r·A, clip(r)·A)) − entropy_coef · mean(H).
  const Matrix& logits = actor.forward(ch.observations, ch.actor_cache);
  ch.distribution.compute(logits, ch.masks);
  ch.c_logp.resize(size);
  ch.c_entropy.assign(size, static_cast<float>(-config.entropy_coef * inv));
  for (std::size_t k = 0; k < size; ++k) {
    const auto j = static_cast<std::size_t>(ch.columns[k]);
    const auto c = static_cast<Eigen::Index>(k);
    const double log_prob = ch.distribution.log_prob(c, ch.actions[k]);
    const SurrogateTerm term = clipped_surrogate(log_prob, old_log_probs[j], advantages[j], config.clip);
    ch.c_logp[k] = static_cast<float>(term.d_logp * inv);
    ch.stats.policy_loss += term.loss * inv;
    ch.stats.entropy += ch.distribution.entropy(c) * inv;
    ch.stats.approx_kl += approx_kl(log_prob, old_log_probs[j]) * inv;
    ch.stats.ratio_max_deviation = std::max(ch.stats.ratio_max_deviation, std::abs(term.ratio - 1.0));
    ch.ratio_sum += term.ratio;
    ch.clipped += term.clipped;
  }
  ch.distribution.backward(ch.actions, ch.c_logp, ch.c_entropy, ch.d_logits);
  actor.backward(ch.observations, ch.actor_cache, ch.d_logits, ch.actor_gradient);

  // Critic: clipped Huber loss against the normalised returns.
  const Matrix& values = critic.forward(ch.states, ch.critic_cache);
  ch.d_values.resize(1, static_cast<Eigen::Index>(size));
  for (std::size_t k = 0; k < size; ++k) {
    const auto j = static_cast<std::size_t>(ch.columns[k]);
    const auto c = static_cast<Eigen::Index>(k);
    const double target = value_normalizer.normalize(returns[j]);
    const ValueTerm term = clipped_value_loss(values(0, c), old_values[j], target, config.clip, config.huber_delta);
    ch.stats.value_loss += term.loss * inv;
    ch.d_values(0, c) = static_cast<float>(config.value_loss_coef * term.d_value * inv);
  }
  critic.backward(ch.states, ch.critic_cache, ch.d_values, ch.critic_gradient);
}

void Trainer::Impl::update(IterationStats& stats) {
  const auto n = static_cast<std::size_t>(samples);
  if (n == 0) return;
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  const auto batches = static_cast<std::size_t>(std::min<long long>(config.minibatches, samples));
  std::vector<double> minibatch_returns;
  Vector actor_gradient, critic_gradient;
  int updates = 0, last_epoch_updates = 0;
  double last_epoch_kl = 0.0;

  for (int epoch = 0; epoch < config.epochs; ++epoch) {
    for (std::size_t i = n; i > 1; --i)  // Fisher–Yates with the trainer's own stream
      std::swap(order[i - 1], order[static_cast<std::size_t>(shuffle_rng.below(i))]);
    for (std::size_t b = 0; b < batches; ++b) {
      const std::size_t begin = b * n / batches, end = (b + 1) * n / batches, size = end - begin;
      // The value normaliser first folds in this minibatch's returns (reference `cal_value_loss`).
      minibatch_returns.resize(size);
      for (std::size_t k = 0; k < size; ++k) minibatch_returns[k] = returns[static_cast<std::size_t>(order[begin + k])];
      value_normalizer.update(minibatch_returns);

      const std::size_t parts = std::min(chunks.size(), size);
      for (std::size_t p = 0; p < parts; ++p) {
        const std::size_t lo = begin + p * size / parts, hi = begin + (p + 1) * size / parts;
        chunks[p].columns.assign(order.begin() + static_cast<std::ptrdiff_t>(lo), order.begin() + static_cast<std::ptrdiff_t>(hi));
      }
      parallel(static_cast<int>(parts), [&](int p) { chunk_gradients(chunks[static_cast<std::size_t>(p)], static_cast<double>(size)); });

      // Sum the chunks in order, then clip and step each network.
      MinibatchStats mb;
      double ratio_sum = 0.0;
      int clipped = 0;
      actor_gradient = chunks[0].actor_gradient;
      critic_gradient = chunks[0].critic_gradient;
      for (std::size_t p = 0; p < parts; ++p) {
        const Chunk& ch = chunks[p];
        if (p > 0) {
          actor_gradient += ch.actor_gradient;
          critic_gradient += ch.critic_gradient;
        }
        mb.policy_loss += ch.stats.policy_loss;
        mb.value_loss += ch.stats.value_loss;
        mb.entropy += ch.stats.entropy;
        mb.approx_kl += ch.stats.approx_kl;
        mb.ratio_max_deviation = std::max(mb.ratio_max_deviation, ch.stats.ratio_max_deviation);
        ratio_sum += ch.ratio_sum;
        clipped += ch.clipped;
      }
      mb.ratio_mean = ratio_sum / static_cast<double>(size);
      mb.clip_fraction = clipped / static_cast<double>(size);
      mb.actor_grad_norm = clip_gradient_norm(actor_gradient, config.max_grad_norm);
      actor_adam.step(actor.parameters(), actor_gradient);
      mb.critic_grad_norm = clip_gradient_norm(critic_gradient, config.max_grad_norm);
      critic_adam.step(critic.parameters(), critic_gradient);

      if (updates == 0) stats.first_minibatch = mb;
      ++updates;
      stats.entropy += mb.entropy;
      stats.clip_fraction += mb.clip_fraction;
      stats.policy_loss += mb.policy_loss;
      stats.value_loss += mb.value_loss;
      stats.actor_grad_norm += mb.actor_grad_norm;
      stats.critic_grad_norm += mb.critic_grad_norm;
      if (epoch + 1 == config.epochs) {
        last_epoch_kl += mb.approx_kl;
        ++last_epoch_updates;
      }
    }
  }
  const double per_update = 1.0 / updates;
  stats.entropy *= per_update;
  stats.clip_fraction *= per_update;
  stats.policy_loss *= per_update;
  stats.value_loss *= per_update;
  stats.actor_grad_norm *= per_update;
  stats.critic_grad_norm *= per_update;
  stats.approx_kl = last_epoch_updates > 0 ? last_epoch_kl / last_epoch_updates : 0.0;
}

}  // namespace finsim::learning
