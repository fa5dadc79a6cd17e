#include "finsim/portfolio/trade_side.hpp"

namespace finsim::portfolio {

std::string_view side_name(Side side) { return side == Side::buy ? "buy" : "sell"; }

std::optional<Side> parse_side(std::string_view text) {
  if (text == "buy") return Side::buy;
  if (text == "sell") return Side::sell;
  return std::nullopt;
}

}  // namespace finsim::portfolio
