#include "finsim/portfolio/bracket.hpp"

#include <cmath>
#include <string>

namespace finsim::portfolio {
namespace {

Error bad_bracket(const std::string& message) { return make_error("bad_bracket", "bracket: " + message); }

bool positive(double x) { return std::isfinite(x) && x > 0.0; }

/// The entry's own price, if it has one: a limit's limit, a stop's stop (the price it opens near).
double entry_price(const Order& entry) {
  if (has_limit(entry.type)) return entry.limit_price;
  if (entry.type == OrderType::stop) return entry.stop_price;
  return std::nan("");
}

}  // namespace

Status validate_bracket(const Order& entry, const BracketPrices& p) {
  const bool tp = p.take_profit != 0.0, sl = p.stop_loss != 0.0;
  if (!tp && !sl) return bad_bracket("give a take_profit, a stop_loss or both");
  if (tp && !positive(p.take_profit)) return bad_bracket("take_profit must be a finite price > 0");
  if (sl && !positive(p.stop_loss)) return bad_bracket("stop_loss must be a finite price > 0");
  const bool buy = entry.side == Side::buy;
  // Above and below, as the entry's side sees them: a long profits up, a short down.
  auto beyond = [&](double a, double b) { return buy ? a > b : a < b; };
  if (tp && sl && !beyond(p.take_profit, p.stop_loss))
    return bad_bracket(buy ? "a buy's take_profit must be above its stop_loss" : "a sell's take_profit must be below its stop_loss");
  const double at = entry_price(entry);
  if (!std::isnan(at)) {
    if (tp && !beyond(p.take_profit, at))
      return bad_bracket(std::string("the take_profit must be ") + (buy ? "above" : "below") + " the entry's price");
    if (sl && !beyond(at, p.stop_loss))
      return bad_bracket(std::string("the stop_loss must be ") + (buy ? "below" : "above") + " the entry's price");
  }
  return {};
}

std::vector<Order> bracket_exits(const Order& entry, const BracketPrices& p) {
  std::vector<Order> exits;
  auto exit = [&](OrderType type) {
    Order o;
    o.ticker = entry.ticker;
    o.side = entry.side == Side::buy ? Side::sell : Side::buy;
    o.type = type;
    o.size_kind = entry.size_kind;
    o.size = entry.size;
    o.placed = entry.placed;
    o.model = entry.model;
    o.signal_id = entry.signal_id;
    o.confidence = entry.confidence;
    return o;
  };
  if (p.take_profit != 0.0) {
    exits.push_back(exit(OrderType::limit));
    exits.back().limit_price = p.take_profit;
  }
  if (p.stop_loss != 0.0) {
    exits.push_back(exit(OrderType::stop));
    exits.back().stop_price = p.stop_loss;
  }
  return exits;
}

void arm_exit(Order& exit, const Fill& fill) {
  exit.size_kind = SizeKind::quantity;
  exit.size = fill.quantity;
  exit.placed = fill.date;
}

}  // namespace finsim::portfolio
