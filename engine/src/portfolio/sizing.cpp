#include "finsim/portfolio/sizing.hpp"

#include <algorithm>
#include <cmath>

namespace finsim::portfolio {

std::string_view sizing_kind_name(SizingKind kind) {
  switch (kind) {
    case SizingKind::fixed_fraction: return "fixed_fraction";
    case SizingKind::confidence_scaled: return "confidence_scaled";
    case SizingKind::kelly: return "kelly";
  }
  return "fixed_fraction";
}

std::optional<SizingKind> parse_sizing_kind(std::string_view text) {
  for (SizingKind k : {SizingKind::fixed_fraction, SizingKind::confidence_scaled, SizingKind::kelly})
    if (text == sizing_kind_name(k)) return k;
  return std::nullopt;
}

bool valid_sizing(const SizingRule& r) {
  auto unit = [](double x) { return x > 0.0 && x <= 1.0; };
  return unit(r.fraction) && unit(r.kelly_multiplier) && unit(r.max_fraction);
}

double position_fraction(const SizingRule& rule, double confidence, double payoff_ratio, std::size_t closed_trades) {
  const double c = std::clamp(std::isnan(confidence) ? 0.0 : confidence, 0.0, 1.0);
  double f = 0.0;
  switch (rule.kind) {
    case SizingKind::fixed_fraction: f = rule.fraction; break;
    case SizingKind::confidence_scaled: f = rule.fraction * c; break;
    case SizingKind::kelly: {
      const double p = 0.5 + 0.5 * c;
      const double b = closed_trades >= rule.kelly_min_trades && payoff_ratio > 0.0 && std::isfinite(payoff_ratio)
                           ? payoff_ratio
                           : 1.0;
      f = rule.kelly_multiplier * std::max(0.0, p - (1.0 - p) / b);
      break;
    }
  }
  return std::clamp(f, 0.0, rule.max_fraction);
}

}  // namespace finsim::portfolio
