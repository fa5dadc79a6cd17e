#include "finsim/portfolio/participation.hpp"

#include <cmath>
#include <limits>

namespace finsim::portfolio {

double participation_cap(const PricePanel& panel, std::size_t asset, std::size_t bar, double rate, bool fractional) {
  if (!(rate > 0.0)) return std::numeric_limits<double>::infinity();
  const double volume = panel.volume(bar, asset);
  if (!(volume >= 0.0)) return 0.0;  // unknown (NaN)
  const double cap = rate * volume;
  return fractional ? cap : std::floor(cap + 1e-9 * std::max(1.0, cap));
}

std::optional<FillSize> fill_size(const PricePanel& panel, std::size_t asset, std::size_t bar, double close,
                                  SizeKind kind, double size, const PortfolioRules& rules) {
  if (!(rules.max_participation > 0.0)) return FillSize{kind, size, false};
  const double cap = participation_cap(panel, asset, bar, rules.max_participation, rules.fractional);
  if (!(cap > 0.0)) return std::nullopt;
  const double wanted = kind == SizeKind::quantity ? size : size / close;
  if (wanted > cap * (1.0 + 1e-12)) return FillSize{SizeKind::quantity, cap, true};
  return FillSize{kind, size, false};
}

double filled_amount(SizeKind kind, const Fill& fill) {
  return kind == SizeKind::quantity ? fill.quantity : fill.quantity * fill.price;
}

Status check_participation(double rate, const PricePanel& panel) {
  if (!(std::isfinite(rate) && rate >= 0.0 && rate <= 1.0))
    return make_error("bad_participation", "max_participation must be a share of the bar's volume in [0, 1]");
  if (rate > 0.0 && !panel.has_volumes())
    return make_error("no_volume", "this market has no volumes: fills cannot be capped at a share of them");
  return {};
}

}  // namespace finsim::portfolio
