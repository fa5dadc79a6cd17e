// Orders and their execution against daily bars.
//
// Fill rule (no look-ahead): an order placed on date D may have seen every close up to and including D,
// so it can only fill at a close dated strictly after D — the first bar after D at which the asset has
// a price (a market order), or the first such bar whose execution price satisfies the limit (a limit
// order: buy when price ≤ limit, sell when price ≥ limit). The execution price is the close moved by the
// portfolio's slippage model (slippage.hpp; the close itself without one). Bars carry closes only: there
// is no intraday path or volume limit.
//
// Risk orders wait for a trigger first (order_trigger.hpp), then execute as above from the bar that
// triggered them, that bar included:
//   stop           a market order once the close crosses stop_price (a sell when close ≤ stop, a buy
//                  when close ≥ stop): a stop-loss on a long position, or a stop entry
//   stop_limit     a limit order at limit_price once the close crosses stop_price
//   trailing_stop  a market order once the close crosses a level that trails the best close since the
//                  order was placed by trail_percent (a sell: highest close × (1 − trail/100); a buy:
//                  lowest close × (1 + trail/100)), the level of a bar set by the closes before it
// A take-profit is a limit order on the exit side. With closes only, a stop fills at the close that
// crossed it, not at the stop: a gap through the stop fills at the gap's price, as a real stop would.
//
// Execution is pure: (portfolio state, order, market, fees, rules) → outcome. Replaying the same orders
// against the same market gives identical fills, which is what makes a server's retries and replays safe.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "finsim/portfolio/fees.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/reservation.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

enum class OrderType : std::uint8_t { market, limit, stop, stop_limit, trailing_stop };
enum class SizeKind : std::uint8_t { quantity, notional };

std::string_view order_type_name(OrderType type);  ///< "market", "limit", "stop", "stop_limit", "trailing_stop"
std::optional<OrderType> parse_order_type(std::string_view name);
/// Whether an order of this type fills only at a price within its limit (limit, stop_limit).
bool has_limit(OrderType type);
/// Whether an order of this type waits for a stop price to be crossed (stop, stop_limit).
bool has_stop(OrderType type);
std::string_view size_kind_name(SizeKind kind);    ///< "quantity", "notional"

struct Order {
  std::string ticker;
  Side side = Side::buy;
  OrderType type = OrderType::market;
  SizeKind size_kind = SizeKind::quantity;
  double size = 0.0;          ///< units (quantity) or currency gross of fees (notional); finite, > 0
  double limit_price = 0.0;   ///< limit and stop_limit orders: finite, > 0
  double stop_price = 0.0;    ///< stop and stop_limit orders: finite, > 0
  double trail_percent = 0.0; ///< trailing_stop orders: in (0, 100)
  Date placed;                ///< information cut-off: fills only at bars dated after it
  std::optional<Date> good_until;  ///< last date it may fill (or trigger); none = good till cancelled
  double filled = 0.0;             ///< of `size`, filled already in parts (participation.hpp), in its unit
  std::optional<Date> last_part;   ///< the date of its latest part: the next one only at a later bar
  std::string model = "manual";
  std::string signal_id;
  double confidence = -1.0;   ///< of the causing signal, −1 when none
};

/// The largest order size accepted, in units or in currency: far beyond any real order, and small enough
/// that size × price, fees and the resulting cash stay finite for any price a market can hold (issue
/// "Hardening", item 4: a short sale of 1e307 units once stored cash as infinity and froze the clock).
inline constexpr double kMaxOrderSize = 1e12;

/// Checks that need no price: known ticker ("unknown_ticker"), finite positive size ("bad_quantity"),
/// a positive limit for limit and stop_limit orders ("bad_limit_price"), a positive stop price for
/// stop and stop_limit orders ("bad_stop_price"), a trail in (0, 100) % for trailing stops
/// ("bad_trail"), good_until not before placed
/// ("bad_expiry"), whole units when the rules forbid fractions ("bad_quantity"), and — for sells
/// without short selling — a long position at least as large as a quantity order, less the units
/// that the pending orders `held` reserve ("insufficient_holdings"). A server runs this at placement
/// to answer 4xx at once.
Status validate_order(const Order& order, const PortfolioState& state, const PricePanel& panel,
                      const PortfolioRules& rules, const Reservations& held = {});

/// Whether a new order's `reservation` (reserve_order) fits in what the pending orders `held` leave:
/// its cash within available_cash ("insufficient_cash"), its units within available_units of its
/// asset ("insufficient_holdings"). The messages name the amounts. `ticker` names the asset.
Status check_reservation(const Reservation& reservation, const PortfolioState& state, const Reservations& held,
                         const std::string& ticker);

/// Where a fill came from: copied into the Fill.
struct FillOrigin {
  Date order_date;
  std::string model = "manual";
  std::string signal_id;
  double confidence = -1.0;
};

/// The units an order of `size` trades at `price`: `size` itself for a quantity order, size / price
/// for a notional one, rounded down to whole units when `fractional` is false (with the engine's
/// relative tolerance, so a notional of exactly 3 units' value is 3 units). Shared by price_fill and
/// the API's fee preview of a notional order. Errors: "bad_quantity" (size not finite and > 0, or
/// 0 units after rounding), "bad_price" (a notional order at a price not finite and > 0).
Result<double> order_units(SizeKind kind, double size, double price, bool fractional);

/// Prices one trade at a known bar and price: the single computation behind every fill (orders,
/// strategies, replays). `size` is units or currency per `kind`; notional orders get
/// quantity = size / price (rounded down to whole units when fractions are not allowed). `price` is the
/// execution price; `reference_price` the close it was moved from by slippage (NaN: the same, no
/// slippage), recorded in the fill with the slippage's cost.
/// Errors: "bad_quantity" (not finite and > 0, or 0 units after rounding), "insufficient_cash"
/// (a trade whose cash outflow exceeds the cash that `held` leaves), "insufficient_holdings" (a sell
/// beyond the long quantity that `held` leaves, without short selling). `held`: what other pending
/// orders reserve (reservation.hpp), never the order's own; none by default.
Result<Fill> price_fill(const PortfolioState& state, std::size_t asset, Side side, SizeKind kind, double size,
                        std::size_t bar, double price, Date bar_date, const FeeSchedule& fees,
                        const PortfolioRules& rules, const FillOrigin& origin, const Reservations& held = {},
                        double reference_price = std::nan(""));

/// The execution price of `size` (units or currency per `kind`) of `asset` at `bar`'s `close` under
/// `rules.slippage`: quote_slippage with the order's units at the close (slippage.hpp's errors).
Result<SlippageQuote> quote_fill(const PricePanel& panel, std::size_t asset, std::size_t bar, Side side, SizeKind kind,
                                 double size, double close, const PortfolioRules& rules);

enum class ExecutionStatus : std::uint8_t {
  filled,   ///< `fill` is set: the order (or what remained of it) is done
  partial,  ///< `fill` is set: a part, capped by the bar's volume (participation.hpp); the rest waits
  pending,  ///< no bar has allowed a fill yet (the data ends first)
  expired,  ///< an order whose good_until passed without a fill
};
std::string_view execution_status_name(ExecutionStatus status);

struct Execution {
  ExecutionStatus status = ExecutionStatus::pending;
  std::optional<Fill> fill;
  std::optional<Date> triggered;  ///< a risk order's trigger bar, when it has been crossed
};

/// What remains of `order` to fill, in its size's unit: size − filled.
double remaining_size(const Order& order);

/// The outcome of `order` for a portfolio in `state`: validation (validate_order's errors), then the
/// trigger of a risk order and the fill bar by the rules above — the remaining size, capped by the
/// portfolio's participation in the bar's volume (a part: "partial"), at a bar after its latest part —, then price_fill's checks at that bar's price (a rejection there is an
/// error too), both against what the other pending orders `held` leave. Does not modify anything:
/// book the fill with apply_fill.
Result<Execution> execute_order(const PortfolioState& state, const Order& order, const PricePanel& panel,
                                const FeeSchedule& fees, const PortfolioRules& rules, const Reservations& held = {});

}  // namespace finsim::portfolio
