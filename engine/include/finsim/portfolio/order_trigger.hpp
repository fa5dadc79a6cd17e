// When a risk order stops waiting (order.hpp, "Risk orders"): the stop of stop and stop_limit orders,
// the trailing level of trailing stops.
//
// A trailing stop's level for bar b is set by the closes before b, from the last close at or before the
// order's placement on (the price the trader saw): a sell's is the highest of them × (1 − trail/100), a
// buy's the lowest × (1 + trail/100). Bar b's close is compared with it, then joins the extreme. An
// asset with no close by the placement starts the extreme at its first close after it, which cannot
// trigger. Market and limit orders have no trigger: they are live from their first bar.
#pragma once

#include <cstddef>

#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/price_panel.hpp"

namespace finsim::portfolio {

class StopTrigger {
 public:
  /// Watches `order` (of `asset` in `panel`) from its placement.
  StopTrigger(const Order& order, const PricePanel& panel, std::size_t asset);

  /// The level the next close is compared with: the stop price, the trailing level (NaN while no
  /// close is known), or NaN for an order with no trigger.
  [[nodiscard]] double level() const;
  /// Whether `close` — the next bar's, finite — triggers the order (always, for one with no trigger),
  /// then folds it into a trailing stop's extreme.
  bool crossed_by(double close);

 private:
  OrderType type_;
  Side side_;
  double stop_ = 0.0;
  double trail_ = 0.0;     ///< a fraction
  double extreme_ = 0.0;   ///< trailing stops: best close so far (NaN: none yet)
};

/// The level `order`'s next close will be compared with after every close of `panel` after its
/// placement (the trailing level moves with them; a stop's is its stop price); NaN for an order with no
/// trigger or a trailing stop with no close yet. What the API shows of a pending risk order.
double stop_level(const Order& order, const PricePanel& panel, std::size_t asset);

}  // namespace finsim::portfolio
