// What can be traded: a ticker, its asset class and, for stocks, its sector.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace finsim::portfolio {

/// The four asset classes of the brief (the financial_data_aggregator's fact_*_price tables).
enum class AssetClass : std::uint8_t { stock, crypto, bond, commodity };

inline constexpr int kAssetClassCount = 4;

/// "stock", "crypto", "bond", "commodity".
std::string_view asset_class_name(AssetClass asset_class);

/// Case-insensitive; accepts the singular and plural names and the synonyms "equity"/"equities" and
/// "cryptocurrency". Empty for anything else.
std::optional<AssetClass> parse_asset_class(std::string_view text);

/// A tradable instrument. `sector` is meaningful for stocks (empty when unknown) and empty otherwise.
struct Asset {
  std::string ticker;
  AssetClass asset_class = AssetClass::stock;
  std::string sector;
};

}  // namespace finsim::portfolio
