#include "finsim/portfolio/order.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "finsim/portfolio/money.hpp"
#include "finsim/portfolio/order_trigger.hpp"
#include "finsim/portfolio/participation.hpp"

namespace finsim::portfolio {
namespace {

constexpr double kTolerance = 1e-9;  // relative slack on quantity comparisons (see portfolio_state.cpp)

bool is_whole(double q) { return std::fabs(q - std::round(q)) <= kTolerance * std::max(1.0, std::fabs(q)); }

bool exceeds(double units, double available) { return units > available * (1.0 + kTolerance) + kTolerance; }

std::string units_text(double x) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

/// " (X more is reserved by pending orders)" when some is; `amount` is X already formatted.
std::string reserved_note(double reserved, const std::string& amount) {
  return reserved > 0.0 ? " (" + amount + " more is reserved by pending orders)" : "";
}

}  // namespace

std::string_view order_type_name(OrderType type) {
  switch (type) {
    case OrderType::market: return "market";
    case OrderType::limit: return "limit";
    case OrderType::stop: return "stop";
    case OrderType::stop_limit: return "stop_limit";
    case OrderType::trailing_stop: return "trailing_stop";
  }
  return "market";
}

std::optional<OrderType> parse_order_type(std::string_view name) {
  for (OrderType t : {OrderType::market, OrderType::limit, OrderType::stop, OrderType::stop_limit,
                      OrderType::trailing_stop})
    if (order_type_name(t) == name) return t;
  return std::nullopt;
}

bool has_limit(OrderType type) { return type == OrderType::limit || type == OrderType::stop_limit; }
bool has_stop(OrderType type) { return type == OrderType::stop || type == OrderType::stop_limit; }
std::string_view size_kind_name(SizeKind kind) { return kind == SizeKind::quantity ? "quantity" : "notional"; }

std::string_view execution_status_name(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::filled: return "filled";
    case ExecutionStatus::partial: return "partial";
    case ExecutionStatus::pending: return "pending";
    case ExecutionStatus::expired: return "expired";
  }
  return "pending";
}

Status validate_order(const Order& order, const PortfolioState& state, const PricePanel& panel,
                      const PortfolioRules& rules, const Reservations& held) {
  const auto asset = panel.find(order.ticker);
  if (!asset || *asset >= state.positions.size())
    return make_error("unknown_ticker", "unknown ticker '" + order.ticker + "'");
  if (!(std::isfinite(order.size) && order.size > 0.0))
    return make_error("bad_quantity", "order size must be a finite number > 0");
  if (order.size > kMaxOrderSize)
    return make_error("bad_quantity", "order size must be at most 1e12 (units or currency)");
  if (has_limit(order.type) && !(std::isfinite(order.limit_price) && order.limit_price > 0.0))
    return make_error("bad_limit_price", "a " + std::string(order_type_name(order.type)) +
                                             " order needs a finite limit price > 0");
  if (has_stop(order.type) && !(std::isfinite(order.stop_price) && order.stop_price > 0.0))
    return make_error("bad_stop_price", "a " + std::string(order_type_name(order.type)) +
                                            " order needs a finite stop price > 0");
  if (order.type == OrderType::trailing_stop && !(order.trail_percent > 0.0 && order.trail_percent < 100.0))
    return make_error("bad_trail", "a trailing stop needs a trail_percent above 0 and below 100");
  if (!(order.filled >= 0.0 && order.filled < order.size))
    return make_error("bad_quantity", "an order's filled part must be at least 0 and less than its size");
  if (order.good_until && *order.good_until < order.placed)
    return make_error("bad_expiry", "good_until is before the order was placed");
  if (order.size_kind == SizeKind::quantity && !rules.fractional && !is_whole(order.size))
    return make_error("bad_quantity", "this portfolio trades whole units only");
  if (order.side == Side::sell && !rules.allow_short && order.size_kind == SizeKind::quantity &&
      exceeds(remaining_size(order), available_units(state, held, *asset)))
    return make_error("insufficient_holdings",
                      "cannot sell more " + order.ticker + " than is held (short selling is disabled for this portfolio)" +
                          reserved_note(held.units_of(*asset), units_text(held.units_of(*asset)) + " units"));
  return {};
}

Status check_reservation(const Reservation& reservation, const PortfolioState& state, const Reservations& held,
                         const std::string& ticker) {
  const double cash = available_cash(state, held);
  if (reservation.cash > cash + 1e-9)
    return make_error("insufficient_cash", "the order may need up to " + money_text(reservation.cash) +
                                               " but the cash available is " + money_text(cash) +
                                               reserved_note(held.cash, money_text(held.cash)));
  const double units = available_units(state, held, reservation.asset);
  if (reservation.units > 0.0 && exceeds(reservation.units, units))
    return make_error("insufficient_holdings",
                      "the order may sell up to " + units_text(reservation.units) + " " + ticker + " but " +
                          units_text(units) + " are available" +
                          reserved_note(held.units_of(reservation.asset),
                                        units_text(held.units_of(reservation.asset)) + " units"));
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
                        const PortfolioRules& rules, const FillOrigin& origin, const Reservations& held,
                        double reference_price) {
  auto units = order_units(kind, size, price, rules.fractional);
  if (!units.ok()) return units.error();
  const double quantity = *units;
  Fill f;
  f.asset = asset;
  f.ticker = state.positions[asset].ticker;
  f.side = side;
  f.price = price;
  f.bar = bar;
  f.date = bar_date;
  f.order_date = origin.order_date;
  f.model = origin.model;
  f.signal_id = origin.signal_id;
  f.confidence = origin.confidence;
  f.reference_price = std::isnan(reference_price) ? price : reference_price;
  auto book = [&](double q) {  // the fill's money for q units
    const TradeAmounts amounts = trade_amounts(fees, side, q, price);
    f.quantity = q;
    f.trade_value = amounts.trade_value;
    f.fee = amounts.fee;
    f.net_cash = amounts.net_cash;
    f.slippage = slippage_cost(price, f.reference_price, q);
  };
  book(quantity);
  const double cash = available_cash(state, held);
  if (f.net_cash < 0.0 && -f.net_cash > cash + 1e-9)
    return make_error("insufficient_cash", "the order needs " + money_text(-f.net_cash) + " but cash is " +
                                               money_text(cash) + reserved_note(held.cash, money_text(held.cash)));
  if (side == Side::sell && !rules.allow_short) {
    const double available = available_units(state, held, asset);
    if (exceeds(quantity, available))
      return make_error("insufficient_holdings",
                        "cannot sell more " + f.ticker + " than is held" +
                            reserved_note(held.units_of(asset), units_text(held.units_of(asset)) + " units"));
    if (quantity > available) book(available);  // within tolerance: sell exactly what is available
  }
  return f;
}

Result<SlippageQuote> quote_fill(const PricePanel& panel, std::size_t asset, std::size_t bar, Side side, SizeKind kind,
                                 double size, double close, const PortfolioRules& rules) {
  auto units = order_units(kind, size, close, rules.fractional);
  if (!units.ok()) return units.error();
  return quote_slippage(rules.slippage, panel, asset, bar, side, *units, close);
}

double remaining_size(const Order& order) { return std::max(0.0, order.size - order.filled); }

Result<Execution> execute_order(const PortfolioState& state, const Order& order, const PricePanel& panel,
                                const FeeSchedule& fees, const PortfolioRules& rules, const Reservations& held) {
  if (Status s = validate_order(order, state, panel, rules, held); !s.ok()) return s.error();
  const std::size_t asset = *panel.find(order.ticker);
  const auto start = panel.first_bar_after(order.placed);
  if (!start) return Execution{ExecutionStatus::pending, std::nullopt, std::nullopt};
  StopTrigger trigger(order, panel, asset);
  bool live = false;               // triggered, or an order with no trigger
  std::optional<Date> triggered;  // a risk order's trigger bar
  for (std::size_t b = *start; b < panel.bar_count(); ++b) {
    if (order.good_until && panel.date(b) > *order.good_until) return Execution{ExecutionStatus::expired, {}, triggered};
    const double close = panel.close(b, asset);
    if (std::isnan(close)) continue;
    if (!live) {
      if (!trigger.crossed_by(close)) continue;
      live = true;
      if (order.type != OrderType::market && order.type != OrderType::limit) triggered = panel.date(b);
    }
    if (order.last_part && panel.date(b) <= *order.last_part) continue;  // a part was filled here already
    // The bar's volume caps what fills here (participation.hpp): a part, the rest at later bars. The
    // part is priced as the trade it is (the slippage of its own size).
    const auto now = fill_size(panel, asset, b, close, order.size_kind, remaining_size(order), rules);
    if (!now) continue;
    auto quote = quote_fill(panel, asset, b, order.side, now->kind, now->size, close, rules);
    if (!quote.ok()) return quote.error();
    const double price = quote->price;
    if (has_limit(order.type) && (order.side == Side::buy ? price > order.limit_price : price < order.limit_price))
      continue;
    auto fill = price_fill(state, asset, order.side, now->kind, now->size, b, price, panel.date(b), fees, rules,
                           FillOrigin{order.placed, order.model, order.signal_id, order.confidence}, held, close);
    if (!fill.ok()) return fill.error();
    return Execution{now->part ? ExecutionStatus::partial : ExecutionStatus::filled, std::move(fill).value(), triggered};
  }
  return Execution{ExecutionStatus::pending, std::nullopt, triggered};
}

}  // namespace finsim::portfolio
