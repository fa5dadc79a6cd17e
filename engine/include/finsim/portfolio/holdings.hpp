// Holdings with prices and P&L, and the allocation of a portfolio by asset class and sector.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "finsim/portfolio/asset.hpp"
#include "finsim/portfolio/portfolio_state.hpp"
#include "finsim/portfolio/price_panel.hpp"

namespace finsim::portfolio {

/// One open position valued at a price.
struct Holding {
  std::size_t asset = 0;
  std::string ticker;
  AssetClass asset_class = AssetClass::stock;
  std::string sector;
  double quantity = 0.0;          ///< > 0 long, < 0 short
  double average_cost = 0.0;      ///< |cost_basis| / |quantity|, fees included
  double price = 0.0;             ///< last close (NaN when none yet)
  double market_value = 0.0;      ///< quantity × price (cost basis when no price)
  double cost_basis = 0.0;        ///< see cost_basis(): long paid, short −received
  double unrealized_pnl = 0.0;    ///< market_value − cost_basis
  double unrealized_return = 0.0; ///< unrealized_pnl / |cost_basis|
  double weight = 0.0;            ///< market_value / NAV
  double realized_pnl = 0.0;      ///< closed round trips of this asset so far
  std::string opened_by;          ///< model of the oldest open lot
};

/// The open positions of `state` at `prices` (one per panel asset, e.g. last_prices), in panel order.
std::vector<Holding> holdings_report(const PortfolioState& state, const PricePanel& panel,
                                     std::span<const double> prices);

struct AllocationSlice {
  std::string name;
  double value = 0.0;
  double weight = 0.0;  ///< value / NAV
};

struct Allocation {
  double nav = 0.0;
  std::vector<AllocationSlice> by_class;   ///< "stock", "crypto", "bond", "commodity", "cash" (all present)
  std::vector<AllocationSlice> by_sector;  ///< stocks only, by sector ("unknown" when empty), by name
};

/// Market values summed by class and sector, as shares of NAV (cash included; shorts count negative).
Allocation allocation(std::span<const Holding> holdings, double cash);

struct CorrelationTable {
  std::vector<std::string> tickers;
  std::vector<double> matrix;  ///< row-major, tickers × tickers (correlation_matrix's rules)
};

/// Correlations of the held assets' daily simple returns over the `window` returns ending at `bar`
/// (bars bar − window … bar of the panel; fewer at the start): the risk view's heatmap.
CorrelationTable holdings_correlation(const PricePanel& panel, std::span<const Holding> holdings, std::size_t bar,
                                      std::size_t window = 60);

}  // namespace finsim::portfolio
