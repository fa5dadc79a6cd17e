// Learning checks: MAPPO on 25-step cooperative matrix games (Papoudakis et al. 2021, Table 3: MAPPO
// reaches 250 on the penalty game with k = 0 and the 175 equilibrium of the climbing game).
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>

#include "finsim/learning/matrix_game.hpp"
#include "finsim/learning/trainer.hpp"

using namespace finsim::learning;

namespace {

struct GameResult {
  double training_return = 0.0;  // mean episode return of the last rollout (stochastic policy)
  double greedy_return = 0.0;    // 25 × payoff of both agents' argmax actions
  double seconds = 0.0;
};

// The MAPPO reference's hyperparameters (marlbenchmark/on-policy config.py) with fewer epochs.
TrainerConfig game_config(std::uint64_t seed) {
  TrainerConfig c;
  c.hidden = {32, 32};
  c.seed = seed;
  c.epochs = 5;
  c.minibatches = 1;
  c.actor_learning_rate = c.critic_learning_rate = 5e-4;
  c.gamma = 0.99;
  c.gae_lambda = 0.95;
  c.entropy_coef = 0.01;
  return c;
}

GameResult train_game(const Payoff& payoff, std::uint64_t seed, int iterations) {
  const auto start = std::chrono::steady_clock::now();
  auto trainer = Trainer::create(game_config(seed), std::make_unique<MatrixGameEnv>(payoff, 32));
  REQUIRE(trainer.ok());
  GameResult r;
  for (int i = 0; i < iterations; ++i) r.training_return = trainer->iterate().episode_return;
  ActorNetwork actor(trainer->actor_spec());
  int chosen[2];
  for (int agent = 0; agent < 2; ++agent) {
    const double obs[3] = {agent == 0 ? 1.0 : 0.0, agent == 1 ? 1.0 : 0.0, 1.0};
    double logits[3];
    actor.logits(obs, logits);
    chosen[agent] = ActorNetwork::argmax(logits, 0b111);
  }
  r.greedy_return = 25.0 * payoff[static_cast<std::size_t>(chosen[0])][static_cast<std::size_t>(chosen[1])];
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace

TEST_CASE("MAPPO reaches the optimum of the penalty game with k = 0") {
  const GameResult r = train_game(penalty_game(0.0), 1, 150);
  INFO("training return " << r.training_return << ", greedy " << r.greedy_return << ", " << r.seconds << " s");
  CHECK(r.greedy_return == 250.0);
  CHECK(r.training_return >= 240.0);
  CHECK(r.seconds < 10.0);
}

TEST_CASE("MAPPO reaches at least the shadowed equilibrium of the climbing game") {
  const GameResult r = train_game(climbing_game(), 1, 150);
  INFO("training return " << r.training_return << ", greedy " << r.greedy_return << ", " << r.seconds << " s");
  CHECK(r.greedy_return >= 175.0);
  CHECK(r.training_return >= 170.0);
  CHECK(r.seconds < 10.0);
}
