#include "finsim/portfolio/order_trigger.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace finsim::portfolio {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

StopTrigger::StopTrigger(const Order& order, const PricePanel& panel, std::size_t asset)
    : type_(order.type), side_(order.side), stop_(order.stop_price), trail_(order.trail_percent / 100.0) {
  extreme_ = type_ == OrderType::trailing_stop ? panel.last_close_through(asset, order.placed) : kNaN;
}

double StopTrigger::level() const {
  if (has_stop(type_)) return stop_;
  if (type_ != OrderType::trailing_stop) return kNaN;
  return side_ == Side::sell ? extreme_ * (1.0 - trail_) : extreme_ * (1.0 + trail_);
}

bool StopTrigger::crossed_by(double close) {
  if (type_ == OrderType::market || type_ == OrderType::limit) return true;
  const double at = level();
  const bool crossed = !std::isnan(at) && (side_ == Side::sell ? close <= at : close >= at);
  if (type_ == OrderType::trailing_stop)
    extreme_ = std::isnan(extreme_) ? close : side_ == Side::sell ? std::max(extreme_, close) : std::min(extreme_, close);
  return crossed;
}

double stop_level(const Order& order, const PricePanel& panel, std::size_t asset) {
  StopTrigger trigger(order, panel, asset);
  if (order.type != OrderType::trailing_stop) return trigger.level();
  const auto start = panel.first_bar_after(order.placed);
  if (start)
    for (std::size_t b = *start; b < panel.bar_count(); ++b)
      if (panel.has_close(b, asset)) trigger.crossed_by(panel.close(b, asset));
  return trigger.level();
}

}  // namespace finsim::portfolio
