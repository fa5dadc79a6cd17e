// Slippage and spread: what a trade pays beyond the close (docs/portfolio.md, "Slippage and spread").
//
// A fill's execution price is the close moved against the trader by a cost rate s:
//   buy  p = close · (1 + s),   sell  p = close · (1 − s),   s = half_spread + model term,
//   half_spread = spread_bps / 2 / 10⁴  (the quoted bid–ask spread; a market order crosses half of it)
//   fixed_bps    term = bps / 10⁴
//   volatility   term = k · σ          (σ: the asset's daily volatility)
//   square_root  term = Y · σ · √(Q / V) (Q: the order's units, V: the asset's average daily volume)
// σ is the standard deviation of the last `window` daily log returns and V the mean of the last `window`
// known volumes, both from bars before the fill's bar (known when the order could act; no look-ahead).
// The square-root law: Almgren, Thum, Hauptmann & Li (2005), "Direct estimation of equity market
// impact", Risk 18(7); Tóth et al. (2011), Phys. Rev. X 1, 021006 (Y of order 1). Pure; no I/O.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/price_panel.hpp"
#include "finsim/portfolio/trade_side.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

enum class SlippageKind : std::uint8_t { none, fixed_bps, volatility, square_root };

/// "none", "fixed_bps", "volatility", "square_root".
std::string_view slippage_kind_name(SlippageKind kind);

struct SlippageModel {
  SlippageKind kind = SlippageKind::none;
  double spread_bps = 0.0;   ///< the full quoted spread, basis points, 0–1,000; every kind pays half
  double bps = 0.0;          ///< fixed_bps: the extra cost, basis points, 0–1,000
  double k = 0.0;            ///< volatility: the share of a day's σ paid, 0–10
  double impact = 0.0;       ///< square_root: Y, 0–10
  std::size_t window = 20;   ///< bars for σ and V, 2–250
};

/// Whether the model charges anything: a model, or a spread (`none` with spread 0 is the close itself).
inline bool charges_slippage(const SlippageModel& m) { return m.kind != SlippageKind::none || m.spread_bps != 0.0; }

/// What a trade of `quantity` units at `price`, moved from `reference`, paid for it: to the cent.
double slippage_cost(double price, double reference, double quantity);

/// Limits that keep a cost rate meaningful: a rate at or above this share of the close refuses the fill
/// (a sell at half the close, or an order many times the day's volume, is not a trade this model prices).
inline constexpr double kMaxSlippageRate = 0.5;

/// "bad_slippage" for a field out of its range or a parameter that the kind does not read set to
/// anything but 0 (a model is what it says, never a silently ignored number).
Status validate_slippage(const SlippageModel& model);

/// What the model charges one trade.
struct SlippageQuote {
  double rate = 0.0;         ///< s, a fraction of the close
  double price = 0.0;        ///< the execution price
  double sigma = std::nan("");        ///< σ used (volatility, square_root), else NaN
  double volume = std::nan("");       ///< V used (square_root), else NaN
  double participation = std::nan(""); ///< Q / V (square_root), else NaN
};

/// The cost of trading `quantity` units of `asset` on `side` at `close`, the close of `bar`. Errors:
/// "no_history" (fewer than 2 returns before `bar` for σ), "no_volume" (no known volume before `bar`
/// for V, or V = 0), "too_large_for_market" (a rate ≥ kMaxSlippageRate). `none` always answers the close.
Result<SlippageQuote> quote_slippage(const SlippageModel& model, const PricePanel& panel, std::size_t asset,
                                     std::size_t bar, Side side, double quantity, double close);

/// Whether every asset of `panel` could be priced by `model`: the square-root model needs volumes
/// ("no_volume" when the panel has none).
Status check_slippage_market(const SlippageModel& model, const PricePanel& panel);

/// JSON: {"model": "none"|"fixed_bps"|"volatility"|"square_root", "spread_bps", "bps", "k", "impact",
/// "window"}; absent numbers are 0 (window 20). "bad_slippage" for anything else.
Result<SlippageModel> slippage_from_json(const nlohmann::json& j);
nlohmann::json slippage_to_json(const SlippageModel& model);

}  // namespace finsim::portfolio
