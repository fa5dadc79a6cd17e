// Position sizing: how much of the portfolio a signal commits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace finsim::portfolio {

enum class SizingKind : std::uint8_t {
  fixed_fraction,     ///< f = fraction
  confidence_scaled,  ///< f = fraction × confidence
  kelly,              ///< f = multiplier × max(0, p − (1 − p) / b), Kelly (1956)
};
std::string_view sizing_kind_name(SizingKind kind);  ///< "fixed_fraction", "confidence_scaled", "kelly"
std::optional<SizingKind> parse_sizing_kind(std::string_view text);

/// Kelly's criterion (Kelly 1956, "A new interpretation of information rate") sizes a bet won with
/// probability p at odds b as p − (1 − p)/b. Here p = ½ + ½ × confidence (confidence 0 is a coin flip,
/// 1 a certainty) and b is the payoff ratio (average win / average loss) of the strategy's own round
/// trips closed so far — 1 until `kelly_min_trades` have closed. A fraction of full Kelly is customary
/// because p and b are estimates.
struct SizingRule {
  SizingKind kind = SizingKind::fixed_fraction;
  double fraction = 0.1;           ///< of NAV; in (0, 1]
  double kelly_multiplier = 0.5;   ///< "half Kelly"; in (0, 1]
  double max_fraction = 0.25;      ///< cap on any new position, of NAV; in (0, 1]
  std::size_t kelly_min_trades = 20;
};

/// True when every field is in range.
bool valid_sizing(const SizingRule& rule);

/// The share of NAV to commit to a new position, in [0, max_fraction]. `payoff_ratio` is the realised
/// average win / average loss so far (NaN when unknown); `closed_trades` how many trips it rests on.
double position_fraction(const SizingRule& rule, double confidence, double payoff_ratio, std::size_t closed_trades);

}  // namespace finsim::portfolio
