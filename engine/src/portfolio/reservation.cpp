#include "finsim/portfolio/reservation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/order.hpp"

namespace finsim::portfolio {
namespace {

/// The units a sell of `order` may take at `price` (its reservation price): an upper bound for a
/// notional sell, which fills at that price or higher. 0 when none can be computed.
double sell_units(const Order& order, double price, bool fractional) {
  if (order.size_kind == SizeKind::quantity) return remaining_size(order);
  if (std::isnan(price)) return 0.0;  // unknown: the fill checks it
  auto units = order_units(order.size_kind, remaining_size(order), price, fractional);
  return units.ok() ? *units : 0.0;  // smaller than one unit: it can never fill
}

}  // namespace

void Reservations::add(const Reservation& r) {
  cash = round_to_cents(cash + r.cash);
  if (r.units <= 0.0) return;
  if (units.size() <= r.asset) units.resize(r.asset + 1, 0.0);
  units[r.asset] += r.units;
}

void Reservations::remove(const Reservation& r) {
  cash = round_to_cents(cash - r.cash);
  if (r.units <= 0.0 || r.asset >= units.size()) return;
  // Sums of fractional units leave residues of a few ulps when taken back: never below zero.
  units[r.asset] = std::max(0.0, units[r.asset] - r.units);
}

double reservation_price(const Order& order, const PricePanel& panel, std::size_t asset) {
  if (has_limit(order.type)) return order.limit_price;
  const bool buy = order.side == Side::buy;
  const double band = buy ? 1.0 + kMarketPriceBand : 1.0 - kMarketPriceBand;
  double reference = panel.last_close_through(asset, order.placed);
  // A stop fills at or beyond its stop: the worse of the stop and the last close.
  if (order.type == OrderType::stop)
    reference = std::isnan(reference) ? order.stop_price
                                      : buy ? std::max(reference, order.stop_price) : std::min(reference, order.stop_price);
  return reference * band;
}

Result<Reservation> reserve_order(const Order& order, const PricePanel& panel, const FeeSchedule& fees,
                                  const PortfolioRules& rules) {
  const auto asset = panel.find(order.ticker);
  if (!asset) return make_error("unknown_ticker", "unknown ticker '" + order.ticker + "'");
  Reservation r;
  r.asset = *asset;
  const double price = reservation_price(order, panel, *asset);
  const bool priced = std::isfinite(price) && price > 0.0;
  if (order.side == Side::buy) {
    const double size = remaining_size(order);  // a part filled already holds nothing back
    if (order.size_kind == SizeKind::notional) {
      const double fee = priced ? trade_fee(fees, Side::buy, size / price, price) : 0.0;
      r.cash = round_to_cents(round_to_cents(size) + fee);
    } else if (priced) {
      r.cash = -trade_amounts(fees, Side::buy, size, price).net_cash;
    }
    return r;
  }
  const double units = sell_units(order, price, rules.fractional);
  if (!rules.allow_short) r.units = units;
  if (priced && units > 0.0) r.cash = std::max(0.0, -trade_amounts(fees, Side::sell, units, price).net_cash);
  return r;
}

double available_cash(const PortfolioState& state, const Reservations& held) {
  return round_to_cents(state.cash - held.cash);
}

double available_units(const PortfolioState& state, const Reservations& held, std::size_t asset) {
  return std::max(0.0, std::max(0.0, state.positions[asset].quantity) - held.units_of(asset));
}

}  // namespace finsim::portfolio
