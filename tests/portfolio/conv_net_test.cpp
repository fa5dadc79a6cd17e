// The cnn model's network: exact gradients (against central finite differences) and training by the learning module's Adam.
#include <catch2/catch.hpp>

#include "finsim/learning/adam.hpp"
#include "finsim/portfolio/conv_net.hpp"

using namespace finsim::portfolio;

TEST_CASE("the convolutional network's gradient matches finite differences") {
  finsim::Rng rng(3);
  ConvNetShape shape{12, 3, 4};
  ConvNet net(shape, rng, 0.3);  // with the L2 penalty, whose gradient is checked too
  // Move the biases off zero so that ReLU kinks are unlikely to sit exactly at a probe.
  net.parameters().array() += 0.05;
  Eigen::MatrixXd x(12, 7);
  Eigen::RowVectorXd y(7);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
  for (Eigen::Index i = 0; i < y.size(); ++i) y[i] = rng.normal();
  Eigen::VectorXd g, scratch;
  net.loss_and_gradient(x, y, g);
  REQUIRE(g.size() == net.parameters().size());
  double worst = 0.0;
  for (Eigen::Index k = 0; k < g.size(); ++k) {
    const double h = 1e-6, saved = net.parameters()[k];
    net.parameters()[k] = saved + h;
    const double up = net.loss_and_gradient(x, y, scratch);
    net.parameters()[k] = saved - h;
    const double down = net.loss_and_gradient(x, y, scratch);
    net.parameters()[k] = saved;
    const double numeric = (up - down) / (2 * h);
    worst = std::max(worst, std::fabs(numeric - g[k]) / std::max(1e-4, std::fabs(numeric) + std::fabs(g[k])));
  }
  CHECK(worst < 1e-5);
}

TEST_CASE("the network's loss falls under Adam, deterministically") {
  auto train = [] {
    finsim::Rng rng(5);
    ConvNet net({10, 4, 3}, rng);
    Eigen::MatrixXd x(10, 50);
    Eigen::RowVectorXd y(50);
    for (Eigen::Index b = 0; b < 50; ++b) {
      for (Eigen::Index i = 0; i < 10; ++i) x(i, b) = rng.normal();
      y[b] = 0.5 * x(9, b) - 0.25 * x(8, b);  // a linear function of the latest inputs
    }
    finsim::learning::Adam<double> adam(net.parameters().size(), {.learning_rate = 0.01, .epsilon = 1e-8});
    Eigen::VectorXd g;
    const double first = net.loss_and_gradient(x, y, g);
    double last = first;
    for (int e = 0; e < 300; ++e) {
      adam.step(net.parameters(), g);
      last = net.loss_and_gradient(x, y, g);
    }
    return std::pair{first, last};
  };
  const auto [first, last] = train();
  CHECK(last < 0.2 * first);
  CHECK(train().second == last);
}
