// Volume-aware fills: how much of a bar's traded volume one order may take there.
//
// A portfolio (or backtest) may cap each fill at a share of the bar's volume, its maximum participation
// rate q (0 < q ≤ 1; 0 = no cap, the default). An order larger than q·V_t fills q·V_t units at bar t
// and waits for the next bar for the rest, part after part, each part a fill of its own at that bar's
// price — what a broker's participation ("POV") algorithm does, and the rule with which Almgren et al.
// (2005) measured impact. A bar whose volume is unknown fills nothing of such an order; a market with
// no volumes at all cannot take the cap (error "no_volume": it says so, at once). Whole-unit portfolios
// round each part down to whole units (a part below one unit waits). Brokers and backtesters call the
// same rule a volume limit (backtrader's VolumeFiller, LEAN's VolumeShareSlippageModel).
#pragma once

#include <cstddef>

#include <optional>

#include "finsim/portfolio/order.hpp"
#include "finsim/portfolio/price_panel.hpp"
#include "finsim/result.hpp"

namespace finsim::portfolio {

/// The most units one order may take at `bar` of `asset` under participation rate `rate` (0: no cap,
/// +∞); 0 when the bar's volume is unknown, or when less than one unit is allowed in a whole-unit portfolio.
double participation_cap(const PricePanel& panel, std::size_t asset, std::size_t bar, double rate, bool fractional);

/// What of an order of `size` (units or currency per `kind`) fills at `bar`, whose close is `close`.
struct FillSize {
  SizeKind kind = SizeKind::quantity;
  double size = 0.0;
  bool part = false;  ///< capped by the volume: `size` units, the rest waits
};

/// The order's `size` whole, or the cap's units when it wants more (a part), under `rules`'
/// participation; nullopt when nothing may fill at this bar (participation_cap 0). One rule for the
/// order book (execute_order) and the strategy loop.
std::optional<FillSize> fill_size(const PricePanel& panel, std::size_t asset, std::size_t bar, double close,
                                  SizeKind kind, double size, const PortfolioRules& rules);

/// How much `fill` counts against an order sized by `kind`: its units, or its value at the execution
/// price for a notional order (the order's `filled`, participation.hpp).
double filled_amount(SizeKind kind, const Fill& fill);

/// Error "bad_participation" unless `rate` is finite and in [0, 1]; "no_volume" for a rate > 0 on a
/// market whose panel has no volumes.
Status check_participation(double rate, const PricePanel& panel);

}  // namespace finsim::portfolio
