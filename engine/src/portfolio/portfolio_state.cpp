#include "finsim/portfolio/portfolio_state.hpp"

#include <algorithm>
#include <cmath>

#include "finsim/portfolio/money.hpp"

namespace finsim::portfolio {
namespace {

// Quantities within this relative distance of zero are zero: lot arithmetic on fractional units
// leaves residues of a few ulps when a position is sold in full.
constexpr double kQuantityEpsilon = 1e-9;

bool negligible(double q, double scale) { return std::fabs(q) <= kQuantityEpsilon * std::max(1.0, scale); }

}  // namespace

PortfolioState open_portfolio(const PricePanel& panel, double initial_cash) {
  PortfolioState s;
  s.initial_cash = round_to_cents(initial_cash);
  s.cash = s.initial_cash;
  s.positions.resize(panel.asset_count());
  for (std::size_t i = 0; i < panel.asset_count(); ++i) s.positions[i].ticker = panel.asset(i).ticker;
  return s;
}

void apply_fill(PortfolioState& state, const Fill& fill, std::vector<RoundTrip>* closed) {
  Position& pos = state.positions[fill.asset];
  state.cash = round_to_cents(state.cash + fill.net_cash);
  state.fees_paid = round_to_cents(state.fees_paid + fill.fee);
  ++state.fill_count;

  const double sign = fill.side == Side::buy ? 1.0 : -1.0;
  double remaining = fill.quantity;
  // The fill's value and fee are shared among the lots it closes and the lot it opens, by quantity.
  auto value_share = [&](double q) { return fill.trade_value * (q / fill.quantity); };
  auto fee_share = [&](double q) { return fill.fee * (q / fill.quantity); };

  // Lots closed in full are erased together at the end (one move of the rest, not one per lot).
  std::size_t closed_lots = 0;
  while (!negligible(remaining, fill.quantity) && closed_lots < pos.lots.size() &&
         pos.lots[closed_lots].quantity * sign < 0.0) {
    Lot& lot = pos.lots[closed_lots];
    const double lot_units = std::fabs(lot.quantity);
    const double units = std::min(remaining, lot_units);
    const double entry = lot.amount * (units / lot_units);
    RoundTrip trip;
    trip.asset = fill.asset;
    trip.ticker = fill.ticker;
    trip.is_long = lot.quantity > 0.0;
    trip.quantity = units;
    trip.open_date = lot.date;
    trip.close_date = fill.date;
    trip.open_bar = lot.bar;
    trip.close_bar = fill.bar;
    trip.entry_price = lot.price;
    trip.exit_price = fill.price;
    trip.entry_amount = entry;
    trip.exit_amount = trip.is_long ? value_share(units) - fee_share(units) : value_share(units) + fee_share(units);
    trip.pnl = trip.is_long ? trip.exit_amount - trip.entry_amount : trip.entry_amount - trip.exit_amount;
    trip.return_on_entry = entry > 0.0 ? trip.pnl / entry : 0.0;
    trip.model = lot.model;
    pos.realized_pnl += trip.pnl;
    state.realized_pnl += trip.pnl;
    if (closed) closed->push_back(std::move(trip));

    remaining -= units;
    if (units >= lot_units || negligible(lot_units - units, lot_units)) {
      ++closed_lots;
    } else {
      lot.quantity += sign * units;
      lot.amount -= entry;
    }
  }
  pos.lots.erase(pos.lots.begin(), pos.lots.begin() + static_cast<std::ptrdiff_t>(closed_lots));
  if (!negligible(remaining, fill.quantity)) {
    Lot lot;
    lot.quantity = sign * remaining;
    lot.amount = fill.side == Side::buy ? value_share(remaining) + fee_share(remaining)
                                        : value_share(remaining) - fee_share(remaining);
    lot.price = fill.price;
    lot.date = fill.date;
    lot.bar = fill.bar;
    lot.model = fill.model;
    pos.lots.push_back(std::move(lot));
  }
  double q = 0.0;
  for (const Lot& lot : pos.lots) q += lot.quantity;
  pos.quantity = q;
}

double cost_basis(const Position& position) {
  double c = 0.0;
  for (const Lot& lot : position.lots) c += lot.quantity > 0.0 ? lot.amount : -lot.amount;
  return c;
}

std::vector<double> last_prices(const PricePanel& panel, std::size_t bar) {
  std::vector<double> prices(panel.asset_count(), std::numeric_limits<double>::quiet_NaN());
  if (panel.bar_count() == 0) return prices;
  bar = std::min(bar, panel.bar_count() - 1);
  for (std::size_t a = 0; a < panel.asset_count(); ++a)
    for (std::size_t b = bar + 1; b-- > 0;)
      if (panel.has_close(b, a)) {
        prices[a] = panel.close(b, a);
        break;
      }
  return prices;
}

double holdings_value(const PortfolioState& state, std::span<const double> prices) {
  double v = 0.0;
  for (std::size_t a = 0; a < state.positions.size(); ++a) {
    const Position& p = state.positions[a];
    if (p.quantity == 0.0) continue;
    const double price = a < prices.size() ? prices[a] : std::numeric_limits<double>::quiet_NaN();
    v += std::isnan(price) ? cost_basis(p) : p.quantity * price;
  }
  return v;
}

double net_asset_value(const PortfolioState& state, std::span<const double> prices) {
  return state.cash + holdings_value(state, prices);
}

}  // namespace finsim::portfolio
