// The side of a trade.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace finsim::portfolio {

enum class Side : std::uint8_t { buy, sell };

/// "buy", "sell".
std::string_view side_name(Side side);
std::optional<Side> parse_side(std::string_view text);

}  // namespace finsim::portfolio
