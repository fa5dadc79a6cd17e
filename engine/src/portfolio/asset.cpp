#include "finsim/portfolio/asset.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace finsim::portfolio {

std::string_view asset_class_name(AssetClass asset_class) {
  switch (asset_class) {
    case AssetClass::stock: return "stock";
    case AssetClass::crypto: return "crypto";
    case AssetClass::bond: return "bond";
    case AssetClass::commodity: return "commodity";
  }
  return "stock";
}

std::optional<AssetClass> parse_asset_class(std::string_view text) {
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (s == "stock" || s == "stocks" || s == "equity" || s == "equities") return AssetClass::stock;
  if (s == "crypto" || s == "cryptos" || s == "cryptocurrency") return AssetClass::crypto;
  if (s == "bond" || s == "bonds") return AssetClass::bond;
  if (s == "commodity" || s == "commodities") return AssetClass::commodity;
  return std::nullopt;
}

}  // namespace finsim::portfolio
