#include "finsim/detmath.hpp"

#include <cmath>
#include <limits>

namespace finsim::detmath {
namespace {

// ln 2 split into a high part with trailing zero bits (so k * kLn2Hi is exact for |k| < 2^11)
// and a low correction (Cody & Waite 1980, "Software Manual for the Elementary Functions").
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;

}  // namespace

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.1332191019412) return 0.0;
  // x = k ln2 + r, |r| <= ln2 / 2.
  const double k = std::nearbyint(x * kInvLn2);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // Taylor series of e^r to degree 17, Horner form: truncation error < 1e-19 for |r| <= 0.3466.
  double p = 1.0 / 355687428096000.0;  // 1/17!
  constexpr double kInvFact[] = {1.0 / 20922789888000.0, 1.0 / 1307674368000.0, 1.0 / 87178291200.0,
                                 1.0 / 6227020800.0,     1.0 / 479001600.0,     1.0 / 39916800.0,
                                 1.0 / 3628800.0,        1.0 / 362880.0,        1.0 / 40320.0,
                                 1.0 / 5040.0,           1.0 / 720.0,           1.0 / 120.0,
                                 1.0 / 24.0,             1.0 / 6.0,             0.5,
                                 1.0,                    1.0};
  for (double c : kInvFact) p = p * r + c;
  // Scaling by 2^k is exact (ldexp), including into the subnormal range in two steps.
  const int ki = static_cast<int>(k);
  if (ki < -1020) return std::ldexp(std::ldexp(p, ki + 1000), -1000);
  return std::ldexp(p, ki);
}

double log(double x) {
  if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1): exact
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  // With f = m − 1 (exact) and s = f / (2 + f): log(1 + f) = 2 atanh(s) = f − (hfsq − s (hfsq + R)),
  // hfsq = f²/2, R = Σ_{k>=1} 2 s^{2k} / (2k + 1); this arrangement (fdlibm's e_log.c, Sun 1993)
  // keeps the rounding error of the large terms out of the result.
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s;
  double r = 2.0 / 27.0;
  for (int k = 12; k >= 1; --k) r = r * z + 2.0 / (2 * k + 1);
  r *= z;
  const double hfsq = 0.5 * f * f;
  const double de = static_cast<double>(e);
  return de * kLn2Hi - ((hfsq - (s * (hfsq + r) + de * kLn2Lo)) - f);
}

double tanh(double x) {
  if (std::isnan(x)) return x;
  const double ax = std::fabs(x);
  if (ax > 22.0) return x > 0 ? 1.0 : -1.0;
  const double e2 = detmath::exp(-2.0 * ax);
  const double t = (1.0 - e2) / (1.0 + e2);
  return x < 0 ? -t : t;
}

}  // namespace finsim::detmath
