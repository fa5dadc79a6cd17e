// Bracket orders: an entry placed with a take-profit and a stop-loss that wait for it to fill, then
// cancel each other (one-cancels-other: the first exit to fill cancels the other).
//
// The exits are on the other side of the entry: after a buy, a sell limit at the take-profit and a
// sell stop at the stop-loss; after a sell (a short entry), a buy limit and a buy stop. They are armed
// by the entry's fill: their size becomes the units it filled, their placement its date — so neither
// can fill at the entry's own bar (order.hpp's fill rule). They are good till cancelled.
#pragma once

#include <vector>

#include "finsim/portfolio/order.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

struct BracketPrices {
  double take_profit = 0.0;  ///< the exit limit; 0 = none
  double stop_loss = 0.0;    ///< the exit stop; 0 = none
};

/// Whether `prices` can bracket `entry`: each given price finite and > 0, at least one given
/// ("bad_bracket"); around the entry: for a buy, stop_loss < take_profit, and a limit or stop entry's
/// price between them (a sell: the other way round) — an exit that would fill at once is a mistake.
Status validate_bracket(const Order& entry, const BracketPrices& prices);

/// The exit orders of a valid bracket, take-profit first: the entry's ticker, the other side, the
/// entry's size and size kind (replaced by arm_exit), model and signal; type limit or stop.
std::vector<Order> bracket_exits(const Order& entry, const BracketPrices& prices);

/// Arms an exit when its entry filled: `fill.quantity` units, placed on `fill.date`.
void arm_exit(Order& exit, const Fill& fill);

}  // namespace finsim::portfolio
