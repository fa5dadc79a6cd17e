// Money: amounts are doubles in the portfolio's currency, and every amount that moves cash is rounded
// to the cent first.
//
// Why doubles and not integer cents: prices and quantities are fractional (crypto, notional orders), so
// trade values are not whole cents until they are settled. Rounding each posting keeps cash always the
// double nearest a whole number of cents; sums of such values stay exact to the cent below 2^53 cents
// (about 90 trillion), and each posting is re-rounded, so errors never accumulate.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace finsim::portfolio {

/// x rounded to the nearest cent, halves away from zero. A nudge of 1e−6 cent toward the larger
/// magnitude first makes decimal halves that binary stores just below .5 (1.005 → 1.00499999…) round
/// the way a person reads them (1.01). Non-finite input is returned unchanged.
inline double round_to_cents(double x) {
  if (!std::isfinite(x)) return x;
  const double cents = x * 100.0;
  return std::round(cents + std::copysign(1e-6, cents)) / 100.0;
}

/// An amount for a message: two decimals, no separators ("10050.00"), what error messages quote.
inline std::string money_text(double x) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

}  // namespace finsim::portfolio
