// Deterministic exp and log: accurate to 2 ulp against long double, exact special values.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "finsim/detmath.hpp"
#include "finsim/rng.hpp"

using namespace finsim;

namespace {

double ulp_error(double got, long double want) {
  const double w = static_cast<double>(want);
  if (got == w) return 0.0;
  const double ulp = std::nextafter(std::fabs(w), std::numeric_limits<double>::infinity()) - std::fabs(w);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - want) / ulp);
}

}  // namespace

TEST_CASE("exp is within 2 ulp of the true value across its range") {
  Rng rng(7);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const double x = -700.0 + 1409.0 * rng.uniform();
    worst = std::max(worst, ulp_error(detmath::exp(x), std::exp(static_cast<long double>(x))));
  }
  for (int i = 0; i < 200000; ++i) {
    const double x = -1.0 + 2.0 * rng.uniform();
    worst = std::max(worst, ulp_error(detmath::exp(x), std::exp(static_cast<long double>(x))));
  }
  CHECK(worst <= 2.0);
}

TEST_CASE("exp handles the edges of its domain") {
  CHECK(detmath::exp(0.0) == 1.0);
  CHECK(detmath::exp(-1000.0) == 0.0);
  CHECK(std::isinf(detmath::exp(1000.0)));
  CHECK(std::isnan(detmath::exp(std::numeric_limits<double>::quiet_NaN())));
  CHECK(detmath::exp(-740.0) > 0.0);  // subnormal result
}

TEST_CASE("log is within 2 ulp of the true value across its range") {
  Rng rng(11);
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    const double x = std::ldexp(0.5 + rng.uniform(), static_cast<int>(rng.below(2000)) - 1000);
    worst = std::max(worst, ulp_error(detmath::log(x), std::log(static_cast<long double>(x))));
  }
  for (int i = 0; i < 200000; ++i) {
    const double x = 0.5 + rng.uniform();  // near 1, where cancellation hurts naive versions
    const long double want = std::log(static_cast<long double>(x));
    if (std::fabs(static_cast<double>(want)) > 1e-300) worst = std::max(worst, ulp_error(detmath::log(x), want));
  }
  CHECK(worst <= 2.0);
}

TEST_CASE("log handles the edges of its domain") {
  CHECK(detmath::log(1.0) == 0.0);
  CHECK(std::isinf(detmath::log(0.0)));
  CHECK(detmath::log(0.0) < 0.0);
  CHECK(std::isnan(detmath::log(-1.0)));
  CHECK(std::isinf(detmath::log(std::numeric_limits<double>::infinity())));
}

TEST_CASE("tanh is odd and bounded") {
  for (double x : {0.0, 1e-9, 0.3, 1.0, 5.0, 30.0}) {
    CHECK(detmath::tanh(-x) == -detmath::tanh(x));
    CHECK(std::fabs(detmath::tanh(x) - std::tanh(x)) < 1e-15);
  }
}
