#include "finsim/learning/matrix_game.hpp"

#include <algorithm>

namespace finsim::learning {

Payoff penalty_game(double k) { return {{{10, 0, k}, {0, 2, 0}, {k, 0, 10}}}; }
Payoff climbing_game() { return {{{11, -30, 0}, {-30, 7, 6}, {0, 0, 5}}}; }

MatrixGameEnv::MatrixGameEnv(Payoff payoff, int copies, int episode_steps)
    : payoff_(payoff), copies_(copies), steps_(episode_steps), returns_(static_cast<std::size_t>(copies), 0.0) {}

EnvSpec MatrixGameEnv::spec() const {
  EnvSpec s;
  s.copies = copies_;
  s.agents = 2;
  s.observation_size = 3;
  s.state_size = 4;
  s.actions = 3;
  s.episode_steps = steps_;
  return s;
}

void MatrixGameEnv::reset(std::uint64_t) {
  t_ = 0;
  std::fill(returns_.begin(), returns_.end(), 0.0);
}

void MatrixGameEnv::observe(std::span<std::uint8_t> alive, std::span<std::uint32_t> masks,
                            std::span<double> observations, std::span<double> states) {
  for (int s = 0; s < 2 * copies_; ++s) {
    const auto k = static_cast<std::size_t>(s);
    const int agent = s % 2;
    alive[k] = 1;
    masks[k] = 0b111;
    const double obs[3] = {agent == 0 ? 1.0 : 0.0, agent == 1 ? 1.0 : 0.0, 1.0};
    std::copy(obs, obs + 3, observations.begin() + static_cast<std::ptrdiff_t>(3 * k));
    std::copy(obs, obs + 3, states.begin() + static_cast<std::ptrdiff_t>(4 * k));
    states[4 * k + 3] = static_cast<double>(t_) / steps_;
  }
}

void MatrixGameEnv::step(std::span<const int> actions, std::span<double> rewards) {
  for (int c = 0; c < copies_; ++c) {
    const auto k = static_cast<std::size_t>(2 * c);
    const double r = payoff_[static_cast<std::size_t>(actions[k])][static_cast<std::size_t>(actions[k + 1])];
    rewards[k] = rewards[k + 1] = r;
    returns_[static_cast<std::size_t>(c)] += r;
  }
  ++t_;
}

std::vector<std::pair<std::string, double>> MatrixGameEnv::episode_summary() const {
  double sum = 0.0;
  for (double r : returns_) sum += r;
  return {{"return", sum / copies_}};
}

}  // namespace finsim::learning
