// Small hand-made markets for portfolio tests.
#pragma once

#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "finsim/portfolio/price_panel.hpp"

namespace portfolio_test {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

/// Weekdays from Monday 2024-01-01: bar b is dated 2024-01-01 + b days, skipping nothing (simple dates).
inline finsim::portfolio::Date day(int b) { return {finsim::portfolio::date_from_civil(2024, 1, 1).days + b}; }

/// Two assets over six consecutive days:
///   AAA (stock, Technology): 100, 110, 120, 90,  130, 125
///   BBB (crypto):            50,  NaN, 55,  60,  NaN, 40
inline finsim::portfolio::PricePanel two_asset_panel() {
  using namespace finsim::portfolio;
  std::vector<Asset> assets = {{"AAA", AssetClass::stock, "Technology"}, {"BBB", AssetClass::crypto, ""}};
  std::vector<Date> dates;
  for (int b = 0; b < 6; ++b) dates.push_back(day(b));
  std::vector<double> closes = {100, 50, 110, kMissing, 120, 55, 90, 60, 130, kMissing, 125, 40};
  auto panel = PricePanel::create(assets, dates, closes);
  REQUIRE(panel.ok());
  return std::move(panel).value();
}

}  // namespace portfolio_test
