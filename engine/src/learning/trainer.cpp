#include "finsim/learning/trainer.hpp"

#include <cmath>

#include "trainer_impl.hpp"

namespace finsim::learning {
namespace {

MlpShape network_shape(int inputs, const std::vector<int>& hidden, int outputs, Activation activation) {
  MlpShape s;
  s.sizes.push_back(inputs);
  s.sizes.insert(s.sizes.end(), hidden.begin(), hidden.end());
  s.sizes.push_back(outputs);
  s.activation = activation;
  return s;
}

// Independent random streams of a trainer, forked from its seed.
enum Stream : std::uint64_t { kInit = 0, kSampling = 1, kShuffling = 2, kEpisodes = 3 };

}  // namespace

double quantize_parameter(double x) { return std::round(x * 1e8) / 1e8; }

Status validate_trainer_config(const TrainerConfig& c) {
  auto bad = [](const std::string& what) { return Status(make_error("bad_value", what)); };
  auto in = [](double x, double lo, double hi) { return x >= lo && x <= hi; };
  if (c.hidden.empty() || c.hidden.size() > 8) return bad("between 1 and 8 hidden layers are needed");
  for (int h : c.hidden)
    if (h < 1 || h > 4096) return bad("hidden layer widths must be between 1 and 4096");
  if (!in(c.policy_head_gain, 1e-6, 10.0) || !in(c.value_head_gain, 1e-6, 10.0)) return bad("gains must be in (0, 10]");
  if (!in(c.actor_learning_rate, 0.0, 1.0) || !in(c.critic_learning_rate, 0.0, 1.0))
    return bad("learning rates must be between 0 and 1");
  if (!in(c.adam_epsilon, 1e-12, 1.0)) return bad("adam epsilon must be in [1e-12, 1]");
  if (!in(c.gamma, 0.0, 1.0) || !in(c.gae_lambda, 0.0, 1.0)) return bad("gamma and lambda must be between 0 and 1");
  if (!in(c.clip, 1e-6, 10.0)) return bad("clip must be in (0, 10]");
  if (!in(c.entropy_coef, 0.0, 10.0) || !in(c.value_loss_coef, 0.0, 100.0)) return bad("loss coefficients out of range");
  if (!in(c.huber_delta, 1e-6, 1e6) || !in(c.max_grad_norm, 1e-6, 1e6)) return bad("huber delta / max grad norm out of range");
  if (c.epochs < 1 || c.epochs > 100) return bad("epochs must be between 1 and 100");
  if (c.minibatches < 1 || c.minibatches > 1024) return bad("minibatches must be between 1 and 1024");
  if (!in(c.observation_clip, 1e-3, 1e6)) return bad("observation clip out of range");
  if (c.gradient_chunks < 1 || c.gradient_chunks > 64) return bad("gradient chunks must be between 1 and 64");
  return {};
}

Trainer::Impl::Impl(TrainerConfig c, std::unique_ptr<MultiAgentEnv> e)
    : config(std::move(c)),
      env(std::move(e)),
      spec(env->spec()),
      slots(spec.copies * spec.agents),
      actor(network_shape(spec.observation_size, config.hidden, spec.actions, config.activation)),
      critic(network_shape(spec.state_size, config.hidden, 1, config.activation)),
      actor_adam(actor.parameters().size(), {config.actor_learning_rate, 0.9, 0.999, config.adam_epsilon}),
      critic_adam(critic.parameters().size(), {config.critic_learning_rate, 0.9, 0.999, config.adam_epsilon}),
      observation_stats(spec.observation_size),
      state_stats(spec.state_size),
      sample_rng(Rng(config.seed).fork(kSampling)),
      shuffle_rng(Rng(config.seed).fork(kShuffling)),
      episode_rng(Rng(config.seed).fork(kEpisodes)) {
  Rng init = Rng(config.seed).fork(kInit);
  actor.initialise(init, config.policy_head_gain);
  critic.initialise(init, config.value_head_gain);
  const auto capacity = static_cast<Eigen::Index>(spec.episode_steps) * slots;
  observations.resize(spec.observation_size, capacity);
  states.resize(spec.state_size, capacity);
  const auto cap = static_cast<std::size_t>(capacity);
  actions.resize(cap);
  masks.resize(cap);
  old_log_probs.resize(cap);
  old_values.resize(cap);
  advantages.resize(cap);
  returns.resize(cap);
  sample_of.resize(cap);
  rewards.resize(cap);
  const auto s = static_cast<std::size_t>(slots);
  step_alive.resize(s);
  step_masks.resize(s);
  step_observations.resize(s * static_cast<std::size_t>(spec.observation_size));
  step_states.resize(s * static_cast<std::size_t>(spec.state_size));
  step_rewards.resize(s);
  step_actions.resize(s);
  chunks.resize(static_cast<std::size_t>(config.gradient_chunks));
}

Result<Trainer> Trainer::create(TrainerConfig config, std::unique_ptr<MultiAgentEnv> env) {
  if (Status st = validate_trainer_config(config); !st.ok()) return st.error();
  if (!env) return make_error("bad_value", "no environment given");
  const EnvSpec s = env->spec();
  if (s.copies < 1 || s.agents < 1 || s.observation_size < 1 || s.state_size < 1 || s.episode_steps < 1)
    return make_error("bad_value", "the environment has no agents, features or steps");
  if (s.actions < 2 || s.actions > 32) return make_error("bad_value", "the environment must have 2 to 32 actions");
  if (static_cast<long long>(s.copies) * s.agents * s.episode_steps > (1LL << 26))
    return make_error("bad_value", "a rollout of more than 2^26 agent steps does not fit in memory");
  return Trainer(std::make_unique<Impl>(std::move(config), std::move(env)));
}

Trainer::Trainer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Trainer::Trainer(Trainer&&) noexcept = default;
Trainer& Trainer::operator=(Trainer&&) noexcept = default;
Trainer::~Trainer() = default;

IterationStats Trainer::iterate() {
  Impl& m = *impl_;
  IterationStats stats;
  stats.episode_return = m.collect_rollout();
  stats.environment = m.env->episode_summary();
  m.compute_advantages();
  m.update(stats);
  ++m.iteration;
  m.env_steps += static_cast<long long>(m.spec.copies) * m.spec.episode_steps;
  m.agent_steps += m.samples;
  stats.iteration = m.iteration;
  stats.env_steps = m.env_steps;
  stats.agent_steps = m.agent_steps;
  stats.batch_samples = m.samples;
  return stats;
}

void Trainer::set_parallel(ParallelFor parallel) {
  impl_->env->set_parallel(parallel);
  impl_->parallel = std::move(parallel);
}
const TrainerConfig& Trainer::config() const { return impl_->config; }
EnvSpec Trainer::spec() const { return impl_->spec; }
int Trainer::iterations() const { return impl_->iteration; }
long long Trainer::env_steps() const { return impl_->env_steps; }
long long Trainer::agent_steps() const { return impl_->agent_steps; }
MultiAgentEnv& Trainer::environment() { return *impl_->env; }
const Mlp<float>& Trainer::actor() const { return impl_->actor; }
const Mlp<float>& Trainer::critic() const { return impl_->critic; }
const RunningMeanStd& Trainer::observation_stats() const { return impl_->observation_stats; }

ActorSpec Trainer::actor_spec() const {
  const Impl& m = *impl_;
  ActorSpec s;
  s.input_mean = m.observation_stats.mean();
  s.input_std = m.observation_stats.stddev();
  s.input_clip = m.config.observation_clip;
  s.activation = m.config.activation;
  for (int l = 0; l < m.actor.layers(); ++l) {
    const auto w = m.actor.weight(l);
    const auto b = m.actor.bias(l);
    DenseLayer d;
    d.inputs = static_cast<int>(w.cols());
    d.outputs = static_cast<int>(w.rows());
    for (Eigen::Index r = 0; r < w.rows(); ++r)
      for (Eigen::Index c = 0; c < w.cols(); ++c) d.weight.push_back(quantize_parameter(w(r, c)));
    for (Eigen::Index r = 0; r < b.size(); ++r) d.bias.push_back(quantize_parameter(b[r]));
    s.layers.push_back(std::move(d));
  }
  return s;
}

}  // namespace finsim::learning
