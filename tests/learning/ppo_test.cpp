// PPO machinery: the invariants of the first minibatch, the normalisers, Adam, gradient clipping,
// orthogonal initialisation, and the trainer's determinism.
#include <catch2/catch.hpp>

#include <cmath>
#include <thread>
#include <vector>

#include "finsim/learning/adam.hpp"
#include "finsim/learning/bank_env.hpp"
#include "finsim/learning/matrix_game.hpp"
#include "finsim/learning/normalizers.hpp"
#include "finsim/learning/orthogonal.hpp"
#include "finsim/learning/trainer.hpp"
#include "finsim/scenarios.hpp"

using namespace finsim;
using namespace finsim::learning;

namespace {

std::unique_ptr<MultiAgentEnv> small_bank_env(double cooperation) {
  BankEnvConfig c;
  c.scenarios = {scenario_config("liquidity_freeze").value(), scenario_config("core_default").value()};
  for (auto& s : c.scenarios) s.banks = 30;
  c.copies = 2;
  c.episode_steps = 20;
  c.reward.cooperation = cooperation;
  return std::move(BankEnv::create(c)).value();
}

TrainerConfig small_config(std::uint64_t seed) {
  TrainerConfig t;
  t.hidden = {16, 16};
  t.seed = seed;
  t.epochs = 3;
  t.minibatches = 4;
  return t;
}

// A ParallelFor that really runs the bodies on other threads.
void threaded_for(int count, const std::function<void(int)>& body) {
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) threads.emplace_back(body, i);
  for (auto& t : threads) t.join();
}

}  // namespace

TEST_CASE("on the first minibatch of the first epoch the ratio is 1, nothing is clipped and KL is 0") {
  for (double w : {0.0, 1.0}) {
    auto trainer = Trainer::create(small_config(3), small_bank_env(w));
    REQUIRE(trainer.ok());
    for (int i = 0; i < 2; ++i) {
      const IterationStats s = trainer->iterate();
      INFO("cooperation " << w << " iteration " << s.iteration);
      // Training runs in float and a sample's column may be evaluated in a different GEMM blocking
      // than during the rollout: equality to float rounding.
      CHECK(s.first_minibatch.ratio_max_deviation < 1e-5);
      CHECK(s.first_minibatch.ratio_mean == Approx(1.0).margin(1e-6));
      CHECK(s.first_minibatch.clip_fraction == 0.0);
      CHECK(s.first_minibatch.approx_kl < 1e-10);
      CHECK(s.batch_samples > 0);
    }
  }
}

TEST_CASE("later minibatches move the policy: the ratio departs from 1") {
  auto trainer = Trainer::create(small_config(3), std::make_unique<MatrixGameEnv>(climbing_game(), 16));
  REQUIRE(trainer.ok());
  const IterationStats s = trainer->iterate();
  CHECK(s.approx_kl > 0.0);
}

TEST_CASE("the value normaliser's normalise and denormalise are inverse") {
  ValueNormalizer norm;
  norm.update(std::vector<double>{3.0, 5.0, 10.0, -2.0});
  // One update: the debiased moments are the batch's own.
  CHECK(norm.mean() == Approx(4.0));
  CHECK(norm.variance() == Approx((9.0 + 25.0 + 100.0 + 4.0) / 4.0 - 16.0));
  norm.update(std::vector<double>{7.5, 0.25});
  for (double x : {-100.0, -1.5, 0.0, 0.3, 42.0}) {
    CHECK(norm.denormalize(norm.normalize(x)) == Approx(x).epsilon(1e-14));
    CHECK(norm.normalize(norm.denormalize(x)) == Approx(x).epsilon(1e-14).margin(1e-14));
  }
  ValueNormalizer flat;
  flat.update(std::vector<double>{2.0, 2.0});
  CHECK(flat.variance() == Approx(1e-2));  // clamped, as in the reference
}

TEST_CASE("running observation statistics equal the statistics of all samples, however batched") {
  const std::vector<double> rows = {1.0, 10.0, 2.0, 20.0, 4.0, 15.0, -1.0, 5.0, 3.0, 0.0};
  RunningMeanStd all(2), parts(2);
  all.update(rows, 5);
  parts.update(std::span<const double>(rows).subspan(0, 4), 2);
  parts.update(std::span<const double>(rows).subspan(4), 3);
  const double mean0 = (1 + 2 + 4 - 1 + 3) / 5.0, mean1 = (10 + 20 + 15 + 5 + 0) / 5.0;
  double var0 = 0, var1 = 0;
  for (int r = 0; r < 5; ++r) {
    var0 += (rows[2 * r] - mean0) * (rows[2 * r] - mean0) / 5.0;
    var1 += (rows[2 * r + 1] - mean1) * (rows[2 * r + 1] - mean1) / 5.0;
  }
  for (const RunningMeanStd* s : {&all, &parts}) {
    CHECK(s->count() == 5);
    CHECK(s->mean()[0] == Approx(mean0));
    CHECK(s->mean()[1] == Approx(mean1));
    CHECK(s->stddev()[0] == Approx(std::sqrt(var0 + kObservationVarianceEpsilon)));
    CHECK(s->stddev()[1] == Approx(std::sqrt(var1 + kObservationVarianceEpsilon)));
  }
}

TEST_CASE("Adam's first step moves each parameter by the learning rate against its gradient's sign") {
  Adam<double> adam(3, {0.1, 0.9, 0.999, 1e-5});
  Eigen::VectorXd p(3), g(3);
  p << 1.0, 2.0, 3.0;
  g << 0.5, -4.0, 0.0;
  adam.step(p, g);
  CHECK(p[0] == Approx(1.0 - 0.1 * 0.5 / (0.5 + 1e-5)));
  CHECK(p[1] == Approx(2.0 + 0.1 * 4.0 / (4.0 + 1e-5)));
  CHECK(p[2] == 3.0);
  // Second step with the same gradient: m̂ = g, v̂ = g² again.
  adam.step(p, g);
  CHECK(p[0] == Approx(1.0 - 2 * 0.1 * 0.5 / (0.5 + 1e-5)));
}

TEST_CASE("gradient clipping rescales only norms above the limit") {
  Eigen::VectorXf g(2);
  g << 3.0f, 4.0f;
  CHECK(clip_gradient_norm(g, 10.0) == Approx(5.0));
  CHECK(g[0] == 3.0f);
  CHECK(clip_gradient_norm(g, 1.0) == Approx(5.0));
  CHECK(g.norm() == Approx(1.0).epsilon(1e-5));
}

TEST_CASE("orthogonal initialisation gives orthonormal rows or columns times the gain") {
  Rng rng(9);
  for (auto [rows, cols] : {std::pair{6, 4}, std::pair{3, 7}}) {
    const std::vector<double> w = orthogonal_matrix(rows, cols, 2.0, rng);
    Eigen::Map<const Eigen::MatrixXd> m(w.data(), rows, cols);
    const Eigen::MatrixXd gram = rows >= cols ? Eigen::MatrixXd(m.transpose() * m) : Eigen::MatrixXd(m * m.transpose());
    CHECK(gram.isApprox(4.0 * Eigen::MatrixXd::Identity(gram.rows(), gram.cols()), 1e-12));
  }
}

TEST_CASE("training is deterministic: same seed, same networks, whatever the threading") {
  auto run = [](std::uint64_t seed, bool threads) {
    auto trainer = Trainer::create(small_config(seed), small_bank_env(0.5));
    if (threads) trainer->set_parallel(threaded_for);
    for (int i = 0; i < 2; ++i) trainer->iterate();
    return std::pair{trainer->actor().parameters(), trainer->critic().parameters()};
  };
  const auto a = run(5, false), b = run(5, true), c = run(6, false);
  CHECK(a.first == b.first);
  CHECK(a.second == b.second);
  CHECK(a.first != c.first);
}
