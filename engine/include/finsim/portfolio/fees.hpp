// Fee schedules: reusable, named, and the only place a fee is computed (the UI asks for a preview).
//
// A schedule is a sum of components, each one of four shapes, each applying to buys, sells or both:
//   flat       a fixed amount per order                                   (e.g. $4.95 a trade)
//   percent    rate × trade value                                         (e.g. 0.1 % = 10 bp)
//   tiered     by trade value: the tier holding the value sets flat + rate × value, or, marginal,
//              each tier's rate applies to the part of the value inside it (plus the flat of the top tier)
//   per share  per_share × |quantity|, raised to a minimum, then capped at a maximum amount and/or a
//              maximum share of trade value — the shape of Interactive Brokers' "IBKR Fixed" US stock
//              schedule (USD 0.005 a share, minimum USD 1.00, maximum 1 % of trade value), where the cap
//              wins over the minimum on very small orders.
// Components are summed unrounded; the order's fee is the sum rounded to the cent (money.hpp).
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finsim/portfolio/trade_side.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

struct FlatFee {
  double amount = 0.0;  ///< ≥ 0, per order
};

struct PercentFee {
  double rate = 0.0;  ///< fraction of trade value, in [0, 1)
};

struct FeeTier {
  double up_to = std::numeric_limits<double>::infinity();  ///< upper bound of trade value (inclusive)
  double rate = 0.0;                                        ///< fraction of value, in [0, 1)
  double flat = 0.0;                                        ///< ≥ 0
};

struct TieredFee {
  std::vector<FeeTier> tiers;  ///< non-empty, up_to strictly increasing; values above the last use it
  bool marginal = false;       ///< false: the holding tier prices the whole value
};

struct PerShareFee {
  double per_share = 0.0;     ///< ≥ 0, per unit traded
  double minimum = 0.0;       ///< ≥ 0, per order
  double maximum = 0.0;       ///< absolute cap per order; 0 = none
  double maximum_rate = 0.0;  ///< cap as a fraction of trade value, in [0, 1); 0 = none
};

using FeeRule = std::variant<FlatFee, PercentFee, TieredFee, PerShareFee>;

enum class FeeSide : std::uint8_t { both, buy, sell };

struct FeeComponent {
  FeeRule rule;
  FeeSide applies_to = FeeSide::both;
  std::string label;  ///< shown in previews, e.g. "commission", "SEC fee"
};

struct FeeSchedule {
  std::string name;
  std::vector<FeeComponent> components;  ///< empty = no fees
};

/// Every amount finite and ≥ 0, rates in [0, 1), tiers non-empty and increasing. Error "bad_fee_schedule".
Status validate_fee_schedule(const FeeSchedule& schedule);

/// The fee of one order of |quantity| units at `price`, rounded to the cent. Requires a valid
/// schedule and finite quantity and price ≥ 0. Always ≥ 0; non-decreasing in the trade value except
/// for whole-value tiers, where crossing into a cheaper tier can lower the fee (use marginal tiers to
/// avoid that).
double trade_fee(const FeeSchedule& schedule, Side side, double quantity, double price);

/// The money of one trade of |quantity| units at `price`, as every fill books it: the trade value
/// (quantity × price) and the fee, each rounded to the cent, and the signed net cash (buy −(value +
/// fee), sell value − fee), rounded to the cent. The one computation behind fills, previews and the
/// reservations of pending orders. Same requirements as trade_fee.
struct TradeAmounts {
  double trade_value = 0.0;
  double fee = 0.0;
  double net_cash = 0.0;
};
TradeAmounts trade_amounts(const FeeSchedule& schedule, Side side, double quantity, double price);

/// One component's share of a previewed fee (unrounded).
struct FeeLine {
  std::string label;
  double amount = 0.0;
};

/// What an order would cost, for the UI: it never computes fees itself.
struct FeePreview {
  std::string schedule;
  Side side = Side::buy;
  double quantity = 0.0;
  double price = 0.0;
  double trade_value = 0.0;     ///< quantity × price, rounded to the cent
  double fee = 0.0;             ///< rounded to the cent
  double net_cash = 0.0;        ///< buy: −(value + fee); sell: value − fee
  double effective_rate = 0.0;  ///< fee / value (0 when the value is 0)
  std::vector<FeeLine> lines;   ///< the components that applied
};

/// Errors: "bad_fee_schedule", "bad_quantity" (not finite and > 0), "bad_price" (not finite and > 0).
Result<FeePreview> preview_fee(const FeeSchedule& schedule, Side side, double quantity, double price);

/// Common schedules: "zero"; "flat" ($1 an order); "percent" (0.1 %); "tiered" (0.2 % to $10k,
/// 0.1 % to $100k, 0.05 % above); "ibkr_fixed" (see above); "ibkr_fixed_with_sec" (plus the US SEC
/// fee, 0.00278 % of the value of sells).
std::vector<FeeSchedule> fee_presets();
/// The preset of that name. Error "unknown_fee_schedule".
Result<FeeSchedule> fee_preset(std::string_view name);

/// JSON form, e.g. {"name": "ibkr", "components": [{"type": "per_share", "per_share": 0.005,
/// "minimum": 1, "maximum_rate": 0.01, "applies_to": "both", "label": "commission"}]}; types "flat"
/// (amount), "percent" (rate), "tiered" (tiers: [{"up_to": x|null, "rate": r, "flat": f}], marginal),
/// "per_share" (per_share, minimum, maximum, maximum_rate). `name` and `components` are required
/// (`components` an array; [] charges nothing). Parsing validates completely (error
/// "bad_fee_schedule" naming the problem).
Result<FeeSchedule> fee_schedule_from_json(const nlohmann::json& j);
nlohmann::json fee_schedule_to_json(const FeeSchedule& schedule);
nlohmann::json fee_preview_to_json(const FeePreview& preview);

}  // namespace finsim::portfolio
