// GAE (Schulman et al. 2016): the λ = 1 and λ = 0 limits, terminal masks and a hand-computed case.
#include <catch2/catch.hpp>

#include <vector>

#include "finsim/learning/gae.hpp"

using namespace finsim::learning;

namespace {

struct Gae {
  std::vector<double> advantages, returns;
};

Gae run(const std::vector<double>& r, const std::vector<double>& v, const std::vector<std::uint8_t>& done, double gamma,
        double lambda) {
  Gae g{std::vector<double>(r.size()), std::vector<double>(r.size())};
  compute_gae(r, v, done, gamma, lambda, g.advantages, g.returns);
  return g;
}

const std::vector<double> kRewards = {1.0, -0.5, 2.0, 0.25};
const std::vector<double> kValues = {0.3, 0.8, -0.2, 1.1, 0.6};  // V_0..V_4 (V_4 bootstraps)

}  // namespace

TEST_CASE("GAE with lambda 1 is the Monte-Carlo return minus the value") {
  const double gamma = 0.9;
  const Gae g = run(kRewards, kValues, {0, 0, 0, 0}, gamma, 1.0);
  double mc = kValues[4];
  for (int t = 3; t >= 0; --t) {
    mc = kRewards[static_cast<std::size_t>(t)] + gamma * mc;
    CHECK(g.advantages[static_cast<std::size_t>(t)] == Approx(mc - kValues[static_cast<std::size_t>(t)]));
    CHECK(g.returns[static_cast<std::size_t>(t)] == Approx(mc));
  }
}

TEST_CASE("GAE with lambda 0 is the one-step TD residual") {
  const double gamma = 0.9;
  const Gae g = run(kRewards, kValues, {0, 0, 0, 0}, gamma, 0.0);
  for (std::size_t t = 0; t < 4; ++t)
    CHECK(g.advantages[t] == Approx(kRewards[t] + gamma * kValues[t + 1] - kValues[t]));
}

TEST_CASE("a terminal step neither bootstraps nor passes later advantages back") {
  const double gamma = 0.9, lambda = 0.8;
  const Gae g = run(kRewards, kValues, {0, 1, 0, 0}, gamma, lambda);
  // Step 1 ends an episode: δ_1 = r_1 − V_1 and A_1 = δ_1.
  CHECK(g.advantages[1] == Approx(-0.5 - 0.8));
  // Steps 2 and 3 form the next episode and are unaffected by what came before.
  const Gae tail = run({2.0, 0.25}, {-0.2, 1.1, 0.6}, {0, 0}, gamma, lambda);
  CHECK(g.advantages[2] == Approx(tail.advantages[0]));
  CHECK(g.advantages[3] == Approx(tail.advantages[1]));
  // Step 0 accumulates only δ_0 and δ_1.
  CHECK(g.advantages[0] == Approx((1.0 + gamma * 0.8 - 0.3) + gamma * lambda * (-0.5 - 0.8)));
}

TEST_CASE("GAE on a hand-computed three-step episode") {
  // γ = 0.5, λ = 0.5; rewards 1, 2, 3; values 0, 1, 2 and a terminal last step.
  // δ = (1 + 0.5·1 − 0, 2 + 0.5·2 − 1, 3 − 2) = (1.5, 2, 1)
  // A_2 = 1, A_1 = 2 + 0.25·1 = 2.25, A_0 = 1.5 + 0.25·2.25 = 2.0625; R = A + V.
  const Gae g = run({1.0, 2.0, 3.0}, {0.0, 1.0, 2.0, 99.0}, {0, 0, 1}, 0.5, 0.5);
  CHECK(g.advantages[2] == Approx(1.0));
  CHECK(g.advantages[1] == Approx(2.25));
  CHECK(g.advantages[0] == Approx(2.0625));
  CHECK(g.returns[0] == Approx(2.0625));
  CHECK(g.returns[1] == Approx(3.25));
  CHECK(g.returns[2] == Approx(3.0));
}
