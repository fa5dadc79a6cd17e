// The Monte Carlo of the return path (monte_carlo.hpp): exact answers where there is no randomness,
// the law of large numbers where there is, what the blocks are for, determinism and refusals.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "finsim/portfolio/monte_carlo.hpp"

using namespace finsim::portfolio;

TEST_CASE("Monte Carlo: constant returns give every path the same end and no drawdown") {
  const std::vector<double> r(50, 0.01);
  auto mc = bootstrap_paths(r, {});
  REQUIRE(mc.ok());
  CHECK(mc->horizon == 50);
  for (double q : mc->final_return) CHECK(q == Approx(std::pow(1.01, 50) - 1).epsilon(1e-12));
  for (double q : mc->max_drawdown) CHECK(q == 0.0);
  CHECK(mc->probability_of_loss == 0.0);
  REQUIRE(mc->checkpoints.back() == 50);
  CHECK(mc->fan.back() == mc->final_return);
}

TEST_CASE("Monte Carlo: independent days end, in the median, where the mean log return says") {
  const std::vector<double> r = {0.02, -0.01, 0.02, -0.01};
  MonteCarloOptions o;
  o.paths = 4000;
  o.block = 1;
  o.horizon = 250;
  auto mc = bootstrap_paths(r, o);
  REQUIRE(mc.ok());
  const double expected = std::exp(250 * 0.5 * (std::log(1.02) + std::log(0.99))) - 1;
  CHECK(mc->final_return[2] == Approx(expected).margin(0.03));
  for (std::size_t k = 1; k < 5; ++k) {
    CHECK(mc->final_return[k] >= mc->final_return[k - 1]);
    CHECK(mc->max_drawdown[k] >= mc->max_drawdown[k - 1]);
  }
  CHECK(mc->max_drawdown[4] <= 0.0);
  // Over 20 days a path loses when 14 or more of its days are the −1 % one: P(Bin(20, ½) ≥ 14) = 0.0577.
  o.horizon = 20;
  auto short_run = bootstrap_paths(r, o);
  REQUIRE(short_run.ok());
  CHECK(short_run->probability_of_loss == Approx(0.0577).margin(0.015));
}

TEST_CASE("Monte Carlo: blocks keep runs of returns together, so runs widen the spread of outcomes") {
  std::vector<double> r;
  for (int run = 0; run < 10; ++run)
    for (int d = 0; d < 10; ++d) r.push_back(run % 2 == 0 ? 0.01 : -0.01);
  MonteCarloOptions days;
  days.paths = 3000;
  days.block = 1;
  MonteCarloOptions blocks = days;
  blocks.block = 10;
  auto a = bootstrap_paths(r, days);
  auto b = bootstrap_paths(r, blocks);
  REQUIRE((a.ok() && b.ok()));
  const double spread_days = a->final_return[4] - a->final_return[0];
  const double spread_blocks = b->final_return[4] - b->final_return[0];
  INFO("p95 - p5: days " << spread_days << ", blocks " << spread_blocks);
  CHECK(spread_blocks > 1.25 * spread_days);  // ≈ 1.38 (independent days: p95 − p5 ≈ 3.3 × 0.1)
}

TEST_CASE("Monte Carlo: the same seed gives the same answer, another seed another, and nonsense is refused") {
  const std::vector<double> r = {0.01, -0.02, 0.005, 0.03, std::nan(""), -0.01};
  auto a = bootstrap_paths(r, {});
  auto b = bootstrap_paths(r, {});
  MonteCarloOptions other;
  other.seed = 2;
  auto c = bootstrap_paths(r, other);
  REQUIRE((a.ok() && b.ok() && c.ok()));
  CHECK(a->sample == 5);  // the NaN dropped
  CHECK(a->final_return == b->final_return);
  CHECK(a->fan == b->fan);
  CHECK(a->final_return != c->final_return);
  CHECK(bootstrap_paths(std::vector<double>{0.01}, {}).error().code == "bad_monte_carlo");
  MonteCarloOptions few;
  few.paths = 50;
  CHECK(bootstrap_paths(r, few).error().code == "bad_monte_carlo");
  MonteCarloOptions no_block;
  no_block.block = 0;
  CHECK(bootstrap_paths(r, no_block).error().code == "bad_monte_carlo");
}
