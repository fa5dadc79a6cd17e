#include "finsim/portfolio/buy_and_hold.hpp"

#include <algorithm>
#include <cmath>

namespace finsim::portfolio {

std::string BuyAndHold::name(const PricePanel& panel) const {
  if (assets.size() == 1) return "buy-and-hold of " + panel.asset(assets.front()).ticker;
  return "equal-weight buy-and-hold of " + std::to_string(assets.size()) + " assets";
}

BuyAndHold equal_weight_buy_and_hold(const PricePanel& panel, std::span<const std::size_t> universe, std::size_t start,
                                     std::size_t end) {
  BuyAndHold b;
  if (panel.bar_count() == 0 || start >= panel.bar_count()) return b;
  end = std::min(end, panel.bar_count() - 1);
  // Each asset once, in panel order, bought at its last known close at `start`.
  std::vector<std::size_t> wanted(universe.begin(), universe.end());
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<double> entry;
  for (std::size_t a : wanted) {
    if (a >= panel.asset_count()) continue;
    double price = std::nan("");
    for (std::size_t t = start + 1; t-- > 0 && std::isnan(price);) price = panel.close(t, a);
    if (std::isnan(price)) continue;  // not listed yet: nobody could have bought it
    b.assets.push_back(a);
    entry.push_back(price);
  }
  std::vector<double> last = entry;
  const double weight = b.assets.empty() ? 0.0 : 1.0 / static_cast<double>(b.assets.size());
  for (std::size_t t = start; t <= end; ++t) {
    double v = b.assets.empty() ? 1.0 : 0.0;
    for (std::size_t k = 0; k < b.assets.size(); ++k) {
      const double c = panel.close(t, b.assets[k]);
      if (!std::isnan(c)) last[k] = c;
      v += weight * last[k] / entry[k];
    }
    if (!b.value.empty()) b.returns.push_back(v / b.value.back() - 1.0);
    b.value.push_back(v);
  }
  return b;
}

}  // namespace finsim::portfolio
