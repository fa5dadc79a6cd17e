#include "finsim/portfolio/reservation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/order.hpp"

namespace finsim::portfolio {
namespace {

/// The last close of `asset` at or before `date`; NaN when it has none by then.
double last_close_through(const PricePanel& panel, std::size_t asset, Date date) {
  for (std::size_t b = panel.bars_through(date); b-- > 0;)
    if (panel.has_close(b, asset)) return panel.close(b, asset);
  return std::numeric_limits<double>::quiet_NaN();
}

/// The units a sell of `order` may take at `price` (its reservation price): an upper bound for a
/// notional sell, which fills at that price or higher. 0 when none can be computed.
double sell_units(const Order& order, double price, bool fractional) {
  if (order.size_kind == SizeKind::quantity) return order.size;
  if (std::isnan(price)) return 0.0;  // unknown: the fill checks it
  auto units = order_units(order.size_kind, order.size, price, fractional);
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
  if (order.type == OrderType::limit) return order.limit_price;
  const double band = order.side == Side::buy ? 1.0 + kMarketPriceBand : 1.0 - kMarketPriceBand;
  return last_close_through(panel, asset, order.placed) * band;
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
    if (order.size_kind == SizeKind::notional) {
      const double fee = priced ? trade_fee(fees, Side::buy, order.size / price, price) : 0.0;
      r.cash = round_to_cents(round_to_cents(order.size) + fee);
    } else if (priced) {
      r.cash = -trade_amounts(fees, Side::buy, order.size, price).net_cash;
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
