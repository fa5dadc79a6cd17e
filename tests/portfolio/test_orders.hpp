// Orders for portfolio tests, placed on the days of test_market.hpp, and the fee they usually pay.
#pragma once

#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/order.hpp"
#include "test_market.hpp"

namespace portfolio_test {

/// The "flat" preset: $1 an order.
inline finsim::portfolio::FeeSchedule flat1() { return finsim::portfolio::fee_preset("flat").value(); }

/// A market order of `qty` units placed on day(placed_bar).
inline finsim::portfolio::Order market(const char* ticker, finsim::portfolio::Side side, double qty, int placed_bar) {
  finsim::portfolio::Order o;
  o.ticker = ticker;
  o.side = side;
  o.size = qty;
  o.placed = day(placed_bar);
  return o;
}

}  // namespace portfolio_test
