// Finite-difference checks (double precision, central differences) of every analytic gradient the
// trainer uses: each dense layer's weights and biases through ReLU and tanh, the masked categorical's
// log-probability and entropy, the clipped surrogate and the clipped Huber value loss.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <vector>

#include "finsim/learning/categorical.hpp"
#include "finsim/learning/mlp.hpp"
#include "finsim/learning/ppo_loss.hpp"
#include "finsim/rng.hpp"

using namespace finsim;
using namespace finsim::learning;
using Matrix = Mlp<double>::Matrix;
using Vector = Mlp<double>::Vector;

namespace {

double central_difference(const std::function<double(double)>& f, double x, double h = 1e-6) {
  return (f(x + h) - f(x - h)) / (2.0 * h);
}

// The largest |analytic − numeric| / max(1, |numeric|) over every parameter of `net`, for the loss
// L = Σ c ⊙ net(x) with fixed random coefficients c.
double worst_parameter_error(Mlp<double>& net, const Matrix& x, Rng& rng) {
  const Matrix c = Matrix::NullaryExpr(net.output_size(), x.cols(), [&] { return rng.normal(); });
  Mlp<double>::Cache cache;
  auto loss = [&] { return net.forward(x, cache).cwiseProduct(c).sum(); };
  loss();
  Vector gradient;
  net.backward(x, cache, c, gradient);
  double worst = 0.0;
  Vector& p = net.parameters();
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const double saved = p[i];
    const double numeric = central_difference([&](double v) { p[i] = v; return loss(); }, saved);
    p[i] = saved;
    worst = std::max(worst, std::abs(gradient[i] - numeric) / std::max(1.0, std::abs(numeric)));
  }
  return worst;
}

}  // namespace

TEST_CASE("every layer's backpropagated gradient matches finite differences (ReLU and tanh)") {
  for (Activation act : {Activation::relu, Activation::tanh}) {
    Rng rng(11);
    Mlp<double> net(MlpShape{{5, 7, 6, 3}, act});
    net.initialise(rng, 0.5);
    // Non-zero biases so that every unit is exercised away from zero.
    for (int l = 0; l < net.layers(); ++l)
      for (Eigen::Index k = 0; k < net.bias(l).size(); ++k) net.bias(l)[k] = 0.3 * rng.normal();
    const Matrix x = Matrix::NullaryExpr(5, 9, [&] { return rng.normal(); });
    INFO((act == Activation::relu ? "relu" : "tanh"));
    CHECK(worst_parameter_error(net, x, rng) < 1e-7);
  }
}

TEST_CASE("a single dense layer's gradient is the outer product of output gradient and input") {
  Rng rng(3);
  Mlp<double> net(MlpShape{{4, 2}, Activation::relu});
  net.initialise(rng, 1.0);
  const Matrix x = Matrix::NullaryExpr(4, 3, [&] { return rng.normal(); });
  Mlp<double>::Cache cache;
  net.forward(x, cache);
  const Matrix d = Matrix::NullaryExpr(2, 3, [&] { return rng.normal(); });
  Vector g;
  net.backward(x, cache, d, g);
  const Matrix dw = d * x.transpose();
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 4; ++c) CHECK(g[c * 2 + r] == Approx(dw(r, c)).margin(1e-14));
  CHECK(g[8] == Approx(d.row(0).sum()));
  CHECK(g[9] == Approx(d.row(1).sum()));
}

TEST_CASE("masked log-probabilities and entropy have the analytic gradients of the softmax") {
  Rng rng(5);
  const int k = 4, b = 6;
  Matrix logits = Matrix::NullaryExpr(k, b, [&] { return 2.0 * rng.normal(); });
  const std::vector<std::uint32_t> masks = {0b1111, 0b0101, 0b1001, 0b0011, 0b1101, 0b0001};
  const std::vector<int> actions = {2, 0, 3, 1, 3, 0};
  std::vector<double> c_logp(b), c_entropy(b);
  for (int i = 0; i < b; ++i) {
    c_logp[static_cast<std::size_t>(i)] = rng.normal();
    c_entropy[static_cast<std::size_t>(i)] = rng.normal();
  }
  MaskedCategorical<double> dist;
  auto objective = [&] {
    dist.compute(logits, masks);
    double total = 0.0;
    for (int i = 0; i < b; ++i)
      total += c_logp[static_cast<std::size_t>(i)] * dist.log_prob(i, actions[static_cast<std::size_t>(i)]) +
               c_entropy[static_cast<std::size_t>(i)] * dist.entropy(i);
    return total;
  };
  objective();
  Matrix analytic;
  dist.backward(actions, c_logp, c_entropy, analytic);
  for (int i = 0; i < b; ++i)
    for (int a = 0; a < k; ++a) {
      const double saved = logits(a, i);
      const double numeric = central_difference([&](double v) { logits(a, i) = v; return objective(); }, saved);
      logits(a, i) = saved;
      INFO("column " << i << " action " << a);
      CHECK(analytic(a, i) == Approx(numeric).margin(1e-8));
      if (!(masks[static_cast<std::size_t>(i)] >> a & 1u)) CHECK(analytic(a, i) == 0.0);
    }
}

TEST_CASE("masked softmax puts no probability on infeasible actions and normalises the rest") {
  Matrix logits(3, 2);
  logits << 1.0, 5.0, 2.0, -1.0, 3.0, 0.0;
  MaskedCategorical<double> dist;
  dist.compute(logits, std::vector<std::uint32_t>{0b101, 0b010});
  CHECK(dist.probs(1, 0) == 0.0);
  CHECK(dist.probs(0, 0) == Approx(1.0 / (1.0 + std::exp(2.0))));
  CHECK(dist.probs(2, 0) == Approx(std::exp(2.0) / (1.0 + std::exp(2.0))));
  CHECK(dist.probs(1, 1) == 1.0);
  CHECK(dist.entropy(1) == 0.0);
  CHECK(dist.entropy(0) == Approx(-(dist.probs(0, 0) * std::log(dist.probs(0, 0)) +
                                     dist.probs(2, 0) * std::log(dist.probs(2, 0)))));
}

TEST_CASE("the clipped surrogate's derivative matches finite differences on both sides of the clip") {
  const double clip = 0.2;
  // (log ratio, advantage): inside the clip, clipped above and below, for both signs of A.
  const std::pair<double, double> cases[] = {{0.05, 1.3},  {-0.05, 1.3}, {0.05, -0.7}, {-0.1, -0.7},
                                             {0.4, 1.3},   {-0.4, 1.3},  {0.4, -0.7},  {-0.4, -0.7}};
  for (const auto& [log_ratio, advantage] : cases) {
    const double old_lp = -1.2;
    const SurrogateTerm t = clipped_surrogate(old_lp + log_ratio, old_lp, advantage, clip);
    const double numeric = central_difference(
        [&](double lp) { return clipped_surrogate(lp, old_lp, advantage, clip).loss; }, old_lp + log_ratio);
    INFO("log ratio " << log_ratio << " advantage " << advantage);
    CHECK(t.d_logp == Approx(numeric).margin(1e-8));
    CHECK(t.clipped == (std::abs(std::exp(log_ratio) - 1.0) > clip));
  }
  // The objective is pessimistic: where clipping would help, it is ignored.
  CHECK(clipped_surrogate(std::log(1.5), 0.0, 1.0, clip).loss == Approx(-1.2));
  CHECK(clipped_surrogate(std::log(0.5), 0.0, 1.0, clip).loss == Approx(-0.5));
  CHECK(clipped_surrogate(std::log(1.5), 0.0, -1.0, clip).loss == Approx(1.5));
}

TEST_CASE("the clipped Huber value loss's derivative matches finite differences") {
  const double clip = 0.2, delta = 1.0;
  // (value, old value, target): quadratic and linear Huber regions, value clip active and not.
  const double cases[][3] = {{0.1, 0.0, 0.5}, {0.1, 0.0, 3.0}, {0.5, 0.0, 0.3},  {0.5, 0.0, -2.0},
                             {-0.5, 0.0, 0.4}, {-0.5, 0.0, -3.0}, {0.0, 0.0, 0.7}, {2.0, 1.0, -4.0}};
  for (const auto& c : cases) {
    const ValueTerm t = clipped_value_loss(c[0], c[1], c[2], clip, delta);
    const double numeric =
        central_difference([&](double v) { return clipped_value_loss(v, c[1], c[2], clip, delta).loss; }, c[0]);
    INFO("value " << c[0] << " old " << c[1] << " target " << c[2]);
    CHECK(t.d_value == Approx(numeric).margin(1e-8));
  }
  CHECK(huber(0.5, 1.0) == Approx(0.125));
  CHECK(huber(-3.0, 1.0) == Approx(2.5));
}

TEST_CASE("approximate KL is zero at ratio 1 and positive elsewhere") {
  CHECK(approx_kl(-0.7, -0.7) == 0.0);
  CHECK(approx_kl(-0.5, -0.7) > 0.0);
  CHECK(approx_kl(-0.9, -0.7) > 0.0);
}
