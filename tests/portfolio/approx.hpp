// Comparison helpers for numeric specifications: NaN equals NaN, infinities match by sign, and finite
// values match within an absolute tolerance (numpy.testing.assert_almost_equal's reading).
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>

namespace portfolio_test {

inline bool same_value(double actual, double expected, double tolerance) {
  if (std::isnan(expected)) return std::isnan(actual);
  if (std::isinf(expected)) return actual == expected;
  return std::isfinite(actual) && std::fabs(actual - expected) <= tolerance;
}

inline std::string describe(double actual, double expected) {
  std::ostringstream s;
  s.precision(17);
  s << "actual " << actual << ", expected " << expected;
  return s.str();
}

}  // namespace portfolio_test

/// CHECK that `actual` equals `expected` within `tol` (NaN == NaN, inf == inf).
#define CHECK_VALUE(actual, expected, tol)                                  \
  do {                                                                      \
    const double a_ = (actual), e_ = (expected);                            \
    INFO(#actual << ": " << portfolio_test::describe(a_, e_));              \
    CHECK(portfolio_test::same_value(a_, e_, (tol)));                       \
  } while (false)
