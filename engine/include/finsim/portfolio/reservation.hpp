// Reservations: what a portfolio's pending orders hold back from its cash and its long positions, so
// that two orders can never spend the same cash or sell the same units.
//
// A pending order reserves the most its fill is expected to take, priced at its reservation price —
// the worst price it can fill at: a limit or stop-limit order's limit (a buy fills at that close or
// lower, a sell at that close or higher). A market order has no worst price (the next close is
// unbounded), so it is priced at the last close at or before its placement date moved by
// kMarketPriceBand against it (up for a buy, down for a sell); a trailing stop the same; a stop order
// the worse of that close and its stop, moved by the same band. Then:
//
//   buy of q units        cash  = value + fee of q units at the reservation price (trade_amounts)
//   buy of notional N     cash  = N (a notional buy's value never exceeds it) + the fee of N's worth
//                                 at the reservation price
//   sell of q units       units = q, from the long position
//   sell of notional N    units = N / reservation price (rounded down in a whole-unit portfolio)
//   any sell              cash  = what its fee exceeds its value by, if it does (it is paid from cash)
//
// Units are reserved only when short selling is off: with it, a sell is bounded by nothing the
// portfolio holds. An order whose reservation price is unknown (a market order for an asset without a
// close yet) reserves what needs no price: a notional buy its notional, a quantity sell its units.
//
// An order filled in parts (participation.hpp) reserves what remains of it.
//
// What is not bounded: a market order's fill beyond its band, and the per-share part of a notional
// order's fee when the fill price is lower than the reservation price (more units). Such a fill takes
// the excess from cash no other order reserved, or is rejected: a fill is checked against the other
// pending orders' reservations (price_fill's `held`), never against its own.
//
// Reservations are derived, never stored: a pure function of the pending orders, the closes up to
// their placement dates and the fee schedules they pay — so they are recomputed to the bit after a
// restart from the persisted pending orders.
#pragma once

#include <cstddef>
#include <vector>

#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

struct Order;  // order.hpp

/// How far a market order's reservation price is from its last close: +10 % for a buy, −10 % for a
/// sell. The buffer Upvest's order API adds to unit buys and nominal sells "to account for possible
/// price fluctuations" (docs.upvest.co, "Additional cash / security buffers"). By the simulated
/// market's parameters (docs/portfolio.md) a stock's daily σ is at most ≈ 2.3 % in calm regimes, so a
/// move beyond 10 % is rare there; crypto (σ ≈ 5 % calm, ≈ 11 % in a crisis) exceeds it often.
inline constexpr double kMarketPriceBand = 0.10;

/// What one pending order holds back.
struct Reservation {
  std::size_t asset = 0;  ///< the order's asset, an index of the panel
  double cash = 0.0;      ///< ≥ 0, rounded to the cent
  double units = 0.0;     ///< ≥ 0: units of the long position a sell will take (0 for buys, and with short selling)
};

/// What a set of pending orders holds back together.
struct Reservations {
  double cash = 0.0;          ///< Σ cash, rounded to the cent (exact: a sum of cents)
  std::vector<double> units;  ///< reserved units by asset; shorter than the panel = 0 for the rest

  void add(const Reservation& reservation);
  /// Takes back what add() added (an order filled, expired, was cancelled or rejected).
  void remove(const Reservation& reservation);
  [[nodiscard]] double units_of(std::size_t asset) const { return asset < units.size() ? units[asset] : 0.0; }
};

/// The price `order`'s reservation is computed at (see the header): its limit, or for a market order
/// its asset's last close at or before order.placed moved by kMarketPriceBand against it (for a stop,
/// the worse of that close and the stop); NaN when the asset has no close by then (a stop: its stop). `asset` is the order's index in `panel`.
double reservation_price(const Order& order, const PricePanel& panel, std::size_t asset);

/// What `order`, pending, reserves (see the header), paying `fees` under `rules`. Does not check that
/// it fits: check_reservation (order.hpp) does. Error "unknown_ticker".
Result<Reservation> reserve_order(const Order& order, const PricePanel& panel, const FeeSchedule& fees,
                                  const PortfolioRules& rules);

/// Cash that no pending order has reserved: cash − held.cash, rounded to the cent. Negative when the
/// reservations exceed the cash (a fee structure changed after the orders were placed).
double available_cash(const PortfolioState& state, const Reservations& held);

/// Units of the long position in `asset` that no pending sell has reserved: max(quantity, 0) − reserved,
/// never below 0.
double available_units(const PortfolioState& state, const Reservations& held, std::size_t asset);

}  // namespace finsim::portfolio
