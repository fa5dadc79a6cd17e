#include "finsim/portfolio/order.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "finsim/portfolio/money.hpp"

namespace finsim::portfolio {
namespace {

constexpr double kTolerance = 1e-9;  // relative slack on quantity comparisons (see portfolio_state.cpp)

bool is_whole(double q) { return std::fabs(q - std::round(q)) <= kTolerance * std::max(1.0, std::fabs(q)); }

std::string money_text(double x) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

double long_quantity(const PortfolioState& state, std::size_t asset) {
  return std::max(0.0, state.positions[asset].quantity);
}

}  // namespace

std::string_view order_type_name(OrderType type) { return type == OrderType::market ? "market" : "limit"; }
std::string_view size_kind_name(SizeKind kind) { return kind == SizeKind::quantity ? "quantity" : "notional"; }

std::string_view execution_status_name(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::filled: return "filled";
    case ExecutionStatus::pending: return "pending";
    case ExecutionStatus::expired: return "expired";
  }
  return "pending";
}

Status validate_order(const Order& order, const PortfolioState& state, const PricePanel& panel,
                      const PortfolioRules& rules) {
  const auto asset = panel.find(order.ticker);
  if (!asset || *asset >= state.positions.size())
    return make_error("unknown_ticker", "unknown ticker '" + order.ticker + "'");
  if (!(std::isfinite(order.size) && order.size > 0.0))
    return make_error("bad_quantity", "order size must be a finite number > 0");
  if (order.size > kMaxOrderSize)
    return make_error("bad_quantity", "order size must be at most 1e12 (units or currency)");
  if (order.type == OrderType::limit && !(std::isfinite(order.limit_price) && order.limit_price > 0.0))
    return make_error("bad_limit_price", "a limit order needs a finite limit price > 0");
  if (order.good_until && *order.good_until < order.placed)
    return make_error("bad_expiry", "good_until is before the order was placed");
  if (order.size_kind == SizeKind::quantity && !rules.fractional && !is_whole(order.size))
    return make_error("bad_quantity", "this portfolio trades whole units only");
  if (order.side == Side::sell && !rules.allow_short && order.size_kind == SizeKind::quantity &&
      order.size > long_quantity(state, *asset) * (1.0 + kTolerance) + kTolerance)
    return make_error("insufficient_holdings", "cannot sell more " + order.ticker + " than is held (short selling "
                                                   "is disabled for this portfolio)");
  return {};
}

Result<double> order_units(SizeKind kind, double size, double price, bool fractional) {
  if (!(std::isfinite(size) && size > 0.0)) return make_error("bad_quantity", "order size must be a finite number > 0");
  if (size > kMaxOrderSize) return make_error("bad_quantity", "order size must be at most 1e12 (units or currency)");
  if (kind == SizeKind::notional && !(std::isfinite(price) && price > 0.0))
    return make_error("bad_price", "a notional order needs a finite price > 0");
  double quantity = kind == SizeKind::quantity ? size : size / price;
  if (!fractional) quantity = std::floor(quantity + kTolerance * std::max(1.0, quantity));
  if (!(quantity > 0.0)) return make_error("bad_quantity", "the order is smaller than one unit");
  return quantity;
}

Result<Fill> price_fill(const PortfolioState& state, std::size_t asset, Side side, SizeKind kind, double size,
                        std::size_t bar, double price, Date bar_date, const FeeSchedule& fees,
                        const PortfolioRules& rules, const FillOrigin& origin) {
  auto units = order_units(kind, size, price, rules.fractional);
  if (!units.ok()) return units.error();
  const double quantity = *units;
  Fill f;
  f.asset = asset;
  f.ticker = state.positions[asset].ticker;
  f.side = side;
  f.quantity = quantity;
  f.price = price;
  f.bar = bar;
  f.date = bar_date;
  f.order_date = origin.order_date;
  f.model = origin.model;
  f.signal_id = origin.signal_id;
  f.confidence = origin.confidence;
  f.trade_value = round_to_cents(quantity * price);
  f.fee = trade_fee(fees, side, quantity, price);
  f.net_cash = round_to_cents(side == Side::buy ? -(f.trade_value + f.fee) : f.trade_value - f.fee);
  if (f.net_cash < 0.0 && -f.net_cash > state.cash + 1e-9)
    return make_error("insufficient_cash", "the order needs " + money_text(-f.net_cash) + " but cash is " +
                                               money_text(state.cash));
  if (side == Side::sell && !rules.allow_short) {
    const double held = long_quantity(state, asset);
    if (quantity > held * (1.0 + kTolerance) + kTolerance)
      return make_error("insufficient_holdings", "cannot sell more " + f.ticker + " than is held");
    if (quantity > held) {  // within tolerance: sell exactly what is held
      f.quantity = held;
      f.trade_value = round_to_cents(held * price);
      f.fee = trade_fee(fees, side, held, price);
      f.net_cash = round_to_cents(f.trade_value - f.fee);
    }
  }
  return f;
}

Result<Execution> execute_order(const PortfolioState& state, const Order& order, const PricePanel& panel,
                                const FeeSchedule& fees, const PortfolioRules& rules) {
  if (Status s = validate_order(order, state, panel, rules); !s.ok()) return s.error();
  const std::size_t asset = *panel.find(order.ticker);
  const auto start = panel.first_bar_after(order.placed);
  if (!start) return Execution{ExecutionStatus::pending, std::nullopt};
  for (std::size_t b = *start; b < panel.bar_count(); ++b) {
    if (order.good_until && panel.date(b) > *order.good_until) return Execution{ExecutionStatus::expired, std::nullopt};
    const double close = panel.close(b, asset);
    if (std::isnan(close)) continue;
    if (order.type == OrderType::limit &&
        (order.side == Side::buy ? close > order.limit_price : close < order.limit_price))
      continue;
    auto fill = price_fill(state, asset, order.side, order.size_kind, order.size, b, close, panel.date(b), fees, rules,
                           FillOrigin{order.placed, order.model, order.signal_id, order.confidence});
    if (!fill.ok()) return fill.error();
    return Execution{ExecutionStatus::filled, std::move(fill).value()};
  }
  return Execution{ExecutionStatus::pending, std::nullopt};
}

}  // namespace finsim::portfolio
