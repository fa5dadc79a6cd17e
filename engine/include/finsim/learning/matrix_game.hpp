// Cooperative two-player matrix games repeated for a fixed number of steps: the known-answer
// environments on which the trainer is checked (Claus & Boutilier 1998; Papoudakis et al. 2021,
// "Benchmarking Multi-Agent Deep Reinforcement Learning Algorithms in Cooperative Tasks", whose
// 25-step climbing and penalty games report MAPPO at 175 and 250).
//
// Both agents receive the payoff of the joint action. Observation: the agent's one-hot id and a
// constant 1; state: the observation and the episode progress t / T.
#pragma once

#include <array>
#include <vector>

#include "finsim/learning/multi_agent_env.hpp"

namespace finsim::learning {

/// payoff[a][b]: the reward when agent 0 plays a and agent 1 plays b.
using Payoff = std::array<std::array<double, 3>, 3>;

/// Penalty game: 10 on the diagonal corners, 2 in the middle, k off the corners' diagonal, 0 elsewhere.
Payoff penalty_game(double k);
/// Climbing game: optimum 11, a shadowed equilibrium of 7 and penalties of −30 around the optimum.
Payoff climbing_game();

class MatrixGameEnv final : public MultiAgentEnv {
 public:
  MatrixGameEnv(Payoff payoff, int copies, int episode_steps = 25);

  [[nodiscard]] EnvSpec spec() const override;
  void reset(std::uint64_t seed) override;
  void observe(std::span<std::uint8_t> alive, std::span<std::uint32_t> masks, std::span<double> observations,
               std::span<double> states) override;
  void step(std::span<const int> actions, std::span<double> rewards) override;
  /// "return": the mean episode return of the last episodes (both agents share it).
  [[nodiscard]] std::vector<std::pair<std::string, double>> episode_summary() const override;

 private:
  Payoff payoff_;
  int copies_, steps_, t_ = 0;
  std::vector<double> returns_;
};

}  // namespace finsim::learning
