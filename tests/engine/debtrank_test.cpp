// DebtRank: the model.md example in both variants, hand-worked cases where they differ, validation.
#include <catch2/catch.hpp>

#include "finsim/debtrank.hpp"

using namespace finsim;

TEST_CASE("three banks a, b, c from model.md: R = 13/14 in both variants") {
  DebtRankInput in;
  in.exposures = {{0, 1, 0}, {10, 0, 3}, {3, 2, 0}};
  in.capital = {2, 5, 2};
  in.value = {10.0 / 140, 100.0 / 140, 30.0 / 140};
  in.shock = {1, 0, 0};
  for (auto variant : {DebtRankVariant::original, DebtRankVariant::linear}) {
    in.variant = variant;
    REQUIRE(validate_debtrank_input(in).ok());
    const auto r = debtrank(in);
    CHECK(r.debtrank == Approx(13.0 / 14.0).margin(1e-9));
    for (double h : r.h) CHECK(h == Approx(1.0).margin(1e-12));
  }
}

TEST_CASE("value weights are normalised") {
  DebtRankInput in;
  in.exposures = {{0, 5}, {0, 0}};
  in.capital = {10, 10};
  in.value = {3, 3};  // equal weights, not summing to 1
  in.shock = {0, 1};
  const auto r = debtrank(in);
  // Bank 0 loses 5/10 of its equity: R = ½·½ = ¼.
  CHECK(r.h[0] == Approx(0.5).margin(1e-12));
  CHECK(r.debtrank == Approx(0.25).margin(1e-12));
}

TEST_CASE("on a cycle the original variant propagates once and the linear one repeatedly") {
  // A and B each lend 5 to the other, equity 10 each, A hit by ½.
  // Original: B gets ½·½ = ¼; then B's distress returns once: A = ½ + ½·¼ = 0.625.
  // Linear: increments bounce geometrically: A = ½ + (⅛)/(1 − ¼) = 2/3, B = ¼/(1 − ¼) = 1/3.
  DebtRankInput in;
  in.exposures = {{0, 5}, {5, 0}};
  in.capital = {10, 10};
  in.value = {1, 1};
  in.shock = {0.5, 0};
  in.variant = DebtRankVariant::original;
  auto r = debtrank(in);
  CHECK(r.h[0] == Approx(0.625).margin(1e-12));
  CHECK(r.h[1] == Approx(0.25).margin(1e-12));
  CHECK(r.debtrank == Approx(0.1875).margin(1e-12));
  in.variant = DebtRankVariant::linear;
  r = debtrank(in);
  CHECK(r.h[0] == Approx(2.0 / 3.0).margin(1e-12));
  CHECK(r.h[1] == Approx(1.0 / 3.0).margin(1e-12));
  CHECK(r.debtrank == Approx(0.25).margin(1e-12));
}

TEST_CASE("distress is capped at 1") {
  DebtRankInput in;
  in.exposures = {{0, 100}, {0, 0}};
  in.capital = {1, 1};
  in.value = {1, 1};
  in.shock = {0, 1};
  for (auto variant : {DebtRankVariant::original, DebtRankVariant::linear}) {
    in.variant = variant;
    CHECK(debtrank(in).h[0] == 1.0);
  }
}

TEST_CASE("invalid inputs are refused with a message") {
  DebtRankInput in;
  in.exposures = {{0, 1}, {1}};
  in.capital = {1, 1};
  in.value = {1, 1};
  in.shock = {0, 1};
  CHECK(validate_debtrank_input(in).error().message.find("not square") != std::string::npos);
  in.exposures = {{0, 1}, {1, 0}};
  in.capital = {1, 0};
  CHECK(validate_debtrank_input(in).error().message.find("capital[1]") != std::string::npos);
  in.capital = {1, 1};
  in.shock = {0, 1.5};
  CHECK_FALSE(validate_debtrank_input(in).ok());
  in.shock = {0, 1};
  in.value = {0, 0};
  CHECK_FALSE(validate_debtrank_input(in).ok());
}
